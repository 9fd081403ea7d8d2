import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { DirectoryPreparer } from '@backstage/plugin-techdocs-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CopyingDirectoryPreparer } from './techdocsPreparers';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));
const noReader = {} as UrlReaderService;

const entity = (ref: string, location: string, source?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'base-data-ingestion',
    annotations: {
      'backstage.io/techdocs-ref': ref,
      'backstage.io/managed-by-location': location,
      ...(source ? { 'backstage.io/source-location': source } : {}),
    },
  },
});

/** Every file under dir, relative, with its text. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-test-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('CopyingDirectoryPreparer', () => {
  const preparer = () =>
    new CopyingDirectoryPreparer(
      DirectoryPreparer.fromConfig(new ConfigReader({}), {
        logger: undefined as never,
        reader: noReader,
      }),
      integrations,
    );

  it('builds from a copy of mkdocs.yml, its docs_dir and the README, never in the checkout', async () => {
    fs.mkdirSync(path.join(root, 'handbook/deep'), { recursive: true });
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(
      path.join(root, 'mkdocs.yml'),
      'site_name: Portal\ndocs_dir: handbook\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n',
    );
    fs.writeFileSync(path.join(root, 'handbook/index.md'), '# Portal\n');
    fs.writeFileSync(path.join(root, 'handbook/deep/ops.md'), '# Ops\n');
    fs.writeFileSync(path.join(root, 'README.md'), '# Repo\n');
    fs.writeFileSync(path.join(root, 'src/index.ts'), 'export {};\n');
    fs.writeFileSync(path.join(root, 'catalog-info.yaml'), 'kind: Component\n');
    const before = tree(root);

    const { preparedDir } = await preparer().prepare(
      entity('dir:.', `file:${root}/catalog-info.yaml`),
    );
    expect(Object.keys(tree(preparedDir)).sort()).toEqual([
      'README.md',
      'handbook/deep/ops.md',
      'handbook/index.md',
      'mkdocs.yml',
    ]);
    expect(tree(root)).toEqual(before);
    fs.rmSync(preparedDir, { recursive: true });
  });

  it("builds a module's docs from its README alone, as the catalog provider points at it", async () => {
    fs.mkdirSync(path.join(root, 'data_ingestion/agents'), { recursive: true });
    fs.writeFileSync(path.join(root, 'data_ingestion/README.md'), '# Ingest\n');
    fs.writeFileSync(
      path.join(root, 'data_ingestion/kustomization.yaml'),
      'resources: []\n',
    );
    fs.writeFileSync(path.join(root, 'data_ingestion/agents/a.yaml'), 'x: 1\n');
    const before = tree(root);
    const module = entity(
      'dir:.',
      `file:${root}/`,
      `file:${root}/data_ingestion/README.md`,
    );
    const { preparedDir, etag } = await preparer().prepare(module);
    // the README as the index, and an mkdocs.yml plain mkdocs builds
    expect(tree(preparedDir)).toEqual({
      'README.md': '# Ingest\n',
      'docs/index.md': '# Ingest\n',
      'mkdocs.yml': 'site_name: base-data-ingestion\ndocs_dir: docs\n',
    });
    expect(tree(root)).toEqual(before);

    // an unchanged README is not rebuilt; a changed one is
    await expect(preparer().prepare(module, { etag })).rejects.toMatchObject({
      name: 'NotModifiedError',
    });
    fs.writeFileSync(path.join(root, 'data_ingestion/README.md'), '# New\n');
    const again = await preparer().prepare(module, { etag });
    expect(again.etag).not.toBe(etag);
    fs.rmSync(preparedDir, { recursive: true });
    fs.rmSync(again.preparedDir, { recursive: true });
  });

  it('refuses a dir: that leaves the location', async () => {
    await expect(
      preparer().prepare(
        entity(
          'dir:../..',
          `file:${root}/`,
          `file:${root}/data_ingestion/README.md`,
        ),
      ),
    ).rejects.toThrow(/outside|not allowed/i);
  });

  it('names the directory when there is nothing to build', async () => {
    await expect(
      preparer().prepare(entity('dir:.', `file:${root}/catalog-info.yaml`)),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('has no mkdocs.yml, docs/ or README.md'),
    });
  });
});
