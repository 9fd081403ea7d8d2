import type { EndpointHealth } from '@internal/plugin-api-status-common';
import Typography from '@mui/material/Typography';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const COLORS = ['#1f77b4', '#2ca02c', '#9467bd', '#8c564b'];

/** p95 response time per bucket and endpoint over 24 h; buckets with failures marked. */
export const ResponseTimeChart = ({
  endpoints,
}: {
  endpoints: EndpointHealth[];
}) => {
  const rows = new Map<string, Record<string, number | string>>();
  for (const e of endpoints) {
    for (const p of e.series) {
      const row = rows.get(p.at) ?? { at: p.at, failures: 0 };
      if (p.p95Ms !== undefined) row[e.path] = Math.round(p.p95Ms);
      row.failures = Number(row.failures) + p.failures;
      rows.set(p.at, row);
    }
  }
  const data = [...rows.values()].sort((a, b) =>
    String(a.at).localeCompare(String(b.at)),
  );
  if (data.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No probes in the last 24 h yet.
      </Typography>
    );
  }
  const time = (at: string) =>
    new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={data} aria-label="Response time over 24 hours">
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="at" tickFormatter={time} minTickGap={40} />
        <YAxis unit=" ms" width={70} />
        <Tooltip labelFormatter={at => new Date(String(at)).toLocaleString()} />
        <Legend />
        {endpoints.map((e, i) => (
          <Line
            key={e.path}
            dataKey={e.path}
            name={`${e.path} p95`}
            stroke={COLORS[i % COLORS.length]}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
        ))}
        <Line
          dataKey="failures"
          name="failed probes"
          stroke="#d62728"
          yAxisId={0}
          dot
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
};
