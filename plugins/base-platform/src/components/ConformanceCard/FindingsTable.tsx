import { Table, TableColumn } from '@backstage/core-components';
import {
  CONFORMANCE_RULES,
  type ConformanceFinding,
} from '@internal/plugin-base-platform-common';

export type FindingRow = ConformanceFinding & { module?: string };

/** Findings, each naming its rule and file. */
export const FindingsTable = ({
  title,
  findings,
  showModule,
}: {
  title: string;
  findings: FindingRow[];
  showModule?: boolean;
}) => {
  const columns: TableColumn<FindingRow>[] = [
    ...(showModule ? [{ title: 'Module', field: 'module' }] : []),
    {
      title: 'Rule',
      field: 'rule',
      render: row => CONFORMANCE_RULES[row.rule] ?? row.rule,
    },
    { title: 'Severity', field: 'severity' },
    {
      title: 'File',
      field: 'file',
      render: row => (row.line ? `${row.file}:${row.line}` : row.file),
    },
    { title: 'Finding', field: 'message' },
  ];
  return (
    <Table<FindingRow>
      title={title}
      columns={columns}
      data={findings}
      options={{
        paging: findings.length > 20,
        pageSize: 20,
        search: true,
        padding: 'dense',
      }}
    />
  );
};
