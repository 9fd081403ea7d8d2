import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { namespaceOf } from '@internal/plugin-base-platform-common';
import { CardState, StaleNotice } from '@internal/plugin-base-react';
import {
  HOURS_PER_30_DAYS,
  type NamespaceCost,
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

const Cost = ({ value }: { value: NamespaceCost }) => {
  const clusters = value.clusters.filter(
    c => c.workloads.length > 0 || c.error || c.unpricedPods > 0,
  );
  const prices = clusters.find(c => c.prices)?.prices;
  return (
    <InfoCard
      title="Cost"
      subheader={prices ? sourcesLine(prices) : `Namespace ${value.namespace}`}
    >
      <section aria-label="Module cost">
        {clusters.length === 0 && (
          <Typography variant="body2">
            No pods of {value.namespace} run on a node in any cluster: it costs
            nothing now.
          </Typography>
        )}
        {clusters.map(c => {
          const currency = c.prices?.currency ?? 'USD';
          return (
            <div key={c.cluster}>
              <Typography variant="subtitle2" sx={{ mt: 1 }}>
                {c.cluster}
              </Typography>
              {c.error && c.readAt && (
                <StaleNotice error={c.error} readAt={c.readAt} />
              )}
              {c.error && !c.readAt && (
                <Alert severity="error">{c.error}</Alert>
              )}
              {c.hourly !== undefined && (
                <>
                  <Typography variant="h6" component="p">
                    {perHourAnd30Days(c.hourly, currency)}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {savings(
                      { hourly: c.hourly, onDemandHourly: c.onDemandHourly! },
                      currency,
                    )}
                  </Typography>
                </>
              )}
              {c.unpricedPods > 0 && (
                <Alert severity="warning" sx={{ my: 1 }}>
                  {c.unpricedPods} pod(s) run on nodes without a price: their
                  cost is in no figure here (see the Capacity page).
                </Alert>
              )}
              {c.workloads.length > 0 && (
                <Table
                  size="small"
                  aria-label={`Cost per workload in ${c.cluster}`}
                >
                  <TableHead>
                    <TableRow>
                      <TableCell>Workload</TableCell>
                      <TableCell align="right">Pods</TableCell>
                      <TableCell align="right">Per hour</TableCell>
                      <TableCell align="right">Per 30 days</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {c.workloads.map(w => (
                      <TableRow key={w.workload}>
                        <TableCell>
                          {w.workload}
                          {w.unrequested > 0 &&
                            ` (${w.unrequested} pod(s) request nothing: no cost attributed)`}
                        </TableCell>
                        <TableCell align="right">{w.pods}</TableCell>
                        <TableCell align="right">
                          {formatMoney(w.hourly, currency)}
                        </TableCell>
                        <TableCell align="right">
                          {formatMoney(w.hourly * HOURS_PER_30_DAYS, currency)}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </div>
          );
        })}
      </section>
    </InfoCard>
  );
};

/** Module page: what its workloads cost per hour and per 30 days, and what spot saves. */
export const ModuleCostCard = () => {
  const { entity } = useEntity();
  const api = useApi(karpenterApiRef);
  const namespace = namespaceOf(entity) ?? entity.metadata.name;
  const state = useAsync(
    () => api.getNamespaceCost(namespace),
    [api, namespace],
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
