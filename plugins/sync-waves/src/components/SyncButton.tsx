import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { syncWavesApplicationSyncPermission } from '@internal/plugin-sync-waves-common';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { syncWavesApiRef } from '../api/SyncWavesApi';

/**
 * Starts a sync of the module's Application. Shown only to users the policy
 * allows for that module (its System); the backend checks again.
 */
export const SyncButton = ({
  application,
  systemRef,
  onSynced,
}: {
  application: string;
  systemRef: string | undefined;
  onSynced?: () => void;
}) => {
  const api = useApi(syncWavesApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const { allowed, loading } = usePermission({
    permission: syncWavesApplicationSyncPermission,
    resourceRef: systemRef,
  });
  if (loading || !allowed) return null;
  const sync = async () => {
    setBusy(true);
    try {
      await api.syncApplication(application);
      alertApi.post({
        message: `Sync of ${application} started`,
        severity: 'success',
        display: 'transient',
      });
      onSynced?.();
    } catch (e) {
      alertApi.post({
        message: `Sync of ${application} failed: ${(e as Error).message}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="outlined" size="small" disabled={busy} onClick={sync}>
      Sync {application}
    </Button>
  );
};
