export { PlatformTools } from './PlatformTools';
export { readPlatformTools } from './readPlatformTools';
export type { PlatformTool } from './readPlatformTools';
