import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { CardState, StaleNotice } from '@internal/plugin-base-react';
import {
  type ClusterCost,
  HOURS_PER_30_DAYS,
  formatMoney,
} from '@internal/plugin-karpenter-common';
import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { karpenterApiRef } from '../../api/KarpenterApi';
import {
  NOT_CONFIGURED,
  perHourAnd30Days,
  savings,
  sourcesLine,
} from './money';

const TOP = 15;

const Cost = ({ value }: { value: ClusterCost }) => {
  const currency = value.prices.currency;
  const share = (hourly: number) =>
    value.total.hourly > 0
      ? `${Math.round((hourly / value.total.hourly) * 100)} %`
      : '–';
  const rows = [
    ...value.namespaces.slice(0, TOP).map(n => ({
      key: n.namespace,
      label: n.namespace,
      pods: String(n.pods),
      hourly: n.hourly,
    })),
    {
      key: '(idle)',
      label: 'Idle: capacity no pod requested',
      pods: '–',
      hourly: value.idle.hourly,
    },
  ];
  return (
    <InfoCard title="Cost" subheader={sourcesLine(value.prices)}>
      <section aria-label="Cluster cost">
        {value.error && (
          <StaleNotice error={value.error} readAt={value.readAt} />
        )}
        <Typography variant="h5" component="p">
          {perHourAnd30Days(value.total.hourly, currency)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {value.nodes.length} priced nodes; {savings(value.total, currency)};
          idle {formatMoney(value.idle.hourly, currency)}/h (
          {share(value.idle.hourly)})
        </Typography>
        {value.unpriced.length > 0 && (
          <Alert severity="warning" sx={{ my: 1 }}>
            {value.unpriced.length} node(s) without a price are in no figure:{' '}
            {value.unpriced.map(u => `${u.name}: ${u.reason}`).join('; ')}
          </Alert>
        )}
        <Table size="small" aria-label="Cost by node pool">
          <TableHead>
            <TableRow>
              <TableCell>Node pool</TableCell>
              <TableCell align="right">Nodes</TableCell>
              <TableCell align="right">Per hour</TableCell>
              <TableCell align="right">Per 30 days</TableCell>
              <TableCell align="right">Idle per hour</TableCell>
              <TableCell align="right">All on-demand per hour</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.pools.map(p => (
              <TableRow key={p.pool}>
                <TableCell>{p.pool}</TableCell>
                <TableCell align="right">{p.nodes}</TableCell>
                <TableCell align="right">
                  {formatMoney(p.hourly, currency)}
                </TableCell>
                <TableCell align="right">
                  {formatMoney(p.hourly * HOURS_PER_30_DAYS, currency)}
                </TableCell>
                <TableCell align="right">
                  {formatMoney(p.idleHourly, currency)}
                </TableCell>
                <TableCell align="right">
                  {formatMoney(p.onDemandHourly, currency)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Table size="small" aria-label="Cost by namespace" sx={{ mt: 2 }}>
          <TableHead>
            <TableRow>
              <TableCell>
                Namespace
                {value.namespaces.length > TOP
                  ? ` (top ${TOP} of ${value.namespaces.length})`
                  : ''}
              </TableCell>
              <TableCell align="right">Pods</TableCell>
              <TableCell align="right">Per hour</TableCell>
              <TableCell align="right">Per 30 days</TableCell>
              <TableCell align="right">Share</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(r => (
              <TableRow key={r.key}>
                <TableCell>{r.label}</TableCell>
                <TableCell align="right">{r.pods}</TableCell>
                <TableCell align="right">
                  {formatMoney(r.hourly, currency)}
                </TableCell>
                <TableCell align="right">
                  {formatMoney(r.hourly * HOURS_PER_30_DAYS, currency)}
                </TableCell>
                <TableCell align="right">{share(r.hourly)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
    </InfoCard>
  );
};

/** Capacity page: what the cluster's nodes cost, by pool and namespace, idle and spot savings. */
export const ClusterCostCard = ({
  cluster,
  readAt,
}: {
  cluster: string;
  /** The page's last read: the card reads again with it. */
  readAt?: string;
}) => {
  const api = useApi(karpenterApiRef);
  const state = useAsync(
    () => api.getClusterCost(cluster),
    [api, cluster, readAt],
  );
  return (
    <CardState
      title="Cost"
      upstream="Karpenter"
      state={state}
      notConfigured={NOT_CONFIGURED}
    >
      {value => <Cost value={value} />}
    </CardState>
  );
};
