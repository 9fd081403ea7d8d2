import type { UserInfoService } from '@backstage/backend-plugin-api';
import { catalogEntityRefreshPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  createScaffolderActionConditionalDecision,
  createScaffolderTaskConditionalDecision,
  scaffolderActionConditions,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  syncWavesApplicationSyncPermission,
  syncWavesSyncToolPermission,
} from '@internal/plugin-sync-waves-common';

/** The action of "New component in a BASE module": owners of that module. */
const COMPONENT_ACTION = 'base:component:add';
/**
 * The actions of the portal's templates (templates/) anyone outside
 * platform-team may execute: not those of "New BASE module"
 * (`base:module:validate`, `base:module:render`), which is platform-team's.
 * Templates come from the portal's templates location alone (catalog.rules)
 * and the template editor's dry-run is platform-team's, so the publishing and
 * GitHub actions run only inside the portal's templates.
 */
const TEMPLATE_ACTIONS: [string, ...string[]] = [
  COMPONENT_ACTION,
  'base:publish:target',
  'base:publish:local',
  'publish:github:pull-request',
];

/**
 * What every signed-in person may do without conditions: read the catalog,
 * its locations and every tab (Kubernetes objects, ArgoCD, health, capacity,
 * throughput — the portal's own read routes have no permission), read and run
 * the portal's templates. Everything not named here or below is denied, e.g.
 * `kubernetes.proxy`, `catalog.location.create` / `.delete`,
 * `catalog.entity.create` / `.delete`, `catalog.ingestion.manage`,
 * `scaffolder.template.dry-run`, `scaffolder.template.management`.
 */
export const EVERYONE_MAY: ReadonlySet<string> = new Set([
  'catalog.entity.read',
  'catalog.entity.validate',
  'catalog.location.read',
  'kubernetes.clusters.read',
  'kubernetes.resources.read',
  'scaffolder.template.parameter.read',
  'scaffolder.template.step.read',
  'scaffolder.task.create',
  'techdocs.actions.read',
]);

const DEFAULT_PLATFORM_TEAM = 'group:default/platform-team';

/**
 * Deny by default:
 * - members of platform-team may do everything;
 * - every signed-in user may do what {@link EVERYONE_MAY} names;
 * - the owners of an entity may refresh it; the owners of a module (its
 *   System's owner group) may sync its Application (and see the MCP sync
 *   tool) and add components to it with the component template;
 * - a scaffolder task may be read and cancelled by whoever created it;
 * - anything else is denied: only platform-team may use the Kubernetes
 *   proxy, create or delete locations, unregister entities, run the
 *   new-module template or any action outside the portal's templates.
 */
export class BasePermissionPolicy implements PermissionPolicy {
  private readonly userInfo: UserInfoService;
  private readonly platformTeam: string;
  private readonly ownedModules: (claims: string[]) => Promise<string[]>;

  constructor(options: {
    userInfo: UserInfoService;
    platformTeam?: string;
    /** The refs of the module Systems the given ownership claims own. */
    ownedModules: (claims: string[]) => Promise<string[]>;
  }) {
    this.userInfo = options.userInfo;
    this.platformTeam = options.platformTeam ?? DEFAULT_PLATFORM_TEAM;
    this.ownedModules = options.ownedModules;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    // no user: a request without a signed-in person (service calls never
    // reach the policy)
    if (!user) return { result: AuthorizeResult.DENY };
    const { ownershipEntityRefs: claims } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    if (claims.includes(this.platformTeam)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (EVERYONE_MAY.has(request.permission.name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      isPermission(request.permission, syncWavesApplicationSyncPermission) ||
      isPermission(request.permission, catalogEntityRefreshPermission)
    ) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (isPermission(request.permission, syncWavesSyncToolPermission)) {
      // the MCP sync tool: listed for whoever owns a module (each call is
      // checked against the module it syncs)
      const owned = await this.ownedModules(claims);
      return {
        result: owned.length ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    if (
      isPermission(request.permission, taskReadPermission) ||
      isPermission(request.permission, taskCancelPermission)
    ) {
      return createScaffolderTaskConditionalDecision(
        request.permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [user.info.userEntityRef],
        }),
      );
    }
    if (isPermission(request.permission, actionExecutePermission)) {
      const owned = await this.ownedModules(claims);
      const { hasActionId, hasStringProperty } = scaffolderActionConditions;
      const templateAction: PermissionCriteria<
        PermissionCondition<'scaffolder-action'>
      > = {
        anyOf: [
          hasActionId({ actionId: TEMPLATE_ACTIONS[0] }),
          ...TEMPLATE_ACTIONS.slice(1).map(actionId =>
            hasActionId({ actionId }),
          ),
        ],
      };
      const componentOfOwnModule: PermissionCriteria<
        PermissionCondition<'scaffolder-action'>
      > = {
        anyOf: [
          { not: hasActionId({ actionId: COMPONENT_ACTION }) },
          ...owned.map(value => hasStringProperty({ key: 'module', value })),
        ],
      };
      return createScaffolderActionConditionalDecision(request.permission, {
        allOf: [templateAction, componentOfOwnModule],
      });
    }
    return { result: AuthorizeResult.DENY };
  }
}
