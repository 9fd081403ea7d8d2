import { Entity } from '@backstage/catalog-model';
import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_MODULE,
  ANNOTATION_TYPE,
} from '@internal/plugin-base-platform-common';
import Grid from '@mui/material/Grid';
import { useModuleEntities } from '../../hooks/useModuleEntities';
import { EntityList } from '../EntityList';

/** Sections of the card: title, `base.io/type`, width of 12. */
const GROUPS: Array<[string, string, number]> = [
  ['Agents', 'agent', 4],
  ['Orchestrators', 'orchestrator', 4],
  ['Model server', 'model-server', 4],
  ['Models', 'model', 3],
  ['Workflows', 'workflow', 3],
  ['Configs', 'config', 3],
  ['Prompts', 'prompt', 3],
];

const byType = (entities: Entity[], type: string) =>
  entities.filter(e => e.metadata.annotations?.[ANNOTATION_TYPE] === type);

/** The module's services grouped as agents / orchestrators / model server, and its other parts. */
export const ModuleServicesCard = () => {
  const { entity } = useEntity();
  const { value, loading, error } = useModuleEntities(
    entity.metadata.annotations?.[ANNOTATION_MODULE],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} title="Catalog unavailable" />;
  const entities = value ?? [];
  const services = ['agent', 'orchestrator', 'model-server'].flatMap(t => byType(entities, t));
  return (
    <InfoCard title={`Services (${services.length})`} subheader="Agents, orchestrators and the model server of this module">
      <Grid container spacing={2}>
        {GROUPS.map(([title, type, width]) => (
          <Grid item xs={12} md={width} key={type}>
            <EntityList title={title} entities={byType(entities, type)} />
          </Grid>
        ))}
      </Grid>
    </InfoCard>
  );
};
