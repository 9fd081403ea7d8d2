/*
 * The auditor records scaffolder runs and permission denials with who, what
 * and when: the real catalog, scaffolder and permission backends with the
 * portal's policy, an auditor that keeps every event it is given.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import permissionModuleBasePolicy from '@internal/plugin-permission-backend-module-base-policy';
import scaffolderModuleBase from '@internal/plugin-scaffolder-backend-module-base';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  onBehalfOfAuth,
  Recorded,
  recordingAuditor,
  until,
} from './__testUtils__/recording';

jest.setTimeout(90_000);

const ROOT = path.resolve(__dirname, '../../..');
const ALICE = 'user:default/alice'; // platform-team
const BOB = 'user:default/bob'; // no group

const events: Recorded[] = [];

const userInfo = mockServices.userInfo.mock({
  async getUserInfo(credentials) {
    const ref = (credentials.principal as any).userEntityRef as string;
    return {
      userEntityRef: ref,
      ownershipEntityRefs:
        ref === ALICE ? [ref, 'group:default/platform-team'] : [ref],
    };
  },
});

function fixtures(dir: string) {
  const file = path.join(dir, 'entities.yaml');
  fs.writeFileSync(
    file,
    `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: platform-team }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: base-audit-fixture }
spec: { owner: group:default/platform-team }
---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: audit-hello }
spec:
  owner: group:default/platform-team
  type: service
  parameters: []
  steps:
    - id: log
      name: Log
      action: debug:log
      input: { message: hello }
`,
  );
  return file;
}

describe('audit', () => {
  let server: any;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-'));

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        scaffolderPlugin,
        scaffolderModuleBase,
        permissionPlugin,
        permissionModuleBasePolicy,
        recordingAuditor(events),
        onBehalfOfAuth,
        userInfo.factory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              // where a module would be written (the base provider itself is not installed here)
              providers: {
                basePlatform: { directory: path.join(dir, 'platform') },
              },
              rules: [{ allow: ['Group', 'System', 'Template'] }],
              locations: [
                { type: 'file', target: fixtures(dir) },
                {
                  type: 'file',
                  target: path.join(
                    ROOT,
                    'templates/base-module/template.yaml',
                  ),
                },
              ],
            },
          },
        }),
      ],
    }));
    // the catalog reads its locations in the background
    const visible = (ref: string) =>
      until(ref, async () => {
        const res = await request(server)
          .get(`/api/catalog/entities/by-name/${ref}`)
          .set('authorization', mockCredentials.service.header());
        return res.status === 200 ? true : undefined;
      });
    await Promise.all(
      ['template/default/audit-hello', 'template/default/base-module'].map(
        visible,
      ),
    );
  });

  const run = (user: string, templateRef: string, values: object) =>
    request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('authorization', mockCredentials.user.header(user))
      .send({ templateRef, values });

  const finished = (taskId: string) =>
    until(`task ${taskId}`, async () =>
      events.find(
        e =>
          e.eventId === 'task' &&
          e.meta?.actionType === 'execution' &&
          e.meta?.taskId === taskId &&
          e.status !== 'initiated',
      ),
    );

  it('records a scaffolder run: who created it, which template, when, and that it ran', async () => {
    const before = new Date();
    const res = await run(ALICE, 'template:default/audit-hello', {});
    expect(res.status).toBe(201);
    const created = events.find(
      e =>
        e.plugin === 'scaffolder' &&
        e.eventId === 'task' &&
        e.meta?.actionType === 'create' &&
        e.status === 'succeeded',
    );
    expect(created).toMatchObject({
      actor: ALICE,
      meta: { templateRef: 'template:default/audit-hello' },
    });
    expect(created!.at.getTime()).toBeGreaterThanOrEqual(before.getTime());
    const executed = await finished(res.body.id);
    expect(executed).toMatchObject({
      plugin: 'scaffolder',
      status: 'succeeded',
      meta: {
        createdBy: ALICE,
        templateRef: 'template:default/audit-hello',
      },
    });
  });

  it('records the denial when someone outside platform-team runs the new-module template', async () => {
    const res = await run(BOB, 'template:default/base-module', {
      moduleName: 'audit_probe',
      domain: 'data-foundation',
      owner: 'group:default/platform-team',
    });
    expect(res.status).toBe(201);
    const executed = await finished(res.body.id);
    expect(executed).toMatchObject({
      plugin: 'scaffolder',
      status: 'failed',
      meta: { createdBy: BOB, templateRef: 'template:default/base-module' },
    });
    expect(executed.error).toMatch(/NotAllowedError/);
    // nothing was written
    expect(fs.existsSync(path.join(dir, 'platform', 'audit_probe'))).toBe(
      false,
    );
  });

  it('records a denied unregister with who tried it, and the allowed one', async () => {
    const system = await request(server)
      .get('/api/catalog/entities/by-name/system/default/base-audit-fixture')
      .set('authorization', mockCredentials.service.header());
    const uid = system.body.metadata.uid;
    const denied = await request(server)
      .delete(`/api/catalog/entities/by-uid/${uid}`)
      .set('authorization', mockCredentials.user.header(BOB));
    expect(denied.status).toBe(403);
    const deletions = () =>
      events.filter(
        e =>
          e.plugin === 'catalog' &&
          e.eventId === 'entity-mutate' &&
          e.meta?.actionType === 'delete' &&
          e.meta?.uid === uid,
      );
    expect(deletions().find(e => e.status === 'failed')).toMatchObject({
      actor: BOB,
      error: expect.stringMatching(/NotAllowedError/),
    });

    const allowed = await request(server)
      .delete(`/api/catalog/entities/by-uid/${uid}`)
      .set('authorization', mockCredentials.user.header(ALICE));
    expect(allowed.status).toBe(204);
    expect(deletions().find(e => e.status === 'succeeded')).toMatchObject({
      actor: ALICE,
    });
  });
});
