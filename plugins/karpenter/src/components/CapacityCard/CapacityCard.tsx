import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { useCallback } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { karpenterApiRef } from '../../api/KarpenterApi';
import { cores, gib, spotSummary } from '../format';

const Stale = ({ error, readAt }: { error?: string; readAt: string }) =>
  error ? (
    <Alert severity="error" sx={{ mb: 1 }}>
      {error}. Showing the last good data, read at{' '}
      {new Date(readAt).toLocaleString()}.
    </Alert>
  ) : null;

/**
 * Reads the entity's capacity view; while loading or failed, the element to
 * show instead of the card.
 */
function useCapacity<T>(
  read: (name: string) => Promise<T>,
  errorTitle: (name: string) => string,
): { value?: T; placeholder?: JSX.Element; name: string } {
  const { entity } = useEntity();
  const name = entity.metadata.name;
  const { value, loading, error } = useAsync(() => read(name), [read, name]);
  if (loading) {
    return {
      name,
      placeholder: (
        <InfoCard title="Capacity">
          <Progress />
        </InfoCard>
      ),
    };
  }
  if (error || !value) {
    return {
      name,
      placeholder: (
        <ResponseErrorPanel error={error!} title={errorTitle(name)} />
      ),
    };
  }
  return { name, value };
}

/** Cluster Resource page: its pools, spot share and pending pods at a glance. */
export const ClusterCapacityCard = () => {
  const api = useApi(karpenterApiRef);
  const read = useCallback((name: string) => api.getCluster(name), [api]);
  const {
    value,
    placeholder,
    name: cluster,
  } = useCapacity(read, name => `Capacity of ${name}`);
  if (!value) return placeholder!;
  return (
    <InfoCard
      title="Capacity"
      deepLink={{
        title: 'Capacity page',
        link: `/capacity?cluster=${cluster}`,
      }}
    >
      <section aria-label="Cluster capacity">
        <Stale error={value.error} readAt={value.readAt} />
        {!value.karpenter && (
          <Typography variant="body2">
            Karpenter is not installed in {cluster}; {value.nodes.length} nodes
            from managed node groups.
          </Typography>
        )}
        {value.pools.map(p => (
          <Typography variant="body2" key={p.name}>
            NodePool {p.name}: {p.provisioned.nodes} nodes,{' '}
            {cores(p.provisioned.cpu)} of {cores(p.limits.cpu)},{' '}
            {gib(p.provisioned.memoryBytes)} of {gib(p.limits.memoryBytes)}
          </Typography>
        ))}
        {value.karpenter && (
          <Typography variant="body2">{spotSummary(value.spot)}</Typography>
        )}
        <Typography variant="body2">
          {value.pending.length} pending pods
        </Typography>
      </section>
    </InfoCard>
  );
};

/** Node pool Resource page: the pool's limits, nodes and claims. */
export const NodePoolCapacityCard = () => {
  const api = useApi(karpenterApiRef);
  const read = useCallback((name: string) => api.getPool(name), [api]);
  const { value, placeholder } = useCapacity(read, name => `NodePool ${name}`);
  if (!value) return placeholder!;
  const { pool } = value;
  return (
    <InfoCard
      title="Capacity"
      subheader={`in ${value.cluster}`}
      deepLink={{
        title: 'Capacity page',
        link: `/capacity?cluster=${value.cluster}`,
      }}
    >
      <section aria-label="Node pool capacity">
        <Stale error={value.error} readAt={value.readAt} />
        <Typography variant="body2">
          {pool.provisioned.nodes} nodes: {cores(pool.provisioned.cpu)} of{' '}
          {cores(pool.limits.cpu)}, {gib(pool.provisioned.memoryBytes)} of{' '}
          {gib(pool.limits.memoryBytes)}
        </Typography>
        <Typography variant="body2">{spotSummary(value.spot)}</Typography>
        <Typography variant="body2">
          NodeClaims: {value.claims.length} (
          {value.claims.filter(c => c.initialized).length} initialized,{' '}
          {value.claims.filter(c => c.terminating).length} terminating,{' '}
          {value.claims.filter(c => c.drifted).length} drifted)
        </Typography>
        <Typography variant="body2">
          Nodes by type:{' '}
          {pool.nodesByType
            .map(t => `${t.count}× ${t.family}.${t.size} ${t.capacityType}`)
            .join(', ')}
        </Typography>
        <Link to={`/capacity?cluster=${value.cluster}`}>
          All of {value.cluster}
        </Link>
      </section>
    </InfoCard>
  );
};
