import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RenderedFile } from '../render/platformShapes';

/** Resolves a relative path inside `root`, refusing anything that leaves it. */
export function inside(root: string, relative: string): string {
  if (path.isAbsolute(relative) || relative.split(/[\\/]/).includes('..')) {
    throw new InputError(
      `"${relative}" is not a relative path inside the tree`,
    );
  }
  const target = path.resolve(root, relative);
  if (!target.startsWith(path.resolve(root) + path.sep)) {
    throw new InputError(`"${relative}" leaves the tree`);
  }
  return target;
}

/** Writes files under `root`, creating folders. */
export async function writeFiles(root: string, files: RenderedFile[]) {
  for (const file of files) {
    const target = inside(root, file.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content, 'utf8');
  }
}

/** Every file under `dir` (relative paths), skipping .git. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(path.join(dir, prefix), {
    withFileTypes: true,
  })) {
    if (entry.name === '.git') continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}
