export { ArgoCdClient, readArgoCdInstance } from './ArgoCdClient';
export type { ArgoCdInstance } from './ArgoCdClient';
