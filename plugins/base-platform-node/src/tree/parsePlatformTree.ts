import {
  type ConformanceFinding,
  tolerates,
} from '@internal/plugin-base-platform-common';
import type { PlatformFile } from '../discover';
import { DEFAULT_PLATFORM, PlatformDefinition, taintText } from './platform';
import { readPlatformFiles } from './platformFiles';
import { ModuleApplication, ModuleTree, readModule } from './readModule';
import {
  asList,
  asRecord,
  kubeDocuments,
  parseYamlDocuments,
} from './yamlDocuments';

export interface PlatformTree {
  modules: ModuleTree[];
  platform: PlatformDefinition;
  /** Findings outside any module (ApplicationSets, node pools). */
  findings: ConformanceFinding[];
}

export interface ParseOptions {
  /** The platform outside its modules; default: the real platform's. */
  platform?: PlatformDefinition;
  /**
   * Folders whose ApplicationSets ArgoCD applies (not recursive). Default: the
   * folder the real repository's root Application reads.
   */
  applicationSetFolders?: string[];
}

export const DEFAULT_APPLICATIONSET_FOLDERS = [
  'platform-services-v2/automation/gitops/applicationsets',
];

/** The rule: a top-level snake_case folder holding both `agents/` and `kustomization.yaml`. */
export const MODULE_FOLDER = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;

/** Module folders of a tree by the rule in docs/platform-spec.md. */
export function detectModules(paths: Iterable<string>): string[] {
  const tops = new Map<string, { agents: boolean; kustomization: boolean }>();
  for (const path of paths) {
    const [top, next, ...rest] = path.split('/');
    if (next === undefined || !MODULE_FOLDER.test(top)) continue;
    const t = tops.get(top) ?? { agents: false, kustomization: false };
    if (next === 'agents' && rest.length > 0) t.agents = true;
    if (rest.length === 0 && /^kustomization\.ya?ml$/.test(next))
      t.kustomization = true;
    tops.set(top, t);
  }
  return [...tops.entries()]
    .filter(([, t]) => t.agents && t.kustomization)
    .map(([f]) => f)
    .sort();
}

/** Module Applications the applied ApplicationSets generate, by module folder. */
function readApplicationSets(
  files: PlatformFile[],
  folders: string[],
  modules: Set<string>,
  findings: ConformanceFinding[],
): Map<string, ModuleApplication> {
  const out = new Map<string, ModuleApplication>();
  for (const file of files) {
    const dir = file.path.split('/').slice(0, -1).join('/');
    if (!folders.includes(dir) || !/\.ya?ml$/.test(file.path)) continue;
    const text = file.content.toString('utf8');
    if (!text.includes('ApplicationSet')) continue;
    // the line of each `module:` entry, found once per file
    const moduleLines = new Map<string, number>();
    text.split('\n').forEach((l, i) => {
      const m = l.trim().match(/^(?:-\s*)?module:\s*["']?([^"'\s]+)["']?\s*$/);
      if (m && !moduleLines.has(m[1])) moduleLines.set(m[1], i + 1);
    });
    const { documents, error } = parseYamlDocuments(text);
    if (error) {
      findings.push({
        rule: 'invalid-spec',
        severity: 'error',
        file: file.path,
        line: error.line,
        message: `invalid YAML: ${error.message}`,
      });
      continue;
    }
    for (const doc of kubeDocuments(documents)) {
      if (doc.kind !== 'ApplicationSet') continue;
      const template = asRecord(asRecord(doc.body.spec)?.template);
      const tplPath = String(
        asRecord(asRecord(template?.spec)?.source)?.path ?? '',
      );
      const tplName = String(asRecord(template?.metadata)?.name ?? '');
      for (const generator of asList(asRecord(doc.body.spec)?.generators)) {
        for (const element of asList(
          asRecord(asRecord(generator)?.list)?.elements,
        )) {
          const e = asRecord(element);
          if (!e || typeof e.module !== 'string') continue;
          const fill = (tpl: string) =>
            tpl.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k) => String(e[k] ?? ''));
          const path = tplPath ? fill(tplPath) : e.module;
          const line = moduleLines.get(e.module) ?? doc.line;
          if (!modules.has(path)) {
            findings.push({
              rule: 'application',
              file: file.path,
              line,
              message: `ApplicationSet ${doc.name} generates Application "${
                fill(tplName) || e.module
              }" from path "${path}", which is not a module folder of the repository`,
            });
            continue;
          }
          const wave = Number(e.wave);
          out.set(path, {
            name: fill(tplName) || String(e.name ?? e.module),
            file: file.path,
            line,
            namespace:
              typeof e.namespace === 'string' ? e.namespace : undefined,
            wave:
              Number.isFinite(wave) && String(e.wave ?? '') !== ''
                ? wave
                : undefined,
            cluster: typeof e.cluster === 'string' ? e.cluster : undefined,
          });
        }
      }
    }
  }
  return out;
}

