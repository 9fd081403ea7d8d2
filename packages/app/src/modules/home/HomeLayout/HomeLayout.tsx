import { Content, Header, Page } from '@backstage/core-components';
import type { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import Grid from '@mui/material/Grid';

/**
 * The Home page: the portal's header, then the widgets that `defaultConfig`
 * lists (config/app-extensions.yaml), in that order and width (of 12).
 * Widgets the config does not list are not shown.
 */
export const HomeLayout = ({ widgets, defaultConfig }: HomePageLayoutProps) => {
  const placed = (defaultConfig ?? [])
    .slice()
    .sort((a, b) => a.row - b.row || a.column - b.column)
    .flatMap(item => {
      const widget = widgets.find(w => w.name === item.component);
      return widget ? [{ item, widget }] : [];
    });

  return (
    <Page themeId="home">
      <Header
        title="BASE Developer Portal"
        subtitle="Modules, services, deployments and health of the BASE App Layer"
      />
      <Content>
        <Grid container spacing={3} alignItems="stretch">
          {placed.map(({ item, widget }) => (
            <Grid item xs={12} md={item.width} key={item.component}>
              {widget.component}
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
};
