import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  ParseOptions,
  PlatformSource,
  readPlatformParseOptions,
  readPlatformSource,
} from '@internal/plugin-base-platform-node';

/** Where the platform tree comes from, how often it is read, and what the repository lacks. */
export interface BasePlatformProviderConfig {
  source: PlatformSource;
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
  const source = readPlatformSource(config);
  if (!source) return undefined;
  const c = config.getConfig('catalog.providers.basePlatform');
  return {
    source,
    parse: readPlatformParseOptions(config),
    schedule: c.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          c.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
  };
}
