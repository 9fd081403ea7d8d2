import { Table, TableColumn } from '@backstage/core-components';
import type { ConformanceFinding } from '@internal/plugin-base-platform-common';

export type FindingRow = ConformanceFinding & { module?: string };

const RULES: Record<ConformanceFinding['rule'], string> = {
  count: 'Component count',
  'empty-spec': 'Empty spec',
  'invalid-spec': 'Invalid spec',
  naming: 'Naming',
  'unknown-folder': 'Unknown file',
  wave: 'Sync wave',
  dependency: 'Dependency',
  'module-file': 'Module file',
};

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
    { title: 'Rule', field: 'rule', render: row => RULES[row.rule] ?? row.rule },
    { title: 'File', field: 'file' },
    { title: 'Finding', field: 'message' },
  ];
  return (
    <Table<FindingRow>
      title={title}
      columns={columns}
      data={findings}
      options={{ paging: findings.length > 20, pageSize: 20, search: true, padding: 'dense' }}
    />
  );
};
