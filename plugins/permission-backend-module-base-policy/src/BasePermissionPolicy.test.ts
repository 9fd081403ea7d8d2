import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  catalogEntityDeletePermission,
  catalogEntityRefreshPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  syncWavesApplicationSyncPermission,
  syncWavesSyncToolPermission,
} from '@internal/plugin-sync-waves-common';
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

// the module Systems each group owns, as the catalog would answer
const OWNED: Record<string, string[]> = {
  'group:default/data-foundation-team': [
    'system:default/base-data-ingestion',
    'system:default/base-data-quality',
  ],
};
const ownedModules = async (claims: string[]) =>
  claims.flatMap(c => OWNED[c] ?? []);

/** Applies a scaffolder-action decision to one action run, as the scaffolder's rules do. */
function allowsAction(
  decision: PolicyDecision,
  action: { id: string; input: Record<string, unknown> },
): boolean {
  if (decision.result !== AuthorizeResult.CONDITIONAL) {
    return decision.result === AuthorizeResult.ALLOW;
  }
  const test = (c: any): boolean => {
    if (c.allOf) return c.allOf.every(test);
    if (c.anyOf) return c.anyOf.some(test);
    if (c.not) return !test(c.not);
    if (c.rule === 'HAS_ACTION_ID') return action.id === c.params.actionId;
    if (c.rule === 'HAS_STRING_PROPERTY')
      return action.input[c.params.key] === c.params.value;
    throw new Error(`unexpected rule ${c.rule}`);
  };
  return test(decision.conditions);
}

describe('BasePermissionPolicy', () => {
  const policy = new BasePermissionPolicy({ userInfo, ownedModules });

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

  it('lists the MCP sync tool for platform-team and module owners only', async () => {
    const tool = { permission: syncWavesSyncToolPermission };
    await expect(policy.handle(tool, platformEngineer)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    await expect(policy.handle(tool, moduleOwner)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    await expect(policy.handle(tool, guest)).resolves.toEqual({
      result: AuthorizeResult.DENY,
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

  it("denies what it does not name: the Kubernetes proxy, locations, ingestion, dry-runs, a new plugin's permission", async () => {
    for (const name of [
      'kubernetes.proxy',
      'catalog.location.create',
      'catalog.location.delete',
      'catalog.entity.create',
      'catalog.ingestion.manage',
      'scaffolder.template.dry-run',
      'scaffolder.template.management',
      'some-new-plugin.thing.delete',
    ]) {
      const permission = createPermission({ name, attributes: {} });
      for (const who of [moduleOwner, guest]) {
        await expect(policy.handle({ permission }, who)).resolves.toEqual({
          result: AuthorizeResult.DENY,
        });
      }
      await expect(
        policy.handle({ permission }, platformEngineer),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('denies everything to a request without a signed-in user', async () => {
    await expect(policy.handle({ permission: catalogRead })).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets people refresh only what they own, and read and cancel only their own scaffolder tasks', async () => {
    await expect(
      policy.handle(
        { permission: catalogEntityRefreshPermission },
        moduleOwner,
      ),
    ).resolves.toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: memberships['user:default/boris.petrov'] },
      },
    });
    for (const permission of [taskReadPermission, taskCancelPermission]) {
      await expect(policy.handle({ permission }, moduleOwner)).resolves.toEqual(
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'scaffolder',
          resourceType: 'scaffolder-task',
          conditions: {
            rule: 'IS_TASK_OWNER',
            resourceType: 'scaffolder-task',
            params: { createdBy: ['user:default/boris.petrov'] },
          },
        },
      );
    }
  });

  it('honours a configured platform team', async () => {
    const custom = new BasePermissionPolicy({
      userInfo,
      ownedModules,
      platformTeam: 'group:default/sre',
    });
    await expect(
      custom.handle(
        { permission: catalogEntityDeletePermission },
        platformEngineer,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  describe('scaffolder', () => {
    const run = async (who: PolicyQueryUser, id: string, input = {}) =>
      allowsAction(
        await policy.handle({ permission: actionExecutePermission }, who),
        { id, input },
      );
    const module = { moduleName: 'risk_analytics' };
    const component = (ref: string) => ({ module: ref, descriptor: 'x' });

    it('lets only platform-team run the new-module template', async () => {
      expect(await run(platformEngineer, 'base:module:render', module)).toBe(
        true,
      );
      expect(await run(platformEngineer, 'base:module:validate', module)).toBe(
        true,
      );
      for (const who of [moduleOwner, guest]) {
        expect(await run(who, 'base:module:validate', module)).toBe(false);
        expect(await run(who, 'base:module:render', module)).toBe(false);
      }
    });

    it("lets a module's owners add components to it, and nobody else but platform-team", async () => {
      const ingestion = component('system:default/base-data-ingestion');
      const storage = component('system:default/base-data-storage');
      expect(await run(moduleOwner, 'base:component:add', ingestion)).toBe(
        true,
      );
      expect(await run(moduleOwner, 'base:component:add', storage)).toBe(false);
      expect(await run(guest, 'base:component:add', ingestion)).toBe(false);
      expect(await run(platformEngineer, 'base:component:add', storage)).toBe(
        true,
      );
    });

    it("lets everyone else run only the portal templates' other actions", async () => {
      for (const who of [moduleOwner, guest]) {
        expect(await run(who, 'base:publish:target')).toBe(true);
        expect(await run(who, 'base:publish:local')).toBe(true);
        expect(await run(who, 'publish:github:pull-request')).toBe(true);
        for (const id of [
          'fetch:plain',
          'publish:github',
          'github:repo:create',
          'github:actions:dispatch',
          'catalog:register',
        ])
          expect(await run(who, id, { url: './x' })).toBe(false);
      }
      expect(await run(platformEngineer, 'github:repo:create')).toBe(true);
    });
  });
});
