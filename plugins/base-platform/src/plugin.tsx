import { createFrontendPlugin, PageBlueprint } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_MODULE,
  ANNOTATION_TYPE,
} from '@internal/plugin-base-platform-common';
import RuleIcon from '@material-ui/icons/PlaylistAddCheck';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';

const isBaseModule = (entity: Entity) =>
  entity.kind.toLowerCase() === 'system' && !!entity.metadata.annotations?.[ANNOTATION_MODULE];
const isBaseComponent = (entity: Entity) =>
  !!entity.metadata.annotations?.[ANNOTATION_MODULE] && !!entity.metadata.annotations?.[ANNOTATION_TYPE];

const moduleServicesCard = EntityCardBlueprint.make({
  name: 'module-services',
  params: {
    type: 'content',
    filter: isBaseModule,
    loader: async () => {
      const { ModuleServicesCard } = await import('./components/ModuleServicesCard');
      return <ModuleServicesCard />;
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
      const { ServiceDetailsCard } = await import('./components/ServiceDetailsCard');
      return <ServiceDetailsCard />;
    },
  },
});

const conformancePage = PageBlueprint.make({
  params: {
    path: '/base-conformance',
    title: 'Conformance',
    icon: <RuleIcon fontSize="inherit" />,
    noHeader: true,
    loader: async () => {
      const { ConformanceReportPage } = await import('./components/ConformanceReportPage');
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
  extensions: [
    moduleServicesCard,
    conformanceCard,
    serviceDetailsCard,
    conformancePage,
    moduleNameField,
  ],
});
