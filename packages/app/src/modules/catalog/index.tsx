import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { CatalogFilterBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { z } from 'zod/v4';

/**
 * The catalog's type filter, as stock but starting on the type of config
 * (default `service`): with the BASE module filter, the catalog's first view
 * is the platform's services.
 */
const typeFilter = CatalogFilterBlueprint.makeWithOverrides({
  name: 'type',
  configSchema: {
    initialFilter: z.string().optional(),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      loader: async () => {
        const { EntityTypePicker } = await import(
          '@backstage/plugin-catalog-react'
        );
        return <EntityTypePicker initialFilter={config.initialFilter} />;
      },
    });
  },
});

/** The BASE module filter: every BASE module at first, by domain, or everything. */
const baseModuleFilter = CatalogFilterBlueprint.make({
  name: 'base-module',
  params: {
    loader: async () => {
      const { BaseModulePicker } = await import('./BaseModulePicker');
      return <BaseModulePicker />;
    },
  },
});

/** The catalog index as the portal opens it. */
export const catalogModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [typeFilter, baseModuleFilter],
});
