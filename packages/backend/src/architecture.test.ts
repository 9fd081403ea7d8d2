import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

describe('docs/architecture.md', () => {
  it("draws what the packages' package.json files say (scripts/architecture.ts --check)", () => {
    const run = spawnSync(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
          paths: [ROOT],
        }),
        'scripts/architecture.ts',
        '--check',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect([run.status, run.stderr.trim()]).toEqual([0, '']);
    expect(run.stdout).toMatch(/is current \(\d+ packages\)/);
  }, 70_000);

  it('has exactly one reader of kubernetes.clusterLocatorMethods among the plugins', () => {
    const readers = sourceFiles(path.join(ROOT, 'plugins')).filter(file =>
      /getOptionalConfigArray\(\s*'kubernetes\.clusterLocatorMethods'/.test(
        fs.readFileSync(file, 'utf8'),
      ),
    );
    expect(readers.map(f => path.relative(ROOT, f))).toEqual([
      'plugins/cluster-access-node/src/clusters.ts',
    ]);
  });

  it('defines each annotation key of the entity contract once', () => {
    const definitions = new Map<string, string[]>();
    for (const file of sourceFiles(path.join(ROOT, 'plugins'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /export const \w+\s*=\s*'((?:base\.io|backstage\.io|argocd)\/[\w.-]+)'/g,
      )) {
        const where = path.relative(ROOT, file);
        definitions.set(m[1], [...(definitions.get(m[1]) ?? []), where]);
      }
    }
    expect(definitions.size).toBeGreaterThan(20);
    const twice = [...definitions].filter(([, files]) => files.length > 1);
    expect(twice).toEqual([]);
    for (const files of definitions.values())
      expect(files).toEqual([
        'plugins/base-platform-common/src/annotations.ts',
      ]);
  });
});

/** The non-test TypeScript sources below `dir`. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    if (e.isDirectory())
      return e.name === 'node_modules' || e.name === 'dist'
        ? []
        : sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)
      ? [full]
      : [];
  });
}
