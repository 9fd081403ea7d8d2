import type { Config } from '@backstage/config';

/** A platform tool as the Home page lists it. */
export interface PlatformTool {
  id: string;
  title: string;
  description?: string;
  url: string;
}

/**
 * Reads `base.tools` from config. Missing config yields an empty list; a
 * malformed entry throws, naming the key, so a broken config is visible.
 */
export function readPlatformTools(config: Config): PlatformTool[] {
  return (config.getOptionalConfigArray('base.tools') ?? []).map(tool => ({
    id: tool.getString('id'),
    title: tool.getString('title'),
    description: tool.getOptionalString('description'),
    url: tool.getString('url'),
  }));
}
