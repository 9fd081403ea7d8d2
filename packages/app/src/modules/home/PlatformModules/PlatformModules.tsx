import {
  Link,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ReactNode } from 'react';
import {
  ModuleRow,
  PlatformModules as Data,
  Read,
  usePlatformModules,
} from './usePlatformModules';

function Badge<T>({
  read,
  children,
}: {
  read: Read<T>;
  children: (value: T) => ReactNode;
}) {
  if ('error' in read) return <StatusWarning>unavailable</StatusWarning>;
  return <>{children(read.value)}</>;
}

const Deploy = ({ row }: { row: ModuleRow }) => (
  <Badge read={row.deploy}>
    {d => {
      if (!d) return <StatusWarning>no Application</StatusWarning>;
      const text = `wave ${d.wave} · ${d.sync}, ${d.health}`;
      if (d.sync === 'Synced' && d.health === 'Healthy')
        return <StatusOK>{text}</StatusOK>;
      if (d.health === 'Degraded' || d.health === 'Missing')
        return <StatusError>{text}</StatusError>;
      return <StatusPending>{text}</StatusPending>;
    }}
  </Badge>
);

const Health = ({ row }: { row: ModuleRow }) => (
  <Badge read={row.health}>
    {h => {
      const text = `${h.up} of ${h.total} up`;
      if (h.total === 0) return <>no services</>;
      return h.up === h.total ? (
        <StatusOK>{text}</StatusOK>
      ) : (
        <StatusError>{text}</StatusError>
      );
    }}
  </Badge>
);

const Throughput = ({ row }: { row: ModuleRow }) => (
  <Badge read={row.throughput}>
    {t => {
      if (!t) return <>—</>;
      const text = `${t.gbPerHour.toFixed(0)} of ${t.target} GB/h`;
      return t.gbPerHour >= t.target ? (
        <StatusOK>{text}</StatusOK>
      ) : (
        <StatusWarning>{text}</StatusWarning>
      );
    }}
  </Badge>
);

const Conformance = ({ row }: { row: ModuleRow }) => {
  if (row.conformance === undefined)
    return <StatusWarning>unreadable</StatusWarning>;
  if (row.conformance === 0) return <StatusOK>conforms</StatusOK>;
  return (
    <StatusWarning>{`${row.conformance} finding${
      row.conformance === 1 ? '' : 's'
    }`}</StatusWarning>
  );
};

/** What the wave board says in one line: waves, and the first that is blocked. */
function WaveSummary({ data }: { data: Data }) {
  if ('error' in data.board)
    return (
      <Alert severity="warning">
        Sync waves unavailable (ArgoCD, through the portal): {data.board.error}
      </Alert>
    );
  const { waves } = data.board.value;
  const blocked = waves.filter(w => w.blockedBy);
  const synced = waves.filter(
    w => w.sync === 'Synced' && w.health === 'Healthy',
  ).length;
  return (
    <Alert
      severity={blocked.length ? 'warning' : 'success'}
      aria-label="Sync waves summary"
    >
      {`${synced} of ${waves.length} sync waves synced and healthy`}
      {blocked.length
        ? `; wave ${blocked[0].blockedBy!.wave} holds back ${blocked
            .map(w => `wave ${w.wave}`)
            .join(', ')} (${blocked[0].blockedBy!.applications.join(', ')})`
        : ''}
      .{' '}
      <Link to="/sync-waves" underline="always">
        Sync waves
      </Link>
    </Alert>
  );
}

/** Home: the platform's modules by domain with their badges, the wave board's summary and the portal's pages. */
export const PlatformModules = () => {
  const { value, loading, error } = usePlatformModules();
  if (loading) return <Progress />;
  if (error || !value)
    return <ResponseErrorPanel error={error!} title="Modules (catalog)" />;
  let domain = '';
  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {`${value.modules.length} BASE modules by domain: each one's sync wave and ArgoCD state, services up, ingestion against target, conformance`}
      </Typography>
      <WaveSummary data={value} />
      {value.modules.length === 0 ? (
        <Alert severity="info">
          The catalog holds no BASE module yet: the base-platform provider reads
          the platform repository (catalog.providers.basePlatform) shortly after
          start.
        </Alert>
      ) : (
        <Table size="small" aria-label="Modules by domain">
          <TableHead>
            <TableRow>
              <TableCell>Module</TableCell>
              <TableCell>Deploy</TableCell>
              <TableCell>Services</TableCell>
              <TableCell>Ingestion</TableCell>
              <TableCell>Conformance</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.modules.flatMap(row => {
              const rows = [];
              if (row.domain !== domain) {
                domain = row.domain;
                rows.push(
                  <TableRow key={`d-${domain}`}>
                    <TableCell
                      colSpan={5}
                      component="th"
                      scope="rowgroup"
                      sx={{ fontWeight: 700, pt: 2 }}
                    >
                      {domain}
                    </TableCell>
                  </TableRow>,
                );
              }
              rows.push(
                <TableRow key={row.module}>
                  <TableCell>
                    <EntityRefLink
                      entityRef={row.entity}
                      title={row.entity.metadata.title ?? row.module}
                    />
                  </TableCell>
                  <TableCell>
                    <Deploy row={row} />
                  </TableCell>
                  <TableCell>
                    <Health row={row} />
                  </TableCell>
                  <TableCell>
                    <Throughput row={row} />
                  </TableCell>
                  <TableCell>
                    <Conformance row={row} />
                  </TableCell>
                </TableRow>,
              );
              return rows;
            })}
          </TableBody>
        </Table>
      )}
      <nav aria-label="Portal pages">
        <Stack direction="row" spacing={3} flexWrap="wrap">
          <Link to="/catalog">Catalog</Link>
          <Link to="/create">Create</Link>
          <Link to="/sync-waves">Sync waves</Link>
          <Link to="/capacity">Capacity</Link>
          <Link to="/base-conformance">Conformance</Link>
          <Link to="/api-docs">APIs</Link>
          <Link to="/docs">Docs</Link>
        </Stack>
      </nav>
    </Stack>
  );
};
