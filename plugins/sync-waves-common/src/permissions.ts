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

/** Every permission of the plugin, for registration. */
export const syncWavesPermissions = [syncWavesApplicationSyncPermission];
