import {
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  isBaseComponent,
  isBaseModule,
} from '@internal/plugin-base-platform-common';
import RuleIcon from '@material-ui/icons/PlaylistAddCheck';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';

/**
 * Module page: a compact relations view (domain, owner, resources and APIs,
 * one step out); its services are on the Services tab.
 */
const moduleRelationsCard = EntityCardBlueprint.make({
  name: 'module-relations',
  params: {
    filter: isBaseModule,
    loader: async () => {
      const { EntityCatalogGraphCard } = await import(
        '@backstage/plugin-catalog-graph'
      );
      return (
        <EntityCatalogGraphCard
          title="Relations"
          kinds={['Domain', 'System', 'Group', 'Resource', 'API']}
          maxDepth={1}
          height={300}
        />
      );
    },
  },
});

/** Module page: the Services tab (every service's deploy, health and throughput state). */
const moduleServicesTab = EntityContentBlueprint.make({
  name: 'services',
  params: {
    path: 'services',
    title: 'Services',
    filter: isBaseModule,
    loader: async () => {
      const { ModuleServicesTab } = await import(
        './components/ModuleServicesTab'
      );
      return <ModuleServicesTab />;
    },
  },
});

const conformanceCard = EntityCardBlueprint.make({
  name: 'conformance',
  params: {
    type: 'content',
    filter: isBaseModule,
    loader: async () => {
      const { ConformanceCard } = await import('./components/ConformanceCard');
      return <ConformanceCard />;
    },
  },
});

const serviceDetailsCard = EntityCardBlueprint.make({
  name: 'component-details',
  params: {
    type: 'info',
    filter: isBaseComponent,
    loader: async () => {
      const { ServiceDetailsCard } = await import(
        './components/ServiceDetailsCard'
      );
      return <ServiceDetailsCard />;
    },
  },
});

/** The page's route: its link in the sidebar's Platform group, and Home's. */
export const conformanceRouteRef = createRouteRef();

const conformancePage = PageBlueprint.make({
  params: {
    routeRef: conformanceRouteRef,
    path: '/base-conformance',
    title: 'Conformance',
    icon: <RuleIcon fontSize="inherit" />,
    noHeader: true,
    loader: async () => {
      const { ConformanceReportPage } = await import(
        './components/ConformanceReportPage'
      );
      return <ConformanceReportPage />;
    },
  },
});

/** The "New BASE module" template's name field, checked as the server checks it. */
const moduleNameField = FormFieldBlueprint.make({
  name: 'module-name',
  params: {
    field: async () => {
      const { ModuleNameInput, validateModuleName } = await import(
        './components/ModuleNameField'
      );
      return createFormField({
        name: 'BaseModuleName',
        component: ModuleNameInput,
        validation: validateModuleName,
      });
    },
  },
});

/** BASE modules and services: services by kind, spec details, conformance. */
export const basePlatformPlugin = createFrontendPlugin({
  pluginId: 'base-platform',
  routes: { root: conformanceRouteRef },
  extensions: [
    moduleServicesTab,
    moduleRelationsCard,
    conformanceCard,
    serviceDetailsCard,
    conformancePage,
    moduleNameField,
  ],
});
