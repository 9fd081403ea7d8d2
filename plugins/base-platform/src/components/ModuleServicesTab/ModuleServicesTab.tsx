import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_MODULE,
  ANNOTATION_REPLICAS,
  ANNOTATION_TYPE,
  kubernetesIdOf,
} from '@internal/plugin-base-platform-common';
import {
  formatMoney,
  HOURS_PER_30_DAYS,
  isNoPriceTable,
} from '@internal/plugin-karpenter-common';
import Alert from '@mui/material/Alert';
import Grid from '@mui/material/Grid';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { ReactNode, useMemo } from 'react';
import { useModuleEntities } from '../../hooks/useModuleEntities';
import { EntityList } from '../EntityList';
import { Column, ServiceStates, useServiceStates } from './useServiceStates';

const KINDS: Array<[string, string]> = [
  ['agent', 'Agent'],
  ['orchestrator', 'Orchestrator'],
  ['model-server', 'Model server'],
];

const PARTS: Array<[string, string]> = [
  ['Models', 'model'],
  ['Workflows', 'workflow'],
  ['Configs', 'config'],
  ['Prompts', 'prompt'],
];

const typeOf = (e: Entity) => e.metadata.annotations?.[ANNOTATION_TYPE];

/** A cell whose column failed: the reason, said once per column. */
const Unavailable = ({ column }: { column: Column<unknown> }) =>
  column.error ? <StatusWarning>unavailable</StatusWarning> : null;

function DeployCell({ column }: { column?: Column<any> }) {
  if (!column) return null;
  if (column.error) return <StatusWarning>{column.error}</StatusWarning>;
  const resources: Array<{ kind: string; sync?: string; health?: string }> =
    column.value?.resources ?? [];
  const deployment = resources.find(r => r.kind === 'Deployment');
  if (!deployment)
    return <StatusWarning>no Deployment in the Application</StatusWarning>;
  const text = [deployment.sync, deployment.health].filter(Boolean).join(', ');
  if (deployment.health === 'Healthy' && deployment.sync !== 'OutOfSync')
    return <StatusOK>{text}</StatusOK>;
  if (deployment.health === 'Degraded' || deployment.health === 'Missing')
    return <StatusError>{text}</StatusError>;
  return <StatusPending>{text || 'unknown'}</StatusPending>;
}

function HealthCell({
  states,
  entityRef,
}: {
  states: ServiceStates;
  entityRef: string;
}) {
  const { health } = states;
  if (health.error) return <Unavailable column={health} />;
  const s = health.value?.get(entityRef);
  if (!s) return <>not probed</>;
  const availability =
    s.availability24h === undefined
      ? ''
      : ` · ${(s.availability24h * 100).toFixed(2)} % (24 h)`;
  if (s.state === 'up') return <StatusOK>up{availability}</StatusOK>;
  if (s.state === 'down') return <StatusError>down{availability}</StatusError>;
  return <StatusPending>not probed yet</StatusPending>;
}

function ThroughputCell({
  states,
  entityRef,
  isAgent,
}: {
  states: ServiceStates;
  entityRef: string;
  isAgent: boolean;
}) {
  const { throughput } = states;
  const a = throughput.value?.get(entityRef);
  if (!a)
    return isAgent && throughput.error ? (
      <Unavailable column={throughput} />
    ) : (
      <>—</>
    );
  if (a.state === 'no-data' || !a.current)
    return (
      <StatusWarning>no data (target {a.targetGbPerHour} GB/h)</StatusWarning>
    );
  const text = `${a.current.gbPerHour.toFixed(1)} of ${a.targetGbPerHour} GB/h`;
  return a.current.gbPerHour >= a.targetGbPerHour ? (
    <StatusOK>{text}</StatusOK>
  ) : (
    <StatusWarning>{text}</StatusWarning>
  );
}

function CostCell({
  states,
  workload,
}: {
  states: ServiceStates;
  workload?: string;
}) {
  const { cost } = states;
  if (isNoPriceTable(cost.error)) return <>no price table</>;
  if (cost.error) return <Unavailable column={cost} />;
  const c = workload ? cost.value?.get(workload) : undefined;
  if (!c) return <>no pods on a priced node</>;
  return (
    <span
      title={`${c.pods} pod(s); ${formatMoney(
        c.hourly * HOURS_PER_30_DAYS,
        c.currency,
      )} per 30 days`}
    >
      {formatMoney(c.hourly, c.currency)}/h
      {c.failed.length > 0 && (
        <StatusWarning>without {c.failed.join('; ')}</StatusWarning>
      )}
    </span>
  );
}

