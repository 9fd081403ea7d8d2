import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BasePlatformEntityProvider } from './BasePlatformEntityProvider';

/** A copy of one module of the example platform, with the module ApplicationSet. */
function makeTree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'base-platform-'));
  const example = path.resolve(__dirname, '../../../../examples/base-platform');
  for (const part of [
    'data_ingestion',
    'platform-services-v2/automation/gitops/applicationsets',
  ]) {
    fs.cpSync(path.join(example, part), path.join(root, part), {
      recursive: true,
    });
  }
  return root;
}

function setup(directory: string, batchModules?: number) {
  const connection: jest.Mocked<EntityProviderConnection> = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  };
  const provider = new BasePlatformEntityProvider({
    config: {
      source: { type: 'directory', path: directory },
      schedule: { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
      parse: {},
    },
    logger: mockServices.logger.mock(),
    reader: mockServices.urlReader.mock(),
    taskRunner: { run: jest.fn() },
    batchModules,
  });
  return { provider, connection };
}

describe('BasePlatformEntityProvider', () => {
  it('replaces the catalog view with the tree, in one full mutation', async () => {
    const { provider, connection } = setup(makeTree());
    await provider.connect(connection);
    const result = await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const mutation = connection.applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('full');
    const names = (mutation as any).entities.map(
      (e: any) => e.entity.metadata.name,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'data-foundation',
        'base-data-ingestion',
        'base-data-ingestion-agent-data-collector',
        'base-data-ingestion-model-server',
      ]),
    );
    expect(result.findings).toBeGreaterThan(0);
  });

  it("adds a big tree's modules batch by batch as they are parsed, then replaces the view in one full mutation", async () => {
    const example = path.resolve(
      __dirname,
      '../../../../examples/base-platform',
    );
    const { provider, connection } = setup(example, 4);
    // turns of the event loop, read at each mutation: other requests of the
    // replica are served while modules are parsed, not only between batches
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const turnsAt: number[] = [];
    connection.applyMutation.mockImplementation(async () => {
      turnsAt.push(turns);
    });
    await provider.connect(connection);
    const result = await provider.refresh().finally(() => {
      counting = false;
    });
    // at least one turn after each of the batch's four modules
    expect(turnsAt[2] - turnsAt[1]).toBeGreaterThanOrEqual(4);
    expect(turnsAt[3] - turnsAt[2]).toBeGreaterThanOrEqual(2);
    const calls = connection.applyMutation.mock.calls.map(c => c[0] as any);
    // 14 modules in batches of 4: four deltas that only add, then the full one
    expect(calls.map(c => c.type)).toEqual([
      'delta',
      'delta',
      'delta',
      'delta',
      'full',
    ]);
    expect(calls.slice(0, 4).every(c => c.removed.length === 0)).toBe(true);
    const byRef = (list: any[]) =>
      new Map(
        list.map(({ entity }) => [
          `${entity.kind}:${entity.metadata.name}`,
          entity,
        ]),
      );
    const early = byRef(calls.slice(0, 4).flatMap(c => c.added));
    const full = byRef(calls[4].entities);
    expect(full.size).toBe(result.entities);
    // the early entities are exactly the full mutation's module entities
    const fullModuleEntities = [...full].filter(
      ([, e]) => e.metadata.annotations?.['base.io/module'],
    );
    expect(early.size).toBe(fullModuleEntities.length);
    for (const [ref, entity] of fullModuleEntities) {
      expect(early.get(ref)).toEqual(entity);
    }
    expect([...early.values()].filter(e => e.kind === 'System')).toHaveLength(
      14,
    );
  });

  it('neither parses nor applies an unchanged tree again; a change is applied at once', async () => {
    const tree = makeTree();
    const { provider, connection } = setup(tree);
    await provider.connect(connection);
    await provider.refresh();
    expect(await provider.refresh()).toMatchObject({ unchanged: true });
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    fs.appendFileSync(path.join(tree, 'data_ingestion/README.md'), '\nMore.\n');
    expect((await provider.refresh()).unchanged).toBeUndefined();
    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
  });

  it('applies nothing when the tree cannot be read, so the catalog keeps its entities', async () => {
    const { provider, connection } = setup('/no/such/platform/tree');
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toThrow(/ENOENT/);
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('applies nothing for an empty tree', async () => {
    const { provider, connection } = setup(
      fs.mkdtempSync(path.join(os.tmpdir(), 'base-platform-empty-')),
    );
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toThrow(/empty|no module folder/);
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });
});
