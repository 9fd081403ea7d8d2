import type { EventsService } from '@backstage/plugin-events-node';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { BASE_PLATFORM_CHANGED_TOPIC } from '@internal/plugin-base-platform-common';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PublishConfig } from '../config';
import { MODULE_APPLICATIONSET } from '../render/platformShapes';
import { inside, listFiles } from './files';

const exec = promisify(execFile);

/** `base:publish:target`: how this portal publishes (config), for the template's `if:`s. */
export function createPublishTargetAction(deps: { publish: PublishConfig }) {
  return createTemplateAction({
    id: 'base:publish:target',
    description:
      'Tells the template how this portal publishes: "local" (a commit in the platform tree) or "github" (a pull request), with the repository',
    examples: [
      {
        description: 'Choose the publishing step by configuration',
        example: [
          'steps:',
          '  - id: target',
          '    action: base:publish:target',
          '  - id: publish-local',
          "    if: ${{ steps.target.output.mode === 'local' }}",
          '    action: base:publish:local',
          '    input:',
          '      commitMessage: Add module risk_analytics',
        ].join('\n'),
      },
    ],
    supportsDryRun: true,
    schema: {
      output: {
        mode: z => z.string(),
        repoUrl: z => z.string(),
        branch: z => z.string(),
      },
    },
    async handler(ctx) {
      if (deps.publish.mode === 'github' && !deps.publish.repoUrl) {
        throw new InputError('base.scaffolder.repoUrl is not configured');
      }
      ctx.output('mode', deps.publish.mode);
      ctx.output('repoUrl', deps.publish.repoUrl ?? '');
      ctx.output('branch', deps.publish.branch);
    },
  });
}

/**
 * `base:publish:local`: copies the workspace into the local platform tree as
 * one git commit and tells the catalog to read the tree again. New files only,
 * but for kustomization.yaml files, which the component template updates; a
 * new module folder appears whole (written aside, then renamed).
 */
export function createPublishLocalAction(deps: {
  publish: PublishConfig;
  events: EventsService;
}) {
  return createTemplateAction({
    id: 'base:publish:local',
    description:
      'Commits the workspace into the local platform tree (development) and asks the catalog to read it again',
    examples: [
      {
        description: 'Commit what the previous steps wrote',
        example: [
          'steps:',
          '  - id: publish-local',
          '    action: base:publish:local',
          '    input:',
          "      commitMessage: 'Add module ${{ parameters.moduleName }}'",
        ].join('\n'),
      },
    ],
    // writes outside the workspace: a dry run must not
    supportsDryRun: false,
    schema: {
      input: {
        commitMessage: z => z.string(),
      },
      output: {
        commit: z => z.string(),
        files: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const root = deps.publish.platformDir;
      if (deps.publish.mode !== 'local' || !root) {
        throw new InputError(
          'base:publish:local needs base.scaffolder.publish: local and catalog.providers.basePlatform.directory',
        );
      }
      const files = await listFiles(ctx.workspacePath);
      if (files.length === 0) throw new InputError('Nothing to publish');
      for (const file of files) {
        const target = inside(root, file);
        const exists = await fs.stat(target).catch(() => undefined);
        // kustomizations and the module ApplicationSet are updated in place
        if (
          exists &&
          path.basename(file) !== 'kustomization.yaml' &&
          file !== MODULE_APPLICATIONSET
        ) {
          throw new InputError(`${file} already exists in the platform tree`);
        }
      }
      // new top-level folders (a new module) are written aside and renamed
      // into place, so the tree never holds half a module
      const tops = [...new Set(files.map(f => f.split('/')[0]))];
      for (const top of tops) {
        const target = inside(root, top);
        const exists = await fs.stat(target).catch(() => undefined);
        if (!exists) {
          const staging = path.join(
            root,
            `.${top}.${crypto.randomBytes(4).toString('hex')}.tmp`,
          );
          await fs.cp(path.join(ctx.workspacePath, top), staging, {
            recursive: true,
          });
          await fs.rename(staging, target);
        } else {
          for (const file of files.filter(f => f.startsWith(`${top}/`))) {
            const dest = inside(root, file);
            await fs.mkdir(path.dirname(dest), { recursive: true });
            const tmp = `${dest}.${crypto.randomBytes(4).toString('hex')}.tmp`;
            await fs.copyFile(path.join(ctx.workspacePath, file), tmp);
            await fs.rename(tmp, dest);
          }
        }
      }
      const git = (...args: string[]) => exec('git', args, { cwd: root });
      const author = ctx.user?.ref ?? 'the BASE Developer Portal';
      await git('add', '--', ...files);
      await git(
        '-c',
        'user.name=BASE Developer Portal',
        '-c',
        'user.email=portal@fin.vsem-svoim.com',
        'commit',
        '--no-verify',
        '-m',
        `${ctx.input.commitMessage}\n\nRequested by ${author} through the portal.`,
        '--',
        ...files,
      );
      const { stdout } = await git('rev-parse', 'HEAD');
      await deps.events.publish({
        topic: BASE_PLATFORM_CHANGED_TOPIC,
        eventPayload: { files, commit: stdout.trim() },
      });
      ctx.logger.info(`committed ${files.length} files as ${stdout.trim()}`);
      ctx.output('commit', stdout.trim());
      ctx.output('files', files);
    },
  });
}
