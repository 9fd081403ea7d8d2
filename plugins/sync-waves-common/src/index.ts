/**
 * Wire types and permissions of the sync-waves plugin.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './permissions';

/** The annotation naming an entity's ArgoCD Application (the key Roadie's plugin reads too). */
export { ANNOTATION_ARGOCD_APP as ARGOCD_APP_ANNOTATION } from '@internal/plugin-base-platform-common';
export * from './drift';
