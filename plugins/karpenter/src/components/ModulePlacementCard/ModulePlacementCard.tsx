import { InfoCard } from '@backstage/core-components';
import { CardState } from '@internal/plugin-base-react';
import type { NamespacePlacement } from '@internal/plugin-karpenter-common';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { namespaceOf } from '@internal/plugin-base-platform-common';
import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { karpenterApiRef } from '../../api/KarpenterApi';
import { PendingTable } from '../CapacityPage/PendingTable';

const Placement = ({ value }: { value: NamespacePlacement }) => {
  const namespace = value.namespace;
  const clusters = value.clusters.filter(c => c.pods > 0 || c.error);
  return (
    <InfoCard
      title="Where its pods run"
      subheader={`Namespace ${namespace}, from Karpenter and the nodes of each cluster`}
    >
      <section aria-label="Pod placement">
        {clusters.length === 0 && (
          <Typography variant="body2">
            No pods in {namespace} in any cluster.
          </Typography>
        )}
        {clusters.map(c => (
          <div key={c.cluster}>
            <Typography variant="subtitle2" sx={{ mt: 1 }}>
              {c.cluster}: {c.pods} pods, {c.pending.length} pending
            </Typography>
            {c.error && (
              <Alert severity="error" sx={{ my: 1 }}>
                {c.error}
                {c.readAt
                  ? `. Showing the last good data, read at ${new Date(
                      c.readAt,
                    ).toLocaleString()}.`
                  : ''}
              </Alert>
            )}
            {c.running.length > 0 && (
              <Table size="small" aria-label={`Running pods in ${c.cluster}`}>
                <TableHead>
                  <TableRow>
                    <TableCell>Node pool</TableCell>
                    <TableCell>Capacity type</TableCell>
                    <TableCell>Instance type</TableCell>
                    <TableCell align="right">Pods</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {c.running.map(r => (
                    <TableRow
                      key={`${r.pool}/${r.capacityType}/${r.instanceType}`}
                    >
                      <TableCell>{r.pool ?? 'not Karpenter'}</TableCell>
                      <TableCell>{r.capacityType ?? '–'}</TableCell>
                      <TableCell>{r.instanceType ?? '–'}</TableCell>
                      <TableCell align="right">{r.count}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {c.pending.length > 0 && <PendingTable pending={c.pending} />}
          </div>
        ))}
      </section>
    </InfoCard>
  );
};

/** Module page: where its pods run (pool, capacity type, instance type), which pend and why. */
export const ModulePlacementCard = () => {
  const { entity } = useEntity();
  const api = useApi(karpenterApiRef);
  const namespace = namespaceOf(entity) ?? entity.metadata.name;
  const state = useAsync(() => api.getNamespace(namespace), [api, namespace]);
  return (
    <CardState title="Where its pods run" state={state}>
      {value => <Placement value={value} />}
    </CardState>
  );
};
