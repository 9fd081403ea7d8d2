export { PlatformThroughput } from './PlatformThroughput';
