import type { AuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ModuleRequest,
  moduleSlugFromFolder,
  validateModuleRequest,
  withDefaults,
} from '@internal/plugin-base-platform-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod/v3';
import type { PublishConfig } from '../config';
import { MODULE_APPLICATIONSET } from '../render/platformShapes';
import { renderModule } from '../render/renderModule';
import { inside, writeFiles } from './files';

type Zod = typeof z;

const moduleInput = {
  moduleName: (z: Zod) =>
    z.string().describe('The module folder, snake_case, e.g. risk_analytics'),
  domain: (z: Zod) =>
    z.string().describe('A Domain entity name, e.g. processing-analytics'),
  owner: (z: Zod) =>
    z.string().describe('The owning Group, e.g. group:default/platform-team'),
  description: (z: Zod) => z.string().optional(),
  components: (z: Zod) =>
    z
      .object({
        agent: z.array(z.string()).optional(),
        model: z.array(z.string()).optional(),
        orchestrator: z.array(z.string()).optional(),
        workflow: z.array(z.string()).optional(),
        config: z.array(z.string()).optional(),
        prompt: z.array(z.string()).optional(),
      })
      .optional()
      .describe('Descriptors per type; a type left out gets the standard ones'),
  ingestionAgents: (z: Zod) =>
    z.array(z.string()).optional().describe('Agents that ingest data'),
  allowMoreComponents: (z: Zod) =>
    z
      .boolean()
      .optional()
      .describe(
        'The documented override for more components of a type than the architecture allows (up to 20)',
      ),
};

const EXAMPLE = {
  description:
    'A module of the Processing & Analytics domain with the standard components',
  example: [
    'steps:',
    '  - id: validate',
    '    action: base:module:validate',
    '    input:',
    '      moduleName: risk_analytics',
    '      domain: processing-analytics',
    '      owner: group:default/processing-analytics-team',
  ].join('\n'),
};

/** The request with defaults applied, and refused with every problem when invalid. */
function checkedRequest(input: {
  moduleName: string;
  domain: string;
  owner: string;
  description?: string;
  components?: Partial<ModuleRequest['components']>;
  ingestionAgents?: string[];
  allowMoreComponents?: boolean;
}): ModuleRequest {
  // the form is not the only client: what an API caller leaves out gets the defaults
  const request = withDefaults(input);
  const problems = validateModuleRequest(request);
  if (problems.length > 0) {
    throw new InputError(
      `The module cannot be created: ${problems
        .map(p => `${p.field}: ${p.message}`)
        .join('; ')}`,
    );
  }
  return request;
}

/** Refuses an owner that is not a Group of the catalog. */
async function checkOwner(
  owner: string,
  deps: { catalog: CatalogService; auth: AuthService },
) {
  const ref = owner.includes(':') ? owner : `group:${owner}`;
  const group = await deps.catalog.getEntityByRef(ref, {
    credentials: await deps.auth.getOwnServiceCredentials(),
  });
  if (!group || group.kind !== 'Group') {
    throw new InputError(
      `The module cannot be created: owner: ${owner} is not a Group in the catalog`,
    );
  }
}

/** `base:module:validate`: names, lengths, domain, owner, descriptors; and no such module yet. */
export function createModuleValidateAction(deps: {
  catalog: CatalogService;
  auth: AuthService;
  publish: PublishConfig;
}) {
  return createTemplateAction({
    id: 'base:module:validate',
    description:
      'Checks a new BASE module against the naming convention and Kubernetes name limits, and that no module of that name exists',
    examples: [EXAMPLE],
    supportsDryRun: true,
    schema: {
      input: moduleInput,
      output: {
        slug: zod => zod.string(),
        systemRef: zod => zod.string(),
      },
    },
    async handler(ctx) {
      const request = checkedRequest(ctx.input);
      await checkOwner(request.owner, deps);
      const slug = moduleSlugFromFolder(request.moduleName);
      const systemRef = `system:default/base-${slug}`;
      const existing = await deps.catalog.getEntityByRef(systemRef, {
        credentials: await deps.auth.getOwnServiceCredentials(),
      });
      if (existing) {
        throw new InputError(
          `The module cannot be created: moduleName: ${systemRef} already exists in the catalog`,
        );
      }
      if (deps.publish.mode === 'local' && deps.publish.platformDir) {
        const folder = path.join(deps.publish.platformDir, request.moduleName);
        if (await fs.stat(folder).catch(() => undefined)) {
          throw new InputError(
            `The module cannot be created: moduleName: the platform tree already has a folder ${request.moduleName}`,
          );
        }
      }
      ctx.logger.info(`${request.moduleName} is free and valid: ${systemRef}`);
      ctx.output('slug', slug);
      ctx.output('systemRef', systemRef);
    },
  });
}

/** `base:module:render`: writes the module folder into the workspace. */
export function createModuleRenderAction(deps: {
  publish: PublishConfig;
  catalog: CatalogService;
  auth: AuthService;
}) {
  return createTemplateAction({
    id: 'base:module:render',
    description:
      "Writes a new BASE module in the platform repository's shapes (agent manifests, base.io/v1 custom resources, prompts, kustomizations, namespace, model server, README) and adds it to the module ApplicationSet, into the workspace",
    examples: [
      { ...EXAMPLE, example: EXAMPLE.example.replace('validate', 'render') },
    ],
    supportsDryRun: true,
    schema: {
      input: moduleInput,
      output: {
        folder: zod => zod.string(),
        systemRef: zod => zod.string(),
        files: zod => zod.array(zod.string()),
      },
    },
    async handler(ctx) {
      const request = checkedRequest(ctx.input);
      await checkOwner(request.owner, deps);
      // the module ApplicationSet gets the new module's element in place
      const read = (root?: string) =>
        root
          ? fs
              .readFile(inside(root, MODULE_APPLICATIONSET), 'utf8')
              .catch(() => undefined)
          : undefined;
      const existing =
        (await read(ctx.workspacePath)) ??
        (await read(deps.publish.platformDir));
      const files = renderModule(request, existing);
      await writeFiles(ctx.workspacePath, files);
      ctx.logger.info(`wrote ${files.length} files of ${request.moduleName}`);
      ctx.output('folder', request.moduleName);
      ctx.output(
        'systemRef',
        `system:default/base-${moduleSlugFromFolder(request.moduleName)}`,
      );
      ctx.output(
        'files',
        files.map(f => f.path),
      );
    },
  });
}
