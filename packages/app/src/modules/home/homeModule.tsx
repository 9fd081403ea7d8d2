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

const homeLayout = HomePageLayoutBlueprint.make({
  params: {
    loader: async () => (await import('./HomeLayout')).HomeLayout,
  },
});

/** The portal's Home: it replaces the hand-written Platform UI. */
export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [homeLayout, platformToolsWidget],
});
