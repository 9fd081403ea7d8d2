/*
 * The synthetic platform of the benchmarks: the example's modules copied
 * round-robin under new names (b0000_data, b0001_data, …), with the module
 * ApplicationSet listing every copy, and the example's other platform files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');

/** Copies the example modules round-robin under new names until there are `count`. */
export function makeSyntheticPlatform(out: string, count: number): string[] {
  const example = path.join(ROOT, 'examples/base-platform');
  // module folders only (the rule of docs/platform-spec.md), not platform-services-v2/
  const sources = fs
    .readdirSync(example, { withFileTypes: true })
    .filter(
      d => d.isDirectory() && /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(d.name),
    )
    .map(d => d.name)
    .sort();
  const appSetPath =
    'platform-services-v2/automation/gitops/applicationsets/base-layer-apps.yaml';
  const appSet = parse(fs.readFileSync(path.join(example, appSetPath), 'utf8'));
  const sourceElements: any[] = appSet.spec.generators[0].list.elements;
  const elements: any[] = [];
  fs.rmSync(out, { recursive: true, force: true });
  const folders: string[] = [];
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length];
    const folder = `b${String(i).padStart(4, '0')}_${source.split('_')[0]}`;
    const fromSlug = source.replace(/_/g, '-');
    const toSlug = folder.replace(/_/g, '-');
    folders.push(folder);
    const element = sourceElements.find(e => e.module === source);
    elements.push({
      ...element,
      module: folder,
      name: toSlug,
      namespace: `base-${toSlug}`,
    });
    for (const sub of fs.readdirSync(path.join(example, source), {
      withFileTypes: true,
    })) {
      const files = sub.isDirectory()
        ? fs
            .readdirSync(path.join(example, source, sub.name))
            .map(f => path.join(sub.name, f))
        : [sub.name];
      for (const file of files) {
        const content = fs
          .readFileSync(path.join(example, source, file), 'utf8')
          .replace(new RegExp(`\\b${source}\\b`, 'g'), folder)
          .replace(new RegExp(`\\b${fromSlug}\\b`, 'g'), toSlug)
          // module dependencies point at modules that exist in the synthetic tree
          .replace(/modules: \[[^\]]*\]/g, 'modules: []');
        const target = path.join(
          out,
          folder,
          file.replace(new RegExp(`\\b${fromSlug}\\b`, 'g'), toSlug),
        );
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
      }
    }
  }
  // the module ApplicationSet, so every synthetic module has its Application and wave
  appSet.spec.generators[0].list.elements = elements;
  fs.mkdirSync(path.dirname(path.join(out, appSetPath)), { recursive: true });
  fs.writeFileSync(path.join(out, appSetPath), stringify(appSet));
  // the rest of the platform folder as the example has it (node pools, node groups, the proxy)
  fs.cpSync(
    path.join(example, 'platform-services-v2'),
    path.join(out, 'platform-services-v2'),
    {
      recursive: true,
      filter: src => src !== path.join(example, appSetPath),
    },
  );
  return folders;
}
