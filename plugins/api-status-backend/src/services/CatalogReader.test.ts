import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogReader } from './CatalogReader';

const service = (name: string, system: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', system },
});
const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'base-data-ingestion', namespace: 'default' },
};
const entities = [
  service('base-data-ingestion-agent-data-collector', 'base-data-ingestion'),
  service('base-data-ingestion-model-data-ingestion', 'base-data-ingestion'),
  system,
];
const ref = {
  kind: 'component',
  namespace: 'default',
  name: 'base-data-ingestion-agent-data-collector',
};

function setup(result: AuthorizeResult) {
  let now = 0;
  const catalog = catalogServiceMock.mock({
    getEntities: jest.fn(async () => ({ items: entities })),
    getEntityByRef: jest.fn(async () => entities[0]),
  });
  const permissions = mockServices.permissions.mock({
    authorizeConditional: jest.fn(async () => [{ result }]) as any,
  });
  const reader = new CatalogReader({
    catalog,
    auth: mockServices.auth(),
    permissions,
    ttlMs: 30_000,
    now: () => now,
  });
  return { reader, catalog, permissions, tick: (ms: number) => (now += ms) };
}

describe('CatalogReader', () => {
  it('serves readers the policy allows everything from one catalog read per period, deciding once per user', async () => {
    const { reader, catalog, permissions, tick } = setup(AuthorizeResult.ALLOW);
    const alice = mockCredentials.user('user:default/alice');
    for (let i = 0; i < 50; i++) {
      expect(await reader.entity(ref, alice)).toBe(entities[0]);
    }
    expect(await reader.servicesOf(system, alice)).toHaveLength(2);
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);

    await reader.entity(ref, mockCredentials.user('user:default/bob'));
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(2);

    tick(30_000);
    await reader.entity(ref, alice);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(3);
    expect(catalog.getEntities).toHaveBeenCalledTimes(2);
  });

  it('hands the probe runs the services of the same read as the routes, and the last list while the catalog is down', async () => {
    const { reader, catalog, tick } = setup(AuthorizeResult.ALLOW);
    const alice = mockCredentials.user('user:default/alice');
    await reader.entity(ref, alice);
    const first = await reader.services();
    expect(first.entities.map(e => e.metadata.name)).toEqual([
      'base-data-ingestion-agent-data-collector',
      'base-data-ingestion-model-data-ingestion',
    ]);
    expect(first.error).toBeUndefined();
    // one read for both
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);

    tick(30_000);
    catalog.getEntities.mockRejectedValueOnce(new Error('catalog: 503'));
    const during = await reader.services();
    expect(during.entities).toHaveLength(2);
    expect(during.error).toBe('catalog: 503');
    expect(catalog.getEntities).toHaveBeenCalledTimes(2);
  });

  it('fails the probe run when the catalog was never read', async () => {
    const { reader, catalog } = setup(AuthorizeResult.ALLOW);
    catalog.getEntities.mockRejectedValueOnce(new Error('catalog: 503'));
    await expect(reader.services()).rejects.toThrow('catalog: 503');
  });

  it('asks the catalog with the viewer’s credentials under a conditional decision', async () => {
    const { reader, catalog } = setup(AuthorizeResult.CONDITIONAL);
    const alice = mockCredentials.user('user:default/alice');
    expect(await reader.entity(ref, alice)).toBe(entities[0]);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(ref, {
      credentials: alice,
    });
    await reader.servicesOf(system, alice);
    expect(catalog.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: expect.objectContaining({
          'spec.system': 'base-data-ingestion',
        }),
      }),
      { credentials: alice },
    );
  });

  it('reads nothing for a viewer the policy denies', async () => {
    const { reader, catalog } = setup(AuthorizeResult.DENY);
    const alice = mockCredentials.user('user:default/alice');
    expect(await reader.entity(ref, alice)).toBeUndefined();
    expect(await reader.servicesOf(system, alice)).toEqual([]);
    expect(catalog.getEntities).not.toHaveBeenCalled();
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('asks the catalog for an entity it has not kept (registered since the last read)', async () => {
    const { reader, catalog } = setup(AuthorizeResult.ALLOW);
    const alice = mockCredentials.user('user:default/alice');
    await reader.entity({ ...ref, name: 'base-new-agent-x' }, alice);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      { ...ref, name: 'base-new-agent-x' },
      { credentials: alice },
    );
  });
});
