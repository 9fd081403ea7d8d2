import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_MODULE,
  ANNOTATION_WAVE,
  readConformanceFindings,
} from '@internal/plugin-base-platform-common';
import Grid from '@mui/material/Grid';
import useAsync from 'react-use/esm/useAsync';
import { FindingRow, FindingsTable } from '../ConformanceCard';

/** Every module against the architecture, platform-wide. */
export const ConformanceReportPage = () => {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'system',
        [`metadata.annotations.${ANNOTATION_MODULE}`]: CATALOG_FILTER_EXISTS,
      },
    });
    return items
      .filter(e => e.metadata.annotations?.[ANNOTATION_MODULE])
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }, [catalogApi]);

  const modules = value ?? [];
  const findings: FindingRow[] = modules.flatMap(m =>
    readConformanceFindings(m).map(f => ({ ...f, module: m.metadata.name })),
  );
  return (
    <Page themeId="tool">
      <Header
        title="Conformance"
        subtitle="Each BASE module against the architecture: 6 agents, 5 models, 5 orchestrators, 5 workflows, 4 configs, 6 prompts; valid specs and names; its domain's sync wave; dependencies that exist"
      />
      <Content>
        {loading && <Progress />}
        {error && (
          <ResponseErrorPanel error={error} title="Catalog unavailable" />
        )}
        {value && (
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <Table
                title={`Modules (${modules.length})`}
                options={{ paging: false, search: false, padding: 'dense' }}
                columns={[
                  {
                    title: 'Module',
                    field: 'name',
                    render: row => (
                      <EntityRefLink entityRef={row.entity} title={row.name} />
                    ),
                  },
                  { title: 'Domain', field: 'domain' },
                  { title: 'Wave', field: 'wave' },
                  { title: 'Findings', field: 'findings' },
                ]}
                data={modules.map(m => ({
                  entity: m,
                  name: m.metadata.name,
                  domain: String(m.spec?.domain ?? ''),
                  wave: m.metadata.annotations?.[ANNOTATION_WAVE] ?? '',
                  findings: readConformanceFindings(m).length,
                }))}
              />
            </Grid>
            <Grid item xs={12}>
              <FindingsTable
                title={`Findings (${findings.length})`}
                findings={findings}
                showModule
              />
            </Grid>
          </Grid>
        )}
      </Content>
    </Page>
  );
};
