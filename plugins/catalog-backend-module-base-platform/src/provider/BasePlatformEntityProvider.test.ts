import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BasePlatformEntityProvider } from './BasePlatformEntityProvider';

function makeTree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'base-platform-'));
  fs.mkdirSync(path.join(root, 'risk_analytics/agents'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'risk_analytics/module.yaml'),
    'kind: Module\ndomain: processing-analytics\nwave: 5\n',
  );
  fs.writeFileSync(
    path.join(
      root,
      'risk_analytics/agents/base-risk-analytics-agent-var-calculator.yaml',
    ),
    'kind: Agent\ndescriptor: var-calculator\n',
  );
  return root;
}

function setup(directory: string) {
  const connection: jest.Mocked<EntityProviderConnection> = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  };
  const provider = new BasePlatformEntityProvider({
    config: {
      source: { type: 'directory', path: directory },
      schedule: { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
    },
    logger: mockServices.logger.mock(),
    reader: mockServices.urlReader.mock(),
    taskRunner: { run: jest.fn() },
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
        'processing-analytics',
        'base-risk-analytics',
        'base-risk-analytics-agent-var-calculator',
        'base-risk-analytics-model-server',
      ]),
    );
    expect(result.findings).toBeGreaterThan(0);
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
    await expect(provider.refresh()).rejects.toThrow(/empty/);
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });
});
