import type { Config } from '@backstage/config';
import path from 'node:path';

/** How the BASE templates publish: `base.scaffolder` in app-config. */
export interface PublishConfig {
  /** `local`: a git commit in the platform tree the catalog reads (development); `github`: a pull request. */
  mode: 'local' | 'github';
  /** The local platform tree (the catalog provider's directory). */
  platformDir?: string;
  /** `github.com?owner=…&repo=…` for publish:github:pull-request. */
  repoUrl?: string;
  /** The branch pull requests target and Applications track. */
  branch: string;
  /** The platform repository's git URL, for the modules' ArgoCD Applications. */
  gitUrl: string;
}

export function readPublishConfig(config: Config): PublishConfig {
  const c = config.getOptionalConfig('base.scaffolder');
  const mode = (c?.getOptionalString('publish') ??
    'local') as PublishConfig['mode'];
  if (mode !== 'local' && mode !== 'github') {
    throw new Error(
      `base.scaffolder.publish must be "local" or "github", not "${mode}"`,
    );
  }
  const directory = config.getOptionalString(
    'catalog.providers.basePlatform.directory',
  );
  return {
    mode,
    platformDir: directory ? path.resolve(directory) : undefined,
    repoUrl: c?.getOptionalString('repoUrl'),
    branch: c?.getOptionalString('branch') ?? 'main',
    gitUrl:
      c?.getOptionalString('gitUrl') ??
      'https://github.com/vsem-svoim/base-app-layer.git',
  };
}
