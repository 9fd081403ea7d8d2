import { asList, asRecord, asStringMap } from './yamlDocuments';

/** Fields kustomize accepts at the top of a Kustomization (v5). */
const KUSTOMIZATION_FIELDS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'resources',
  'components',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'labels',
  'commonLabels',
  'commonAnnotations',
  'patches',
  'patchesStrategicMerge',
  'patchesJson6902',
  'images',
  'replicas',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
  'generators',
  'transformers',
  'validators',
  'crds',
  'vars',
  'replacements',
  'openapi',
  'buildMetadata',
  'helmCharts',
  'helmGlobals',
  'sortOptions',
  'configurations',
  'bases',
  'nameReference',
]);
const LABEL_FIELDS = new Set([
  'pairs',
  'includeSelectors',
  'includeTemplates',
  'fields',
]);

export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** What the portal reads of a kustomization.yaml. */
export interface Kustomization {
  file: string;
  namespace?: string;
  resources: string[];
  /** The label pairs kustomize adds (recovered when the block is mis-indented). */
  labels: Record<string, string>;
  /** Whether the labels also go into selectors (and so into pod templates). */
  labelsInSelectors: boolean;
  commonAnnotations: Record<string, string>;
  /** Annotations of the Kustomization itself (inert for kustomize). */
  ownAnnotations: Record<string, string>;
  /** Why `kubectl kustomize` would refuse this file itself, with its line. */
  buildErrors: Array<{ message: string; line?: number }>;
}

/** The first line (1-based) of a text that holds `needle`. */
export function lineOf(
  text: string | undefined,
  needle: string,
): number | undefined {
  if (!text) return undefined;
  const i = text.split('\n').findIndex(l => l.includes(needle));
  return i >= 0 ? i + 1 : undefined;
}

/** Reads a parsed kustomization; `text` gives lines for findings. */
export function readKustomization(
  file: string,
  value: unknown,
  text: string,
): Kustomization {
  const k = asRecord(value) ?? {};
  const buildErrors: Kustomization['buildErrors'] = [];
  for (const key of Object.keys(k)) {
    if (!KUSTOMIZATION_FIELDS.has(key))
      buildErrors.push({
        message: `invalid Kustomization: json: unknown field "${key}"`,
        line: lineOf(text, `${key}:`),
      });
  }
  const labels: Record<string, string> = {};
  let labelsInSelectors = false;
  for (const entry of asList(k.labels)) {
    const e = asRecord(entry);
    if (!e) continue;
    const extra = Object.keys(e).filter(key => !LABEL_FIELDS.has(key));
    if (extra.length > 0) {
      buildErrors.push({
        message: `invalid Kustomization: json: unknown field "${extra[0]}" (the label keys sit beside "pairs:", not under it)`,
        line: lineOf(text, `${extra[0]}:`),
      });
      // lenient recovery: the stray keys are the pairs that were meant
      if (e.pairs === null || e.pairs === undefined)
        Object.assign(
          labels,
          asStringMap(Object.fromEntries(extra.map(x => [x, e[x]]))),
        );
    }
    Object.assign(labels, asStringMap(e.pairs));
    if (e.includeSelectors === true) labelsInSelectors = true;
  }
  const commonLabels = asStringMap(k.commonLabels);
  if (Object.keys(commonLabels).length > 0) {
    Object.assign(labels, commonLabels);
    labelsInSelectors = true;
  }
  return {
    file,
    namespace: typeof k.namespace === 'string' ? k.namespace : undefined,
    resources: asList(k.resources).filter(
      (r): r is string => typeof r === 'string',
    ),
    labels,
    labelsInSelectors,
    commonAnnotations: asStringMap(k.commonAnnotations),
    ownAnnotations: asStringMap(asRecord(k.metadata)?.annotations),
    buildErrors,
  };
}
