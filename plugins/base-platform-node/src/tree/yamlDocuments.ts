import { LineCounter, parseAllDocuments } from 'yaml';

/** One YAML document of a file, with the line it starts on (1-based). */
export interface YamlDocument {
  value: unknown;
  line: number;
}

/** Where and why a YAML text does not parse. */
export interface YamlError {
  message: string;
  line?: number;
  column?: number;
}

/** The documents of a YAML text, or the first error with its position. */
export function parseYamlDocuments(text: string): {
  documents: YamlDocument[];
  error?: YamlError;
} {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const documents: YamlDocument[] = [];
  for (const doc of list) {
    const first = doc.errors[0];
    if (first) {
      const pos = lineCounter.linePos(first.pos[0]);
      return {
        documents: [],
        error: {
          message: first.message.split('\n')[0],
          line: pos.line,
          column: pos.col,
        },
      };
    }
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    documents.push({ value, line: lineCounter.linePos(start).line });
  }
  return { documents };
}

/** A plain object, or undefined. */
export function asRecord(value: unknown): Record<string, any> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, any>)
    : undefined;
}

/** A list, or empty. */
export function asList(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** A map of strings (labels, selectors, env), dropping what is not a string or number. */
export function asStringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asRecord(value) ?? {})) {
    if (
      typeof v === 'string' ||
      typeof v === 'number' ||
      typeof v === 'boolean'
    )
      out[k] = String(v);
  }
  return out;
}

/** A Kubernetes object: has apiVersion, kind and metadata.name. */
export interface KubeDocument {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  body: Record<string, any>;
  line: number;
}

/** The Kubernetes objects among a file's documents. */
export function kubeDocuments(documents: YamlDocument[]): KubeDocument[] {
  const out: KubeDocument[] = [];
  for (const doc of documents) {
    const body = asRecord(doc.value);
    const metadata = asRecord(body?.metadata);
    if (
      !body ||
      typeof body.kind !== 'string' ||
      typeof metadata?.name !== 'string'
    )
      continue;
    out.push({
      apiVersion: String(body.apiVersion ?? ''),
      kind: body.kind,
      name: metadata.name,
      namespace:
        typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
      labels: asStringMap(metadata.labels),
      annotations: asStringMap(metadata.annotations),
      body,
      line: doc.line,
    });
  }
  return out;
}
