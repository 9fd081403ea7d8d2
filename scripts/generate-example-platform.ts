/*
 * Writes examples/base-platform/ from examples/base-platform.description.yaml
 * in the real repository's file shapes, with the scaffolder's renderer:
 *   node --require @backstage/cli-node/config/nodeTransform.cjs scripts/generate-example-platform.ts
 * A test (examplePlatform.test.ts in the scaffolder module) fails when the
 * committed tree is not what this writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { renderPlatform } from '@internal/plugin-scaffolder-backend-module-base';

const root = path.resolve(__dirname, '..', 'examples');
const target = path.join(root, 'base-platform');
const description = parse(
  fs.readFileSync(path.join(root, 'base-platform.description.yaml'), 'utf8'),
);
fs.rmSync(target, { recursive: true, force: true });
const files = renderPlatform(description);
for (const file of files) {
  const out = path.join(target, file.path);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, file.content);
}
console.log(
  `wrote ${files.length} files of ${description.modules.length} modules to ${target}`,
);
