import { parseEntityRef, RELATION_DEPENDS_ON } from '@backstage/catalog-model';
import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_DESCRIPTOR,
  ANNOTATION_HEALTH_PATHS,
  ANNOTATION_HTTP_PORT,
  ANNOTATION_METRICS_PORT,
  ANNOTATION_MODULE,
  ANNOTATION_REPLICAS,
  ANNOTATION_SPEC_ERROR,
  ANNOTATION_SPEC_FILE,
  ANNOTATION_SPEC_STATUS,
  ANNOTATION_THROUGHPUT_TARGET,
  ANNOTATION_TYPE,
  ANNOTATION_WAVE,
  moduleEntityName,
} from '@internal/plugin-base-platform-common';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import { ReactNode } from 'react';

const SpecStatus = ({ status, error }: { status?: string; error?: string }) => {
  if (status === 'present') return <StatusOK>present</StatusOK>;
  if (status === 'empty') return <StatusWarning>empty: {error}</StatusWarning>;
  return <StatusError>invalid: {error}</StatusError>;
};

/** What a BASE component's spec says: module, wave, ports, health paths, dependencies. */
export const ServiceDetailsCard = () => {
  const { entity } = useEntity();
  const a = entity.metadata.annotations ?? {};
  const module = a[ANNOTATION_MODULE];
  const dependsOn = (entity.relations ?? []).filter(
    r => r.type === RELATION_DEPENDS_ON,
  );
  const rows: Array<[string, ReactNode]> = [
    [
      'Module',
      <EntityRefLink
        entityRef={{
          kind: 'system',
          name: moduleEntityName(module),
          namespace: 'default',
        }}
        title={moduleEntityName(module)}
      />,
    ],
    ['Type', a[ANNOTATION_TYPE]],
    ['Descriptor', a[ANNOTATION_DESCRIPTOR]],
    ['Sync wave', a[ANNOTATION_WAVE]],
  ];
  if (a[ANNOTATION_HTTP_PORT])
    rows.push(['HTTP port', a[ANNOTATION_HTTP_PORT]]);
  if (a[ANNOTATION_METRICS_PORT])
    rows.push(['Metrics port', a[ANNOTATION_METRICS_PORT]]);
  if (a[ANNOTATION_HEALTH_PATHS])
    rows.push([
      'Health paths',
      a[ANNOTATION_HEALTH_PATHS].split(',').join(' '),
    ]);
  if (a[ANNOTATION_REPLICAS]) rows.push(['Replicas', a[ANNOTATION_REPLICAS]]);
  if (a[ANNOTATION_THROUGHPUT_TARGET])
    rows.push(['Throughput target', `${a[ANNOTATION_THROUGHPUT_TARGET]} GB/h`]);
  rows.push([
    'Depends on',
    dependsOn.length === 0 ? (
      'nothing'
    ) : (
      <span>
        {dependsOn.map((r, i) => (
          <span key={r.targetRef}>
            {i > 0 && ', '}
            <EntityRefLink
              entityRef={parseEntityRef(r.targetRef)}
              title={parseEntityRef(r.targetRef).name}
            />
          </span>
        ))}
      </span>
    ),
  ]);
  if (a[ANNOTATION_SPEC_FILE])
    rows.push(['Spec file', a[ANNOTATION_SPEC_FILE]]);
  if (a[ANNOTATION_SPEC_STATUS])
    rows.push([
      'Spec',
      <SpecStatus
        status={a[ANNOTATION_SPEC_STATUS]}
        error={a[ANNOTATION_SPEC_ERROR]}
      />,
    ]);
  return (
    <InfoCard title="BASE component">
      <Table size="small" aria-label="BASE component">
        <TableBody>
          {rows.map(([label, value]) => (
            <TableRow key={label}>
              <TableCell
                component="th"
                scope="row"
                sx={{ fontWeight: 600, width: 160 }}
              >
                {label}
              </TableCell>
              <TableCell>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
};
