import type { DriftReport } from '@internal/plugin-sync-waves-common';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';

const time = (iso?: string) => (iso ? new Date(iso).toLocaleTimeString() : '');

/** Where each side was read and when; a failed source said plainly. */
export const DriftSources = ({
  sources,
}: {
  sources: DriftReport['sources'];
}) => {
  const failed = [
    sources.tree.error &&
      `platform tree (${sources.tree.location}): ${sources.tree.error}`,
    ...sources.clusters
      .filter(c => c.error)
      .map(c => `cluster ${c.cluster}: ${c.error}`),
    sources.argocd.error && `ArgoCD: ${sources.argocd.error}`,
  ].filter(Boolean);
  return (
    <>
      <Typography variant="body2" color="text.secondary">
        Tree {sources.tree.location} read {time(sources.tree.readAt)};{' '}
        {sources.clusters
          .map(c => `${c.cluster} read ${time(c.readAt) || 'never'}`)
          .join(', ')}
        ; ArgoCD read {time(sources.argocd.readAt) || 'never'}.
      </Typography>
      {failed.length > 0 && (
        <Alert severity="warning" sx={{ my: 1 }}>
          Compared with the last good data where a source failed:{' '}
          {failed.join('; ')}
        </Alert>
      )}
    </>
  );
};
