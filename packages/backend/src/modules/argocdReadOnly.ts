import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';

/** What a browser may ask of Roadie's ArgoCD backend: reads. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Makes Roadie's ArgoCD backend (`/api/argocd`) read-only: its mutating
 * routes (`POST /sync`, `POST /createArgo`, `PUT /updateArgo/…`, `DELETE` of
 * applications, projects and operations) would act with the portal's ArgoCD
 * token for any signed-in user, with no permission check and no audit. They
 * answer 403 and are never forwarded; every refusal is audited. Writes go
 * through the sync-waves plugin's Sync (permission
 * `sync-waves.application.sync`, audited).
 *
 * A module's routes are mounted before its plugin's (modules initialise
 * first), so this router sees each request before Roadie's does.
 */
export const argocdReadOnlyModule = createBackendModule({
  pluginId: 'argocd',
  moduleId: 'read-only',
  register(reg) {
    reg.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        auditor: coreServices.auditor,
      },
      async init({ httpRouter, auditor }) {
        httpRouter.use(async (req, res, next) => {
          if (READS.has(req.method)) return next();
          try {
            const event = await auditor.createEvent({
              eventId: 'argocd-write-refused',
              severityLevel: 'medium',
              request: req,
              meta: { method: req.method, path: req.path },
            });
            const error = new NotAllowedError(
              `${req.method} ${req.baseUrl}${req.path} is refused: the portal reads ArgoCD only; ` +
                'syncs go through the Deploy tab (POST /api/sync-waves/applications/{name}/sync)',
            );
            await event.fail({ error });
            return res.status(403).json({
              error: { name: error.name, message: error.message },
            });
          } catch (error) {
            return next(error);
          }
        });
      },
    });
  },
});
