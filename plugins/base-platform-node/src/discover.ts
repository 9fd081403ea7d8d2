import type { UrlReaderService } from '@backstage/backend-plugin-api';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** A file of the platform tree: its path (posix, relative) and content. */
export interface PlatformFile {
  path: string;
  content: Buffer;
}

const SKIP = new Set(['.git', 'node_modules']);

/** How many files are read at once. */
const READ_CONCURRENCY = 64;

/** Every file under `root`. Throws when the tree cannot be read. */
export async function readDirectoryTree(root: string): Promise<PlatformFile[]> {
  const paths: string[] = [];
  async function walk(dir: string) {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) paths.push(full);
    }
  }
  await walk(root);
  const files: PlatformFile[] = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      files[i] = {
        path: path.relative(root, paths[i]).split(path.sep).join('/'),
        content: await fs.readFile(paths[i]),
      };
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
  return files;
}

/** Every file of the tree at `url`, through the UrlReader. Throws on failure. */
export async function readUrlTree(
  reader: UrlReaderService,
  url: string,
): Promise<PlatformFile[]> {
  const response = await reader.readTree(url);
  const files = await response.files();
  return Promise.all(
    files.map(async file => ({
      path: file.path,
      content: await file.content(),
    })),
  );
}

/** A digest of a tree's paths and contents: equal digests, equal trees. */
export function treeDigest(files: PlatformFile[]): string {
  const hash = crypto.createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    hash.update(file.path).update('\0').update(file.content).update('\0');
  }
  return hash.digest('hex');
}
