import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ClusterCapacity } from '@internal/plugin-karpenter-common';
import Alert from '@mui/material/Alert';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { StaleNotice } from '@internal/plugin-base-react';
import { karpenterApiRef } from '../../api/KarpenterApi';
import { cores, gib, spotSummary } from '../format';
import { ClusterCostCard } from '../CostCard';
import { PendingTable } from './PendingTable';
import { PoolCard } from './PoolCard';

const REFRESH_MS = 15_000;

/** The spot share of each read while the page is open, against the target. */
const SpotChart = ({
  history,
  target,
}: {
  history: Array<{ t: number; share: number }>;
  target: number;
}) => (
  <ResponsiveContainer width="100%" height={160}>
    <LineChart data={history} aria-label="Spot share over time">
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={t => new Date(t).toLocaleTimeString()}
      />
      <YAxis domain={[0, 100]} unit="%" width={50} />
      <Tooltip labelFormatter={t => new Date(Number(t)).toLocaleTimeString()} />
      <ReferenceLine
        y={target * 100}
        stroke="#d62728"
        strokeDasharray="6 3"
        label={{
          value: `target ${target * 100}%`,
          position: 'insideBottomRight',
        }}
      />
      <Line dataKey="share" stroke="#2ca02c" dot isAnimationActive={false} />
    </LineChart>
  </ResponsiveContainer>
);

