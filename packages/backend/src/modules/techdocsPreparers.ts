import {
  coreServices,
  createBackendModule,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotModifiedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import {
  DirectoryPreparer,
  parseReferenceAnnotation,
  techdocsPreparerExtensionPoint,
  transformDirLocation,
  type PreparerBase,
  type PreparerOptions,
  type PreparerResponse,
} from '@backstage/plugin-techdocs-node';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';

const TECHDOCS_REF = 'backstage.io/techdocs-ref';

async function preparedDirFor(
  files: Array<{ path: string; content: string | Buffer }>,
): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'base-techdocs-'));
  for (const file of files) {
    const target = resolveSafeChildPath(dir, file.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content);
  }
  return dir;
}

function etagOf(...parts: Array<string | Buffer>): string {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 32);
}

const exists = (p: string) =>
  fs.stat(p).then(
    () => true,
    () => false,
  );

/** docs_dir of an mkdocs.yml (default `docs`); its !!python tags are left alone. */
function docsDirOf(mkdocsYml: string): string {
  const parsed = yaml.parse(mkdocsYml, {
    customTags: tags => tags,
    logLevel: 'silent',
  });
  return typeof parsed?.docs_dir === 'string' ? parsed.docs_dir : 'docs';
}

/**
 * Makes a prepared directory build with plain mkdocs (this release's
 * generator, for a directory without mkdocs.yml, writes one that needs the
 * techdocs-core plugin, and copies no README into an absent docs folder):
 * an mkdocs.yml named after the entity where there is none, and the README
 * as the index where the docs folder is missing.
 */
export async function completeDocs(dir: string, entity: Entity): Promise<void> {
  let docsDir = 'docs';
  const config = ['mkdocs.yml', 'mkdocs.yaml'].map(n => path.join(dir, n));
  const found = (
    await Promise.all(config.map(async c => ((await exists(c)) ? c : '')))
  ).find(Boolean);
  if (found) {
    docsDir = docsDirOf(await fs.readFile(found, 'utf8'));
  } else {
    await fs.writeFile(
      config[0],
      yaml.stringify({
        site_name: entity.metadata.title ?? entity.metadata.name,
        docs_dir: docsDir,
      }),
    );
  }
  const docs = resolveSafeChildPath(dir, docsDir);
  const readme = path.join(dir, 'README.md');
  if (!(await exists(docs)) && (await exists(readme))) {
    await fs.mkdir(docs, { recursive: true });
    await fs.copyFile(readme, path.join(docs, 'index.md'));
  }
}

/**
 * The stock `dir:` preparer, except that a local directory is copied first
 * (its mkdocs.yml, docs folder and README, nothing else): the stock one hands
 * the generator the directory itself, which then writes its patched
 * mkdocs.yml into the checkout. A `dir:` on a URL location is read through
 * the UrlReader as before, into a temporary directory. Either is completed
 * to build with plain mkdocs (completeDocs).
 */
export class CopyingDirectoryPreparer implements PreparerBase {
  constructor(
    private readonly stock: DirectoryPreparer,
    private readonly integrations: ScmIntegrations,
  ) {}

  shouldCleanPreparedDirectory(): boolean {
    return true;
  }

  async prepare(
    entity: Entity,
    options?: PreparerOptions,
  ): Promise<PreparerResponse> {
    const annotation = parseReferenceAnnotation(TECHDOCS_REF, entity);
    const { type, target } = transformDirLocation(
      entity,
      annotation,
      this.integrations,
    );
    if (type !== 'dir') {
      const read = await this.stock.prepare(entity, options);
      await completeDocs(read.preparedDir, entity);
      return read;
    }

    const files: Array<{ path: string; content: Buffer }> = [];
    const read = async (relative: string) => {
      const full = resolveSafeChildPath(target, relative);
      const stat = await fs.stat(full).catch(() => undefined);
      if (stat?.isFile()) {
        files.push({ path: relative, content: await fs.readFile(full) });
      } else if (stat?.isDirectory()) {
        for (const entry of await fs.readdir(full)) {
          await read(path.join(relative, entry));
        }
      }
    };
    let docsDir = 'docs';
    for (const name of ['mkdocs.yml', 'mkdocs.yaml']) {
      await read(name);
      const config = files.find(f => f.path === name);
      if (config) {
        docsDir = docsDirOf(config.content.toString('utf8'));
        break;
      }
    }
    await read(docsDir);
    await read('README.md');
    if (files.length === 0) {
      throw new InputError(
        `${TECHDOCS_REF} "dir:${annotation.target}" of ${entity.metadata.name}: ${target} has no mkdocs.yml, ${docsDir}/ or README.md`,
      );
    }
    const etag = etagOf(
      ...files.flatMap(f => [f.path, f.content] as Array<string | Buffer>),
    );
    if (options?.etag === etag) throw new NotModifiedError();
    const preparedDir = await preparedDirFor(files);
    await completeDocs(preparedDir, entity);
    return { preparedDir, etag };
  }
}

/**
 * TechDocs `dir:` docs built from a copy: the portal's own (catalog-info.yaml
 * beside mkdocs.yml and docs/) and each module's, its README (the catalog
 * provider gives a module with a README `backstage.io/source-location` at
 * that README and `backstage.io/techdocs-ref: dir:.`; from a repository URL
 * the stock preparer reads the module's folder).
 */
export const techdocsPreparersModule = createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'copying-dir-preparer',
  register(reg) {
    reg.registerInit({
      deps: {
        preparers: techdocsPreparerExtensionPoint,
        config: coreServices.rootConfig,
        reader: coreServices.urlReader,
        logger: coreServices.logger,
      },
      async init({ preparers, config, reader, logger }) {
        preparers.registerPreparer(
          'dir',
          new CopyingDirectoryPreparer(
            DirectoryPreparer.fromConfig(config, { logger, reader }),
            ScmIntegrations.fromConfig(config),
          ),
        );
      },
    });
  },
});
