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
        <Grid item xs={12} md={4}>
          <EntityList title="Agents" entities={byType(entities, 'agent')} />
        </Grid>
        <Grid item xs={12} md={4}>
          <EntityList title="Orchestrators" entities={byType(entities, 'orchestrator')} />
        </Grid>
        <Grid item xs={12} md={4}>
          <EntityList title="Model server" entities={byType(entities, 'model-server')} />
        </Grid>
        <Grid item xs={12} md={3}>
          <EntityList title="Models" entities={byType(entities, 'model')} />
        </Grid>
        <Grid item xs={12} md={3}>
          <EntityList title="Workflows" entities={byType(entities, 'workflow')} />
        </Grid>
        <Grid item xs={12} md={3}>
          <EntityList title="Configs" entities={byType(entities, 'config')} />
        </Grid>
        <Grid item xs={12} md={3}>
          <EntityList title="Prompts" entities={byType(entities, 'prompt')} />
        </Grid>
      </Grid>
    </InfoCard>
  );
};
