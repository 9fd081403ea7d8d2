import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import { SidebarLogo } from './SidebarLogo';
import MenuIcon from '@material-ui/icons/Menu';
import SearchIcon from '@material-ui/icons/Search';
import { SidebarSearchModal } from '@backstage/plugin-search';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import DnsIcon from '@material-ui/icons/Dns';
import Typography from '@mui/material/Typography';
import { z } from 'zod/v4';

/** The pages of the sidebar's Platform group, unless config says otherwise. */
const PLATFORM_PAGES = [
  'page:sync-waves',
  'page:karpenter',
  'page:base-platform',
];

/**
 * The sidebar: Home, Catalog, Create; the Platform group (the portal's
 * platform-wide pages, in the order of this extension's `platform` config);
 * then every other page by title.
 */
export const SidebarContent = NavContentBlueprint.makeWithOverrides({
  configSchema: {
    platform: z.array(z.string()).default(PLATFORM_PAGES),
  },
  factory: (originalFactory, { config }) =>
    originalFactory({
      component: ({ navItems }) => {
        const nav = navItems.withComponent(item => (
          <SidebarItem
            icon={() => item.icon}
            to={item.href}
            text={item.title}
          />
        ));
        const platform = config.platform.map(id => nav.take(id));

        // Skipped items
        nav.take('page:search'); // Using search modal instead
        nav.take('page:notifications'); // Using NotificationsSidebarItem manually instead

        return (
          <Sidebar>
            <SidebarLogo />
            <SidebarGroup label="Search" icon={<SearchIcon />} to="/search">
              <SidebarSearchModal />
            </SidebarGroup>
            <SidebarDivider />
            <SidebarGroup label="Menu" icon={<MenuIcon />}>
              {nav.take('page:home')}
              {nav.take('page:catalog')}
              {nav.take('page:scaffolder')}
            </SidebarGroup>
            <SidebarDivider />
            <SidebarGroup label="Platform" icon={<DnsIcon />}>
              <Typography
                variant="overline"
                component="div"
                aria-hidden
                sx={{ pl: 3, color: '#bdbdbd', lineHeight: 2 }}
              >
                Platform
              </Typography>
              {platform}
            </SidebarGroup>
            <SidebarDivider />
            <SidebarGroup label="More" icon={<MenuIcon />}>
              <SidebarScrollWrapper>
                {nav.rest({ sortBy: 'title' })}
              </SidebarScrollWrapper>
            </SidebarGroup>
            <SidebarSpace />
            <SidebarDivider />
            <NotificationsSidebarItem />
            <SidebarDivider />
            <SidebarGroup
              label="Settings"
              icon={<UserSettingsSignInAvatar />}
              to="/settings"
            >
              {nav.take('page:app-visualizer')}
              {nav.take('page:user-settings')}
            </SidebarGroup>
          </Sidebar>
        );
      },
    }),
});
