import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { renderPlatform } from './platformFolders';

const examples = path.resolve(__dirname, '../../../../examples');

function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap(e => {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      return e.isDirectory() ? listFiles(dir, rel) : [rel];
    });
}

describe('examples/base-platform', () => {
  it('is exactly what scripts/generate-example-platform.ts writes from its description', () => {
    const description = parse(
      fs.readFileSync(
        path.join(examples, 'base-platform.description.yaml'),
        'utf8',
      ),
    );
    const rendered = renderPlatform(description);
    const root = path.join(examples, 'base-platform');
    expect(listFiles(root).sort()).toEqual(rendered.map(f => f.path).sort());
    for (const file of rendered) {
      expect([
        file.path,
        fs.readFileSync(path.join(root, file.path), 'utf8'),
      ]).toEqual([file.path, file.content]);
    }
  });
});
