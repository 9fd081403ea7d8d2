import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  DEFAULT_PLATFORM,
  ParseOptions,
} from '@internal/plugin-base-platform-node';
import path from 'node:path';

/** Where the platform tree comes from, how often it is read, and what the repository lacks. */
export interface BasePlatformProviderConfig {
  source: { type: 'directory'; path: string } | { type: 'url'; url: string };
  schedule: SchedulerServiceTaskScheduleDefinition;
  parse: ParseOptions;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 2 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 1 },
};

/** Reads `catalog.providers.basePlatform`; undefined when it is absent. */
export function readProviderConfig(
  config: Config,
): BasePlatformProviderConfig | undefined {
  const c = config.getOptionalConfig('catalog.providers.basePlatform');
  if (!c) return undefined;
  const directory = c.getOptionalString('directory');
  const url = c.getOptionalString('url');
  if (!!directory === !!url) {
    throw new Error(
      'catalog.providers.basePlatform needs exactly one of "directory" and "url"',
    );
  }
  return {
    source: directory
      ? { type: 'directory', path: path.resolve(directory) }
      : { type: 'url', url: url! },
    parse: {
      platform: {
        ...DEFAULT_PLATFORM,
        owner: c.getOptionalString('defaultOwner') ?? DEFAULT_PLATFORM.owner,
        ownersByDomain: {
          ...DEFAULT_PLATFORM.ownersByDomain,
          ...(c.getOptional<Record<string, string>>('ownersByDomain') ?? {}),
        },
      },
      applicationSetFolders: c.getOptionalStringArray('applicationSetFolders'),
    },
    schedule: c.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          c.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
  };
}