const ClaimsTable = ({ view }: { view: ClusterCapacity }) => (
  <Table size="small" aria-label="NodeClaims">
    <TableHead>
      <TableRow>
        <TableCell>NodeClaim</TableCell>
        <TableCell>Type</TableCell>
        <TableCell>Lifecycle</TableCell>
        <TableCell>Node</TableCell>
        <TableCell>Disruption</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {view.claims.map(c => (
        <TableRow key={c.name}>
          <TableCell>{c.name}</TableCell>
          <TableCell>
            {c.instanceType} ({c.capacityType})
          </TableCell>
          <TableCell>
            {c.terminating && <StatusError>terminating</StatusError>}
            {!c.terminating && c.initialized && (
              <StatusOK>initialized</StatusOK>
            )}
            {!c.terminating && !c.initialized && c.registered && (
              <StatusPending>registered</StatusPending>
            )}
            {!c.terminating && !c.registered && c.launched && (
              <StatusPending>launched</StatusPending>
            )}
            {!c.launched && <StatusPending>launching</StatusPending>}
          </TableCell>
          <TableCell>{c.nodeName ?? '–'}</TableCell>
          <TableCell>{c.disruption ?? '–'}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

const NodesTable = ({ view }: { view: ClusterCapacity }) => (
  <Table size="small" aria-label="Nodes">
    <TableHead>
      <TableRow>
        <TableCell>Node</TableCell>
        <TableCell>Pool</TableCell>
        <TableCell>Type</TableCell>
        <TableCell>Zone</TableCell>
        <TableCell>Capacity</TableCell>
        <TableCell>Status</TableCell>
        <TableCell align="right">Pods</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {view.nodes.map(n => (
        <TableRow key={n.name}>
          <TableCell>{n.name}</TableCell>
          <TableCell>{n.pool ?? 'not Karpenter'}</TableCell>
          <TableCell>
            {n.instanceType} ({n.capacityType ?? 'unknown'})
          </TableCell>
          <TableCell>{n.zone}</TableCell>
          <TableCell>
            {cores(n.cpu)}, {gib(n.memoryBytes)}
          </TableCell>
          <TableCell>
            {n.terminating && (
              <StatusError>
                terminating{n.message ? `: ${n.message}` : ''}
              </StatusError>
            )}
            {!n.terminating && n.ready && <StatusOK>Ready</StatusOK>}
            {!n.terminating && !n.ready && (
              <StatusWarning>
                not ready{n.message ? `: ${n.message}` : ''}
              </StatusWarning>
            )}
          </TableCell>
          <TableCell align="right">{n.pods}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/** Capacity of one cluster: pools, spot share, claims, nodes and pending pods. */
export const CapacityPage = () => {
  const api = useApi(karpenterApiRef);
  const [params, setParams] = useSearchParams();
  const clusters = useAsync(() => api.getClusters(), [api]);
  const cluster = params.get('cluster') ?? clusters.value?.clusters[0];
  const { value, loading, error, retry } = useAsyncRetry(
    async () => (cluster ? api.getCluster(cluster) : undefined),
    [api, cluster],
  );
  useInterval(retry, REFRESH_MS);
  const [history, setHistory] = useState<Array<{ t: number; share: number }>>(
    [],
  );
  useEffect(() => setHistory([]), [cluster]);
  useEffect(() => {
    if (value?.spot.share === undefined) return;
    const t = new Date(value.readAt).getTime();
    setHistory(h =>
      h.some(p => p.t === t)
        ? h
        : [...h, { t, share: Math.round(value.spot.share! * 1000) / 10 }].slice(
            -240,
          ),
    );
  }, [value]);

  let body;
  if (clusters.error) {
    body = (
      <ResponseErrorPanel
        error={clusters.error}
        title="Karpenter (portal backend)"
      />
    );
  } else if (clusters.value && clusters.value.clusters.length === 0) {
    body = (
      <Alert severity="info">
        Not configured: kubernetes.clusterLocatorMethods lists no cluster.
      </Alert>
    );
  } else if (!value && loading) {
    body = <Progress />;
  } else if (error && !value) {
    body = <ResponseErrorPanel error={error} title={`Cluster ${cluster}`} />;
  } else if (value) {
    body = (
      <Grid container spacing={3}>
        {value.error && (
          <Grid item xs={12}>
            <StaleNotice error={value.error} readAt={value.readAt} />
          </Grid>
        )}
        {!value.karpenter && (
          <Grid item xs={12}>
            <Alert severity="info">
              Karpenter is not installed in {value.cluster}: it serves no
              karpenter.sh/v1 API. Its nodes come from managed node groups.
            </Alert>
          </Grid>
        )}
        {value.pools.map(pool => (
          <Grid item xs={12} md={6} key={pool.name}>
            <PoolCard pool={pool} />
          </Grid>
        ))}
        {value.karpenter && (
          <Grid item xs={12} md={6}>
            <InfoCard
              title="Spot and on-demand"
              subheader={spotSummary(value.spot)}
            >
              <section aria-label="Spot share">
                <Typography variant="h4" component="p">
                  {value.spot.share === undefined
                    ? '–'
                    : `${Math.round(value.spot.share * 100)}% spot`}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  target {Math.round(value.spot.target * 100)}% spot /{' '}
                  {Math.round((1 - value.spot.target) * 100)}% on-demand;
                  terminating nodes not counted; the chart covers the reads
                  since this page opened (every {REFRESH_MS / 1000} s)
                </Typography>
                <SpotChart history={history} target={value.spot.target} />
              </section>
            </InfoCard>
          </Grid>
        )}
        <Grid item xs={12}>
          <ClusterCostCard cluster={value.cluster} readAt={value.readAt} />
        </Grid>
        <Grid item xs={12}>
          <InfoCard title={`Pending pods (${value.pending.length})`}>
            <PendingTable pending={value.pending} />
          </InfoCard>
        </Grid>
        {value.karpenter && (
          <Grid item xs={12}>
            <InfoCard title={`NodeClaims (${value.claims.length})`}>
              <ClaimsTable view={value} />
            </InfoCard>
          </Grid>
        )}
        <Grid item xs={12}>
          <InfoCard title={`Nodes (${value.nodes.length})`}>
            <NodesTable view={value} />
          </InfoCard>
        </Grid>
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Capacity"
        subtitle={
          value
            ? `Karpenter in ${value.cluster}, read at ${new Date(
                value.readAt,
              ).toLocaleTimeString()}`
            : 'Karpenter node pools, claims, nodes and pending pods'
        }
      >
        {clusters.value && clusters.value.clusters.length > 0 && (
          <TextField
            select
            size="small"
            label="Cluster"
            value={cluster ?? ''}
            onChange={e => setParams({ cluster: e.target.value })}
            sx={{ minWidth: 240, backgroundColor: 'background.paper' }}
          >
            {clusters.value.clusters.map(c => (
              <MenuItem key={c} value={c}>
                {c}
              </MenuItem>
            ))}
          </TextField>
        )}
      </Header>
      <Content>{body}</Content>
    </Page>
  );
};
