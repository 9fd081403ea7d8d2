import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import { EmptyState, Link } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { readPlatformTools } from './readPlatformTools';

/**
 * The platform tools of the BASE App Layer, from config. It shows no status:
 * a status is only shown once it has been measured (Health plugin).
 */
export const PlatformTools = () => {
  const tools = readPlatformTools(useApi(configApiRef));

  if (tools.length === 0) {
    return (
      <EmptyState
        missing="field"
        title="No platform tools configured"
        description="List the platform tools under base.tools in app-config.yaml."
      />
    );
  }

  return (
    <Grid
      container
      spacing={2}
      component="ul"
      sx={{ listStyle: 'none', p: 0, m: 0 }}
    >
      {tools.map(tool => (
        <Grid item xs={12} sm={6} md={4} key={tool.id} component="li">
          <Card variant="outlined" sx={{ height: '100%' }}>
            <CardActionArea
              component={Link}
              to={tool.url}
              aria-label={tool.title}
              sx={{ height: '100%' }}
            >
              <CardContent>
                <Typography variant="h6" component="h3">
                  {tool.title}
                </Typography>
                {tool.description && (
                  <Typography variant="body2" color="text.secondary">
                    {tool.description}
                  </Typography>
                )}
                <Box mt={1}>
                  <Typography variant="caption" color="text.secondary">
                    {tool.url}
                  </Typography>
                </Box>
              </CardContent>
            </CardActionArea>
          </Card>
        </Grid>
      ))}
    </Grid>
  );
};
