import { createBackend } from '@backstage/backend-defaults';
import { argocdReadOnlyModule } from './modules/argocdReadOnly';
import { developmentSignInModule } from './modules/developmentSignIn';
import { serializedStartDatabaseServiceFactory } from './modules/serializedStartDatabase';
import { techdocsPreparersModule } from './modules/techdocsPreparers';

const backend = createBackend();

// Backstage's database service; on PostgreSQL, replicas start one at a time
backend.add(serializedStartDatabaseServiceFactory);

// frontend bundle, proxy and the event bus the catalog and signals subscribe to
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));
backend.add(import('@backstage/plugin-events-backend'));

// sign-in: guest (platform-team) and member (an ordinary person) in
// development only (app-config.yaml; a production backend with either refuses
// to start); the company IdP (OIDC) and GitHub in production
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(developmentSignInModule);
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));

// catalog, fed by the BASE platform repository
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@internal/plugin-catalog-backend-module-base-platform'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// people and teams from the company's GitHub organisation (production config:
// catalog.providers.githubOrg); development reads examples/org.yaml instead
backend.add(import('@backstage/plugin-catalog-backend-module-github-org'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// the BASE templates' actions: validation, rendering, the dev publisher
backend.add(import('@internal/plugin-scaffolder-backend-module-base'));

// deployments: Roadie's ArgoCD backend, read-only (its writes answer 403),
// and the portal's sync-wave board with the permissioned, audited Sync
backend.add(import('@roadiehq/backstage-plugin-argo-cd-backend'));
backend.add(argocdReadOnlyModule);
backend.add(import('@internal/plugin-sync-waves-backend'));

// health: measured API status of every service, and the tools' live status
backend.add(import('@internal/plugin-api-status-backend'));

// ingestion throughput per agent and source, from Prometheus
backend.add(import('@internal/plugin-ingestion-backend'));

// Karpenter capacity of the clusters the Kubernetes backend is configured with
backend.add(import('@internal/plugin-karpenter-backend'));

// permissions: platform-team does everything, module owners act on their modules
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@internal/plugin-permission-backend-module-base-policy'));

// search over the catalog and docs (PostgreSQL engine in production)
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// docs, Kubernetes, user settings, notifications, signals, MCP actions
backend.add(import('@backstage/plugin-techdocs-backend'));
// TechDocs of each module from its README in the platform repository, and
// dir: docs (the portal's own) built from a copy, never in the checkout
backend.add(techdocsPreparersModule);
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
// Slack delivery, where config/slack.yaml is given (without it, none)
backend.add(import('@backstage/plugin-notifications-backend-module-slack'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// A plugin that fails to start leaves the process up but never ready, until
// the startup probe gives up minutes later. Two replicas that start at once on
// an empty database can meet such a failure (the catalog's migrations are
// locked by the other replica), so the process exits at once and its
// restart finds the migrations done.
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error(
    'Backend startup failed; exiting so that it is restarted',
    error,
  );
  process.exit(1);
});
