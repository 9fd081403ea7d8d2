import { convertLegacyPlugin } from '@backstage/core-compat-api';
import { convertLegacyEntityCardExtension } from '@backstage/plugin-catalog-react/alpha';
import {
  argocdPlugin,
  EntityArgoCDHistoryCard,
  EntityArgoCDOverviewCard,
  isArgocdAvailable,
} from '@roadiehq/backstage-plugin-argo-cd';

/**
 * Roadie's ArgoCD plugin (legacy frontend system) in the new app: its API
 * (which reads through Roadie's backend at /api/argocd) and its overview and
 * history cards, for every entity with an `argocd/app-name` annotation. The
 * cards attach to the sync-waves Deploy tab (config/app-extensions.yaml).
 */
export const argocdModule = convertLegacyPlugin(argocdPlugin, {
  extensions: [
    convertLegacyEntityCardExtension(EntityArgoCDOverviewCard, {
      name: 'overview',
      filter: isArgocdAvailable,
    }),
    convertLegacyEntityCardExtension(EntityArgoCDHistoryCard, {
      name: 'history',
      filter: isArgocdAvailable,
    }),
  ],
});
