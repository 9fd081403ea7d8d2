import Grid from '@mui/material/Grid';
import { ReactElement } from 'react';
import { WarningEventsCard } from '../HealthTab/WarningEventsCard';
import { ModuleHealthCard } from '../ModuleHealthCard';

/**
 * A module's Health tab: its services' health, the attached cards
 * (throughput), and the Warning events of its namespace.
 */
export const ModuleHealthTab = ({ cards }: { cards: ReactElement[] }) => (
  <Grid container spacing={3}>
    <Grid item xs={12} md={6}>
      <ModuleHealthCard />
    </Grid>
    {cards.map((card, i) => (
      <Grid item xs={12} md={6} key={i}>
        {card}
      </Grid>
    ))}
    <Grid item xs={12}>
      <WarningEventsCard of="module" />
    </Grid>
  </Grid>
);
