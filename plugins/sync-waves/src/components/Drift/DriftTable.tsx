import {
  StatusError,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { DriftDifference } from '@internal/plugin-sync-waves-common';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';

const KIND_LABEL: Record<DriftDifference['kind'], string> = {
  missing: 'missing in the cluster',
  extra: 'not in the tree',
  changed: 'changed',
  'out-of-sync': 'OutOfSync in ArgoCD',
};

const Kind = ({ kind }: { kind: DriftDifference['kind'] }) => {
  if (kind === 'missing') return <StatusError>{KIND_LABEL[kind]}</StatusError>;
  if (kind === 'out-of-sync')
    return <StatusPending>{KIND_LABEL[kind]}</StatusPending>;
  return <StatusWarning>{KIND_LABEL[kind]}</StatusWarning>;
};

/** Differences with both values and where each comes from. */
export const DriftTable = ({
  differences,
  label,
  showModule,
}: {
  differences: Array<DriftDifference & { module?: string }>;
  label: string;
  showModule?: boolean;
}) => (
  <Table size="small" aria-label={label}>
    <TableHead>
      <TableRow>
        {showModule && <TableCell>Module</TableCell>}
        <TableCell>Difference</TableCell>
        <TableCell>Object</TableCell>
        <TableCell>Field</TableCell>
        <TableCell>In the tree</TableCell>
        <TableCell>Live</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {differences.map((d, i) => (
        <TableRow key={i}>
          {showModule && <TableCell>{d.module}</TableCell>}
          <TableCell>
            <Kind kind={d.kind} />
          </TableCell>
          <TableCell>
            {d.object.kind} {d.object.name}
          </TableCell>
          <TableCell>{d.field ?? '–'}</TableCell>
          <TableCell>
            {d.declared ?? (d.declaredIn ? 'declared' : '–')}
            {d.declaredIn && (
              <div>
                <small>{d.declaredIn}</small>
              </div>
            )}
          </TableCell>
          <TableCell>
            {d.live ?? (d.kind === 'missing' ? 'absent' : '–')}
            {d.liveIn && (
              <div>
                <small>{d.liveIn}</small>
              </div>
            )}
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);
