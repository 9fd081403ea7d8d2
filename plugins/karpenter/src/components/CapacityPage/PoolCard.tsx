import { InfoCard } from '@backstage/core-components';
import { PoolCapacity, toGiB } from '@internal/plugin-karpenter-common';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { cores, gib } from '../format';

/** Provisioned against the limit, as a share, per resource. */
const UsageChart = ({ pool }: { pool: PoolCapacity }) => {
  const share = (used: number, limit?: number) =>
    limit ? Math.round((used / limit) * 1000) / 10 : 0;
  const data = [
    {
      resource: 'CPU',
      provisioned: share(pool.provisioned.cpu, pool.limits.cpu),
    },
    {
      resource: 'Memory',
      provisioned: share(
        toGiB(pool.provisioned.memoryBytes),
        pool.limits.memoryBytes && toGiB(pool.limits.memoryBytes),
      ),
    },
  ];
  return (
    <ResponsiveContainer width="100%" height={140}>
      <BarChart
        data={data}
        layout="vertical"
        aria-label="Capacity against limits"
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" domain={[0, 100]} unit="%" />
        <YAxis type="category" dataKey="resource" width={70} />
        <Tooltip formatter={v => [`${v}% of the limit`, 'provisioned']} />
        <Legend />
        <Bar
          dataKey="provisioned"
          name="provisioned, % of limit"
          fill="#1f77b4"
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
};

/** One NodePool: limits vs provisioned, node class, taints, nodes by family and capacity type. */
export const PoolCard = ({ pool }: { pool: PoolCapacity }) => (
  <InfoCard
    title={`NodePool ${pool.name}`}
    subheader={`EC2NodeClass ${pool.nodeClass?.name ?? 'none'}${
      pool.nodeClass?.amiSelector ? ` (AMI ${pool.nodeClass.amiSelector})` : ''
    }`}
  >
    <section aria-label={`NodePool ${pool.name}`}>
      <Typography variant="body2">
        CPU: {cores(pool.provisioned.cpu)} provisioned of{' '}
        {cores(pool.limits.cpu)} · Memory: {gib(pool.provisioned.memoryBytes)}{' '}
        of {gib(pool.limits.memoryBytes)} · {pool.provisioned.nodes} nodes
      </Typography>
      <UsageChart pool={pool} />
      <Typography variant="body2" sx={{ mt: 1 }}>
        Taints:{' '}
        {pool.taints.length === 0
          ? 'none'
          : pool.taints
              .map(t => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)
              .join(', ')}
        {' · '}Disruption: {pool.disruption.consolidationPolicy ?? '–'} after{' '}
        {pool.disruption.consolidateAfter ?? '–'}, nodes expire after{' '}
        {pool.disruption.expireAfter ?? 'never'}
      </Typography>
      <Table
        size="small"
        aria-label={`Nodes of ${pool.name} by type`}
        sx={{ mt: 1 }}
      >
        <TableHead>
          <TableRow>
            <TableCell>Family</TableCell>
            <TableCell>Size</TableCell>
            <TableCell>Capacity type</TableCell>
            <TableCell align="right">Nodes</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {pool.nodesByType.map(t => (
            <TableRow key={`${t.family}/${t.size}/${t.capacityType}`}>
              <TableCell>{t.family}</TableCell>
              <TableCell>{t.size}</TableCell>
              <TableCell>{t.capacityType}</TableCell>
              <TableCell align="right">{t.count}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  </InfoCard>
);
