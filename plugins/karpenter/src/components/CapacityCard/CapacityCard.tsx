import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@mui/material/Typography';
import {
  CardState,
  StaleNotice,
  useEntityRead,
} from '@internal/plugin-base-react';
import {
  karpenterApiRef,
  type PoolView as PoolViewData,
} from '../../api/KarpenterApi';
import { cores, gib, spotSummary } from '../format';

/** Cluster Resource page: its pools, spot share and pending pods at a glance. */
export const ClusterCapacityCard = () => {
  const api = useApi(karpenterApiRef);
  const state = useEntityRead(api, (a, e) => a.getCluster(e.name));
  return (
    <CardState title="Capacity" state={state}>
      {value => (
        <InfoCard
          title="Capacity"
          deepLink={{
            title: 'Capacity page',
            link: `/capacity?cluster=${value.cluster}`,
          }}
        >
          <section aria-label="Cluster capacity">
            <StaleNotice error={value.error} readAt={value.readAt} />
            {!value.karpenter && (
              <Typography variant="body2">
                Karpenter is not installed in {value.cluster};{' '}
                {value.nodes.length} nodes from managed node groups.
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
      )}
    </CardState>
  );
};

const PoolView = ({ value }: { value: PoolViewData }) => {
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
        <StaleNotice error={value.error} readAt={value.readAt} />
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

/** Node pool Resource page: the pool's limits, nodes and claims. */
export const NodePoolCapacityCard = () => {
  const api = useApi(karpenterApiRef);
  return (
    <CardState
      title="Capacity"
      state={useEntityRead(api, (a, e) => a.getPool(e.name))}
    >
      {value => <PoolView value={value} />}
    </CardState>
  );
};
