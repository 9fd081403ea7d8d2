import { createPermission } from '@backstage/plugin-permission-common';

/** Sync an ArgoCD Application from the portal (platform-team, or the module's owners). */
export const syncWavesApplicationSyncPermission = createPermission({
  name: 'sync-waves.application.sync',
  attributes: { action: 'update' },
});

/** Every permission of the plugin, for registration. */
export const syncWavesPermissions = [syncWavesApplicationSyncPermission];
