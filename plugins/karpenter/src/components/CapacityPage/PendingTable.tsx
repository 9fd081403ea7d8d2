import type { PendingPod } from '@internal/plugin-karpenter-common';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';

/** Pending pods with the reasons worked out from the pools. */
export const PendingTable = ({ pending }: { pending: PendingPod[] }) => {
  if (pending.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No pending pods.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Pending pods">
      <TableHead>
        <TableRow>
          <TableCell>Pod</TableCell>
          <TableCell>Why no node takes it</TableCell>
          <TableCell>Scheduler</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {pending.map(p => (
          <TableRow key={`${p.namespace}/${p.name}`}>
            <TableCell>
              {p.namespace}/{p.name}
            </TableCell>
            <TableCell>
              {p.reasons.length === 0 ? (
                'a pool can take it: waiting for a node'
              ) : (
                <ul style={{ margin: 0, paddingLeft: 16 }}>
                  {p.reasons.map(r => (
                    <li key={r.message}>
                      <strong>{r.kind}</strong>: {r.message}
                    </li>
                  ))}
                </ul>
              )}
            </TableCell>
            <TableCell>
              <Typography variant="caption">{p.schedulerMessage}</Typography>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
