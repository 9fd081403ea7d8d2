import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createComponentAddAction } from './actions/componentAction';
import {
  createModuleRenderAction,
  createModuleValidateAction,
} from './actions/moduleActions';
import {
  createPublishLocalAction,
  createPublishTargetAction,
} from './actions/publishActions';
import { readPublishConfig } from './config';

/** The BASE templates' actions: validation, rendering, in-place kustomization updates, the dev publisher. */
export const scaffolderModuleBase = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'base',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init({ scaffolder, config, auth, catalog, events }) {
        const publish = readPublishConfig(config);
        scaffolder.addActions(
          createModuleValidateAction({ catalog, auth, publish }),
          createModuleRenderAction({ publish, catalog, auth }),
          createComponentAddAction({ catalog, auth, publish }),
          createPublishTargetAction({ publish }),
          createPublishLocalAction({ publish, events }),
        );
      },
    });
  },
});
