/**
 * Kubernetes label and field selectors, as the API server reads them:
 * `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`; fields
 * support `=`, `==` and `!=` on dotted paths.
 */
export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

export class SelectorError extends Error {}

/** Splits on commas that are not inside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += ch;
  }
  terms.push(current);
  return terms.map(t => t.trim()).filter(Boolean);
}

export function parseLabelSelector(
  selector: string | undefined,
): Requirement[] {
  if (!selector) return [];
  return splitTerms(selector).map(term => {
    let m = term.match(/^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/);
    if (m)
      return {
        key: m[1],
        op: m[2] as 'in' | 'notin',
        values: m[3]
          .split(',')
          .map(v => v.trim())
          .filter(Boolean),
      };
    m = term.match(/^([^\s!=]+)\s*(==|=|!=)\s*([^\s]*)$/);
    if (m)
      return { key: m[1], op: m[2] === '!=' ? 'notin' : 'in', values: [m[3]] };
    m = term.match(/^!\s*([^\s!=]+)$/);
    if (m) return { key: m[1], op: '!exists' };
    m = term.match(/^([^\s!=(),]+)$/);
    if (m) return { key: m[1], op: 'exists' };
    throw new SelectorError(`unable to parse requirement: ${term}`);
  });
}

export function matchesLabels(
  labels: Record<string, string> | undefined,
  requirements: Requirement[],
): boolean {
  const l = labels ?? {};
  return requirements.every(r => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case 'in':
        return has && r.values.includes(l[r.key]);
      default:
        return !has || !r.values.includes(l[r.key]);
    }
  });
}

export type FieldRequirement = { path: string; value: string; negate: boolean };

export function parseFieldSelector(
  selector: string | undefined,
): FieldRequirement[] {
  if (!selector) return [];
  return splitTerms(selector).map(term => {
    const m = term.match(/^([\w.]+)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw new SelectorError(`invalid field selector: ${term}`);
    return { path: m[1], value: m[3], negate: m[2] === '!=' };
  });
}

export function matchesFields(
  object: unknown,
  requirements: FieldRequirement[],
): boolean {
  return requirements.every(r => {
    const value = r.path
      .split('.')
      .reduce<any>(
        (o, k) => (o === undefined || o === null ? undefined : o[k]),
        object,
      );
    const equal = String(value ?? '') === r.value;
    return r.negate ? !equal : equal;
  });
}
