/**
 * Wire types and permissions of the sync-waves plugin.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './permissions';

/** The annotation naming an entity's ArgoCD Application (the key Roadie's plugin reads too). */
export const ARGOCD_APP_ANNOTATION = 'argocd/app-name';
