export { PlatformModules } from './PlatformModules';
