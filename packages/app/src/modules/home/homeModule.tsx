import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';

const platformToolsWidget = HomePageWidgetBlueprint.make({
  name: 'platform-tools',
  params: {
    name: 'BasePlatformTools',
    title: 'Platform tools',
    description: 'The tools of the BASE App Layer, as configured in base.tools',
    components: async () => {
      const { PlatformTools } = await import('./PlatformTools');
      return { Content: PlatformTools };
    },
  },
});

const platformModulesWidget = HomePageWidgetBlueprint.make({
  name: 'platform-modules',
  params: {
    name: 'BasePlatformModules',
    title: 'Modules',
    description:
      'The BASE modules by domain with their deploy, health, ingestion and conformance state',
    components: async () => {
      const { PlatformModules } = await import('./PlatformModules');
      return { Content: PlatformModules };
    },
  },
});

const homeLayout = HomePageLayoutBlueprint.make({
  params: {
    loader: async () => (await import('./HomeLayout')).HomeLayout,
  },
});

/** The portal's Home: it replaces the hand-written Platform UI. */
export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [homeLayout, platformToolsWidget, platformModulesWidget],
});
