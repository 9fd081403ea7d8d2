import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogEntityDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { syncWavesApplicationSyncPermission } from '@internal/plugin-sync-waves-common';
import { BasePermissionPolicy } from './BasePermissionPolicy';

// group memberships as the catalog would resolve them at sign-in
const memberships: Record<string, string[]> = {};
const userInfo = {
  getUserInfo: async (credentials: BackstageCredentials) => {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: memberships[ref] };
  },
};
const user = (ref: string, ...groups: string[]): PolicyQueryUser => {
  memberships[ref] = [ref, ...groups];
  const credentials = mockCredentials.user(ref);
  return { credentials, info: { userEntityRef: ref, ownershipEntityRefs: [] } };
};

const platformEngineer = user(
  'user:default/alice.ivanova',
  'group:default/platform-team',
);
const moduleOwner = user(
  'user:default/boris.petrov',
  'group:default/data-foundation-team',
);
const guest = user('user:development/guest');
const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

describe('BasePermissionPolicy', () => {
  const policy = new BasePermissionPolicy({ userInfo });

  it('allows platform-team everything, including syncs and unregistering', async () => {
    for (const permission of [
      syncWavesApplicationSyncPermission,
      catalogEntityDeletePermission,
      catalogRead,
    ]) {
      await expect(
        policy.handle({ permission }, platformEngineer),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it("lets other users sync only what their groups own, through the catalog's isEntityOwner rule", async () => {
    await expect(
      policy.handle(
        { permission: syncWavesApplicationSyncPermission },
        moduleOwner,
      ),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: [
            'user:default/boris.petrov',
            'group:default/data-foundation-team',
          ],
        },
      },
    });
    // the guest owns nothing but itself: the condition can never match a module
    const decision = await policy.handle(
      { permission: syncWavesApplicationSyncPermission },
      guest,
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { params: { claims: ['user:development/guest'] } },
    });
  });

  it('refuses unregistering to everyone outside platform-team', async () => {
    for (const who of [moduleOwner, guest]) {
      await expect(
        policy.handle({ permission: catalogEntityDeletePermission }, who),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
    }
  });

  it('lets every signed-in user read', async () => {
    await expect(
      policy.handle({ permission: catalogRead }, guest),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('honours a configured platform team', async () => {
    const custom = new BasePermissionPolicy({
      userInfo,
      platformTeam: 'group:default/sre',
    });
    await expect(
      custom.handle(
        { permission: catalogEntityDeletePermission },
        platformEngineer,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
