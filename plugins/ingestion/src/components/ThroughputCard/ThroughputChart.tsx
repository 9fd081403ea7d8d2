import Typography from '@mui/material/Typography';
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

/** GB/h over the last 24 h with the agent's target as a line. */
export const ThroughputChart = ({
  series,
  target,
}: {
  series: Array<{ t: number; gbPerHour: number }>;
  target: number;
}) => {
  if (series.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No samples in the last 24 h.
      </Typography>
    );
  }
  const data = series.map(p => ({
    t: p.t * 1000,
    gbPerHour: Math.round(p.gbPerHour * 10) / 10,
  }));
  const max = Math.max(target, ...data.map(d => d.gbPerHour));
  const time = (t: number) =>
    new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <ResponsiveContainer width="100%" height={200}>
      <LineChart data={data} aria-label="Throughput over 24 hours">
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={time}
          minTickGap={40}
        />
        <YAxis unit=" GB/h" width={80} domain={[0, Math.ceil(max * 1.1)]} />
        <Tooltip
          labelFormatter={t => new Date(Number(t)).toLocaleString()}
          formatter={v => [`${v} GB/h`, 'throughput']}
        />
        <ReferenceLine
          y={target}
          stroke="#d62728"
          strokeDasharray="6 3"
          label={{ value: `target ${target} GB/h`, position: 'insideTopRight' }}
        />
        <Line
          dataKey="gbPerHour"
          stroke="#1f77b4"
          dot={data.length < 3}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
};
