import type { RootConfigService } from '@backstage/backend-plugin-api';
import path from 'node:path';
import { DEFAULT_PLATFORM } from './tree/platform';
import type { ParseOptions } from './tree/parsePlatformTree';

/** Where the platform tree comes from: a directory, or a repository URL. */
export type PlatformSource =
  | { type: 'directory'; path: string }
  | { type: 'url'; url: string };

/**
 * `catalog.providers.basePlatform`'s `directory` or `url`; undefined when the
 * provider is not configured. Throws when both or neither are given.
 */
export function readPlatformSource(
  config: RootConfigService,
): PlatformSource | undefined {
  const c = config.getOptionalConfig('catalog.providers.basePlatform');
  if (!c) return undefined;
  const directory = c.getOptionalString('directory');
  const url = c.getOptionalString('url');
  if (!!directory === !!url) {
    throw new Error(
      'catalog.providers.basePlatform needs exactly one of "directory" and "url"',
    );
  }
  return directory
    ? { type: 'directory', path: path.resolve(directory) }
    : { type: 'url', url: url! };
}

/**
 * The location the base-platform provider's entities carry
 * (`backstage.io/managed-by-location` and `…-origin-location`). The catalog
 * sets these annotations itself for entities read from a registered location,
 * whatever the file says, so an entity with this location came from the
 * provider.
 */
export function platformLocation(source: PlatformSource): string {
  return source.type === 'directory'
    ? `file:${source.path}/`
    : `url:${source.url}`;
}

/**
 * How the tree of `catalog.providers.basePlatform` is read: the owners by
 * domain and the ApplicationSet folders; the one reader of these keys, for
 * the catalog provider and the drift comparison.
 */
export function readPlatformParseOptions(
  config: RootConfigService,
): ParseOptions {
  const c = config.getOptionalConfig('catalog.providers.basePlatform');
  return {
    platform: {
      ...DEFAULT_PLATFORM,
      owner: c?.getOptionalString('defaultOwner') ?? DEFAULT_PLATFORM.owner,
      ownersByDomain: {
        ...DEFAULT_PLATFORM.ownersByDomain,
        ...(c?.getOptional<Record<string, string>>('ownersByDomain') ?? {}),
      },
    },
    applicationSetFolders: c?.getOptionalStringArray('applicationSetFolders'),
  };
}
