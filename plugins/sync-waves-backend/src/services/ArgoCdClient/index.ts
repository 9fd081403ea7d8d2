export { ArgoCdClient, readArgoCdInstance } from './ArgoCdClient';
export type { ArgoCdInstance, ArgoResourceNode } from './ArgoCdClient';
