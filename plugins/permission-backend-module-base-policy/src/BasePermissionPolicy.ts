import type { UserInfoService } from '@backstage/backend-plugin-api';
import { catalogEntityDeletePermission } from '@backstage/plugin-catalog-common/alpha';
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
import { actionExecutePermission } from '@backstage/plugin-scaffolder-common/alpha';
import {
  createScaffolderActionConditionalDecision,
  scaffolderActionConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import { syncWavesApplicationSyncPermission } from '@internal/plugin-sync-waves-common';

/** Actions of the "New BASE module" template: platform-team only. */
const MODULE_ACTIONS = ['base:module:validate', 'base:module:render'];
/** The action of "New component in a BASE module": owners of that module. */
const COMPONENT_ACTION = 'base:component:add';

const DEFAULT_PLATFORM_TEAM = 'group:default/platform-team';

/**
 * - members of platform-team may do everything;
 * - the owners of a module (its System's owner group) may sync its Application;
 * - only platform-team may unregister entities and run the new-module
 *   template; the owners of a module may run the component template for it;
 * - every signed-in user reads the catalog and every tab.
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
    const claims = user
      ? (await this.userInfo.getUserInfo(user.credentials)).ownershipEntityRefs
      : [];
    if (claims.includes(this.platformTeam)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(request.permission, syncWavesApplicationSyncPermission)) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (isPermission(request.permission, actionExecutePermission)) {
      const owned = await this.ownedModules(claims);
      const { hasActionId, hasStringProperty } = scaffolderActionConditions;
      const notModule = MODULE_ACTIONS.map(actionId => ({
        not: hasActionId({ actionId }),
      }));
      const componentOfOwnModule: PermissionCriteria<
        PermissionCondition<'scaffolder-action'>
      > = {
        anyOf: [
          { not: hasActionId({ actionId: COMPONENT_ACTION }) },
          ...owned.map(value => hasStringProperty({ key: 'module', value })),
        ],
      };
      return createScaffolderActionConditionalDecision(request.permission, {
        allOf: [componentOfOwnModule, ...notModule],
      });
    }
    if (isPermission(request.permission, catalogEntityDeletePermission)) {
      return { result: AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
