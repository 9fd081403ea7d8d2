import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Sync an ArgoCD Application from the portal. The resource is the module's
 * System entity (the one whose `argocd/app-name` names the Application), so a
 * policy can allow the module's owners through the catalog's own conditions.
 */
export const syncWavesApplicationSyncPermission = createPermission({
  name: 'sync-waves.application.sync',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * See and call the sync tool over MCP (`sync-waves:sync-application`): the
 * actions registry's visibility permission, basic. Whoever may sync some
 * module's Application holds it; each call is still checked against
 * {@link syncWavesApplicationSyncPermission} on the module it syncs.
 */
export const syncWavesSyncToolPermission = createPermission({
  name: 'sync-waves.sync-tool.use',
  attributes: { action: 'update' },
});

/** Every permission of the plugin, for registration. */
export const syncWavesPermissions = [
  syncWavesApplicationSyncPermission,
  syncWavesSyncToolPermission,
];