/** Columns that failed as a whole, named with their upstream. */
function Failures({ states }: { states: ServiceStates }) {
  const failed: ReactNode[] = [];
  if (states.health.error)
    failed.push(
      <li key="h">Health (the portal's prober): {states.health.error}</li>,
    );
  if (states.throughput.error)
    failed.push(
      <li key="t">
        Throughput (Prometheus, through the portal): {states.throughput.error}
      </li>,
    );
  if (states.cost.error && !isNoPriceTable(states.cost.error))
    failed.push(
      <li key="c">
        Cost (Karpenter, through the portal): {states.cost.error}
      </li>,
    );
  return failed.length ? (
    <Alert severity="warning" sx={{ mb: 2 }}>
      Some columns could not be read at {new Date().toLocaleTimeString()}:
      <ul style={{ margin: 0 }}>{failed}</ul>
    </Alert>
  ) : null;
}

/**
 * A module's Services tab: its agents, orchestrators and model server in one
 * table with each one's deploy state, health and throughput; then its other
 * parts (models, workflows, configs, prompts).
 */
export const ModuleServicesTab = () => {
  const { entity } = useEntity();
  const entities = useModuleEntities(
    entity.metadata.annotations?.[ANNOTATION_MODULE],
  );
  const services = useMemo(
    () =>
      KINDS.flatMap(([kind]) =>
        (entities.value ?? []).filter(
          e => e.kind === 'Component' && typeOf(e) === kind,
        ),
      ),
    [entities.value],
  );
  const states = useServiceStates(entity, services);

  if (entities.loading) return <Progress />;
  if (entities.error)
    return (
      <ResponseErrorPanel error={entities.error} title="Catalog unavailable" />
    );

  const label = new Map(KINDS);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={`Services (${services.length})`}
          subheader="Agents, orchestrators and the model server: deploy state in the module's Application, health endpoints, ingestion throughput, cost of their pods"
        >
          {services.length === 0 ? (
            <Alert severity="info">
              The platform repository declares no agents, orchestrators or model
              server for this module (files under its agents/, orchestrators/
              and models/ folders make them).
            </Alert>
          ) : (
            <>
              {states.value && <Failures states={states.value} />}
              <Table size="small" aria-label="Services of the module">
                <TableHead>
                  <TableRow>
                    <TableCell>Service</TableCell>
                    <TableCell>Kind</TableCell>
                    <TableCell>Replicas</TableCell>
                    <TableCell>Deploy (ArgoCD)</TableCell>
                    <TableCell>Health</TableCell>
                    <TableCell>Throughput</TableCell>
                    <TableCell>Cost</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {services.map(s => {
                    const ref = stringifyEntityRef(s);
                    const type = typeOf(s) ?? '';
                    return (
                      <TableRow key={ref}>
                        <TableCell>
                          <EntityRefLink
                            entityRef={s}
                            title={s.metadata.title ?? s.metadata.name}
                          />
                        </TableCell>
                        <TableCell>{label.get(type)}</TableCell>
                        <TableCell>
                          {s.metadata.annotations?.[ANNOTATION_REPLICAS] ?? '—'}
                        </TableCell>
                        {states.loading || !states.value ? (
                          <TableCell colSpan={4}>
                            <Progress />
                          </TableCell>
                        ) : (
                          <>
                            <TableCell>
                              <DeployCell
                                column={states.value.deploy.get(ref)}
                              />
                            </TableCell>
                            <TableCell>
                              <HealthCell
                                states={states.value}
                                entityRef={ref}
                              />
                            </TableCell>
                            <TableCell>
                              <ThroughputCell
                                states={states.value}
                                entityRef={ref}
                                isAgent={type === 'agent'}
                              />
                            </TableCell>
                            <TableCell>
                              <CostCell
                                states={states.value}
                                workload={kubernetesIdOf(s)}
                              />
                            </TableCell>
                          </>
                        )}
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Other parts"
          subheader="Models, workflows, configs and prompts of this module"
        >
          <Grid container spacing={2}>
            {PARTS.map(([title, type]) => (
              <Grid item xs={12} md={3} key={type}>
                <EntityList
                  title={title}
                  entities={(entities.value ?? []).filter(
                    e => typeOf(e) === type,
                  )}
                />
              </Grid>
            ))}
          </Grid>
        </InfoCard>
      </Grid>
    </Grid>
  );
};
