import type { UserInfoService } from '@backstage/backend-plugin-api';
import { catalogEntityDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { syncWavesApplicationSyncPermission } from '@internal/plugin-sync-waves-common';

const DEFAULT_PLATFORM_TEAM = 'group:default/platform-team';

/**
 * - members of platform-team may do everything;
 * - the owners of a module (its System's owner group) may sync its Application;
 * - only platform-team may unregister entities;
 * - every signed-in user reads the catalog and every tab.
 */
export class BasePermissionPolicy implements PermissionPolicy {
  private readonly userInfo: UserInfoService;
  private readonly platformTeam: string;

  constructor(options: { userInfo: UserInfoService; platformTeam?: string }) {
    this.userInfo = options.userInfo;
    this.platformTeam = options.platformTeam ?? DEFAULT_PLATFORM_TEAM;
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
    if (isPermission(request.permission, catalogEntityDeletePermission)) {
      return { result: AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