/** Modules read so far, with what their entities are built against. */
export interface PlatformModuleBatch {
  modules: ModuleTree[];
  /** The slugs of every module folder of the tree (not only this batch's). */
  slugs: ReadonlySet<string>;
}

/**
 * The platform tree in the real repository's shapes: module folders by the
 * detection rule, each read with its kustomizations and the ApplicationSets
 * that deploy it. Pure; bad files become findings, never throws.
 */
export function parsePlatformTree(
  files: PlatformFile[],
  options: ParseOptions = {},
): PlatformTree {
  const parts = parsePlatformTreeInBatches(files, options, Infinity);
  for (;;) {
    const step = parts.next();
    if (step.done) return step.value;
  }
}

/**
 * parsePlatformTree a few modules at a time: yields the modules in batches of
 * `batchSize` as they are read (a module is read against the whole tree, so a
 * batch's modules are exactly the full parse's), and returns the whole tree,
 * with the findings that need every module, at the end. Reading a module's
 * YAML is most of the cost of a read, so a caller can use the first batches
 * while the rest are parsed. A tree that fits one batch yields nothing.
 */
export function* parsePlatformTreeInBatches(
  files: PlatformFile[],
  options: ParseOptions = {},
  batchSize = 50,
): Generator<PlatformModuleBatch, PlatformTree, void> {
  const folders = detectModules(files.map(f => f.path));
  const declared = readPlatformFiles(
    files,
    options.platform ?? DEFAULT_PLATFORM,
    folders.length > 0,
  );
  const platform = declared.platform;
  const findings: ConformanceFinding[] = [...declared.findings];
  const moduleSet = new Set(folders);
  const applications = readApplicationSets(
    files,
    options.applicationSetFolders ?? DEFAULT_APPLICATIONSET_FOLDERS,
    moduleSet,
    findings,
  );
  const byModule = new Map<string, PlatformFile[]>(folders.map(f => [f, []]));
  for (const file of files) byModule.get(file.path.split('/')[0])?.push(file);
  const slugs = new Set(folders.map(f => f.replace(/_/g, '-')));
  const modules: ModuleTree[] = [];
  for (let i = 0; i < folders.length; i += batchSize) {
    const batch = folders.slice(i, i + batchSize).map(folder =>
      readModule(folder, byModule.get(folder)!, {
        slugs,
        platform,
        applications,
      }),
    );
    modules.push(...batch);
    if (batch.length < folders.length) yield { modules: batch, slugs };
  }

  // a node pool's taint that no workload of the modules tolerates
  const tolerationSets = modules.flatMap(m => [
    ...m.components.flatMap(c =>
      c.workload ? [c.workload.deployment.tolerations] : [],
    ),
    ...(m.modelServer.workload
      ? [m.modelServer.workload.deployment.tolerations]
      : []),
  ]);
  if (modules.length > 0) {
    for (const source of platform.nodeSources) {
      if (source.cluster !== platform.moduleCluster) continue;
      for (const taint of source.taints) {
        if (taint.effect === 'PreferNoSchedule') continue;
        if (!tolerationSets.some(t => tolerates(t, taint)))
          findings.push({
            rule: 'placement',
            severity: 'warning',
            file: source.source,
            line: source.line,
            message: `${
              source.kind === 'karpenter-nodepool' ? 'node pool' : 'node group'
            } ${source.name} taints its nodes ${taintText(
              taint,
            )}, which no workload of the modules tolerates: its nodes run none of them`,
          });
      }
    }
  }
  return { modules, platform, findings };
}
