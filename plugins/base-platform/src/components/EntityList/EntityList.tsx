import { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@mui/material/Typography';

/** A titled list of entity links. */
export const EntityList = ({
  title,
  entities,
}: {
  title: string;
  entities: Entity[];
}) => (
  <section>
    <Typography variant="subtitle2" component="h3" sx={{ mt: 1 }}>
      {title} ({entities.length})
    </Typography>
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {entities.map(e => (
        <li key={e.metadata.name}>
          <EntityRefLink entityRef={e} title={e.metadata.name} />
        </li>
      ))}
    </ul>
  </section>
);
