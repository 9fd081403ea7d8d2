import type { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_DESCRIPTOR,
  ANNOTATION_KUBERNETES_SERVICE,
  ANNOTATION_MODULE,
  ANNOTATION_TYPE,
  ComponentType,
  moduleFolderFromSlug,
  TYPE_FOLDERS,
  validateComponentRequest,
} from '@internal/plugin-base-platform-common';
import fs from 'node:fs/promises';
import type { PublishConfig } from '../config';
import { renderComponent } from '../render/renderComponent';
import { inside, writeFiles } from './files';

/**
 * `base:component:add`: a new component in an existing module — its spec
 * file, its workload for agents and orchestrators, and the type folder's
 * kustomization.yaml updated in place (from the workspace when a previous
 * step fetched the module, else from the local platform tree).
 */
export function createComponentAddAction(deps: {
  catalog: CatalogService;
  auth: AuthService;
  publish: PublishConfig;
}) {
  return createTemplateAction({
    id: 'base:component:add',
    description:
      'Adds an agent, model, orchestrator, workflow, config or prompt to an existing BASE module',
    examples: [
      {
        description: 'A new agent in the risk_analytics module',
        example: [
          'steps:',
          '  - id: add',
          '    action: base:component:add',
          '    input:',
          '      module: system:default/base-risk-analytics',
          '      componentType: agent',
          '      descriptor: exposure-calculator',
        ].join('\n'),
      },
    ],
    supportsDryRun: true,
    schema: {
      input: {
        module: z =>
          z
            .string()
            .describe(
              'The module System, e.g. system:default/base-risk-analytics',
            ),
        componentType: z =>
          z
            .string()
            .describe('agent, model, orchestrator, workflow, config or prompt'),
        descriptor: z => z.string().describe('e.g. exposure-calculator'),
        ingestion: z =>
          z
            .boolean()
            .optional()
            .describe('An ingestion agent (metric contract, 100 GB/h target)'),
      },
      output: {
        entityRef: z => z.string(),
        files: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const { module, componentType, descriptor } = ctx.input;
      let ref;
      try {
        ref = parseEntityRef(module, {
          defaultKind: 'system',
          defaultNamespace: 'default',
        });
      } catch (e) {
        throw new InputError(`module: "${module}" is not an entity ref`);
      }
      const credentials = await deps.auth.getOwnServiceCredentials();
      const system = await deps.catalog.getEntityByRef(ref, { credentials });
      const slug = system?.metadata.annotations?.[ANNOTATION_MODULE];
      if (!system || system.kind !== 'System' || !slug) {
        throw new InputError(
          `module: ${module} is not a BASE module in the catalog`,
        );
      }
      const { items } = await deps.catalog.getEntities(
        {
          filter: {
            [`metadata.annotations.${ANNOTATION_MODULE}`]: slug,
            [`metadata.annotations.${ANNOTATION_TYPE}`]: componentType,
          },
          fields: ['metadata.annotations'],
        },
        { credentials },
      );
      const existing = items.map(
        e => e.metadata.annotations?.[ANNOTATION_DESCRIPTOR] ?? '',
      );
      const problems = validateComponentRequest({
        moduleSlug: slug,
        componentType,
        descriptor,
        existing,
      });
      if (problems.length > 0) {
        throw new InputError(
          `The component cannot be added: ${problems
            .map(p => `${p.field}: ${p.message}`)
            .join('; ')}`,
        );
      }
      const type = componentType as ComponentType;
      const folder = moduleFolderFromSlug(slug);
      const kustomizationPath = `${folder}/${TYPE_FOLDERS[type]}/kustomization.yaml`;
      const read = (root?: string) =>
        root
          ? fs
              .readFile(inside(root, kustomizationPath), 'utf8')
              .catch(() => undefined)
          : undefined;
      const existingKustomization =
        (await read(ctx.workspacePath)) ??
        (await read(deps.publish.platformDir));
      const { items: agents } = await deps.catalog.getEntities(
        {
          filter: {
            [`metadata.annotations.${ANNOTATION_MODULE}`]: slug,
            [`metadata.annotations.${ANNOTATION_TYPE}`]: 'agent',
          },
          fields: ['metadata.annotations'],
        },
        { credentials },
      );
      const files = renderComponent({
        folder,
        slug,
        type,
        descriptor,
        agents: agents.map(a => ({
          descriptor: a.metadata.annotations?.[ANNOTATION_DESCRIPTOR] ?? '',
          service: a.metadata.annotations?.[ANNOTATION_KUBERNETES_SERVICE],
        })),
        existingKustomization,
        ingestion: type === 'agent' && ctx.input.ingestion === true,
      });
      await writeFiles(ctx.workspacePath, files);
      const entityRef =
        type === 'config' || type === 'prompt'
          ? `resource:default/base-${slug}-${type}-${descriptor}`
          : `component:default/base-${slug}-${type}-${descriptor}`;
      ctx.logger.info(`added ${entityRef} (${files.length} files)`);
      ctx.output('entityRef', entityRef);
      ctx.output(
        'files',
        files.map(f => f.path),
      );
    },
  });
}
