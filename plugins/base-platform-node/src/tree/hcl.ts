/**
 * Enough of HCL (HashiCorp Configuration Language, native syntax) to read
 * the values Terraform files and tfvars hold literally: blocks with labels,
 * attributes, objects, tuples, strings, numbers and bools. Anything computed
 * (references, function calls, operators, `for` expressions, templates) is
 * kept as its source text, never evaluated — the platform's HCL is read to
 * see what it declares, not to run Terraform.
 */

/** A value the reader does not evaluate, as written (e.g. `var.cluster_name`). */
export interface HclExpression {
  expression: string;
}

export type HclValue =
  | string
  | number
  | boolean
  | null
  | HclExpression
  | HclValue[]
  | { [key: string]: HclValue };

export interface HclBlock {
  type: string;
  labels: string[];
  body: HclBody;
  /** 1-based line of the block's first token. */
  line: number;
}

export interface HclBody {
  attributes: Record<string, HclValue>;
  /** 1-based line of each attribute's name. */
  lines: Record<string, number>;
  blocks: HclBlock[];
}

export class HclSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

export const isExpression = (v: unknown): v is HclExpression =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.keys(v).length === 1 &&
  typeof (v as HclExpression).expression === 'string';

type Token =
  | { t: 'ident'; v: string; at: number }
  | { t: 'string'; v: string; at: number; end: number }
  | { t: 'number'; v: number; at: number }
  | { t: 'punct'; v: string; at: number }
  | { t: 'newline'; at: number }
  | { t: 'eof'; at: number };

const PUNCT2 = ['==', '!=', '<=', '>=', '&&', '||', '=>', '...'];

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const lineOf = (at: number) => src.slice(0, at).split('\n').length;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      tokens.push({ t: 'newline', at: i++ });
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#' || (c === '/' && src[i + 1] === '/')) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new HclSyntaxError('unterminated comment', lineOf(i));
      // a comment spanning lines ends a line
      if (src.slice(i, end).includes('\n'))
        tokens.push({ t: 'newline', at: i });
      i = end + 2;
    } else if (c === '"') {
      const end = stringEnd(src, i, lineOf);
      tokens.push({
        t: 'string',
        v: unescape(src.slice(i + 1, end)),
        at: i,
        end: end + 1,
      });
      i = end + 1;
    } else if (
      c === '<' &&
      src[i + 1] === '<' &&
      /[-A-Za-z_]/.test(src[i + 2])
    ) {
      const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/.exec(src.slice(i));
      if (!m) throw new HclSyntaxError('malformed heredoc', lineOf(i));
      const bodyStart = i + m[0].length;
      const close = new RegExp(`^[ \\t]*${m[2]}[ \\t]*$`, 'm');
      const rest = src.slice(bodyStart);
      const found = close.exec(rest);
      if (!found)
        throw new HclSyntaxError(`heredoc ${m[2]} is not closed`, lineOf(i));
      let text = rest.slice(0, found.index);
      if (m[1]) {
        const lines = text.split('\n');
        const indent = Math.min(
          ...lines.filter(l => l.trim()).map(l => /^[ \t]*/.exec(l)![0].length),
        );
        text = lines.map(l => l.slice(indent)).join('\n');
      }
      const end = bodyStart + found.index + found[0].length;
      tokens.push({ t: 'string', v: text, at: i, end });
      i = end;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i))!;
      tokens.push({ t: 'number', v: Number(m[0]), at: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))!;
      tokens.push({ t: 'ident', v: m[0], at: i });
      i += m[0].length;
    } else {
      const at = i;
      const two = PUNCT2.find(x => src.startsWith(x, at));
      const p = two ?? c;
      if (!two && !'{}[]()=:,.?!+-*/%<>'.includes(c))
        throw new HclSyntaxError(`unexpected character "${c}"`, lineOf(i));
      tokens.push({ t: 'punct', v: p, at: i });
      i += p.length;
    }
  }
  tokens.push({ t: 'eof', at: src.length });
  return tokens;
}

/** The index of the quote closing the string that opens at `start`. */
function stringEnd(
  src: string,
  start: number,
  lineOf: (at: number) => number,
): number {
  let i = start + 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i;
    else if (c === '\n')
      throw new HclSyntaxError('unterminated string', lineOf(start));
    else if ((c === '$' || c === '%') && src[i + 1] === '{') {
      // an interpolation: may hold strings of its own
      let depth = 1;
      i += 2;
      while (i < src.length && depth > 0) {
        if (src[i] === '"') i = stringEnd(src, i, lineOf) + 1;
        else {
          if (src[i] === '{') depth++;
          else if (src[i] === '}') depth--;
          i++;
        }
      }
    } else i++;
  }
  throw new HclSyntaxError('unterminated string', lineOf(start));
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t' };

function unescape(raw: string): string {
  return raw.replace(/\\(["\\nrt])/g, (_, c) => ESCAPES[c] ?? c);
}

const CLOSERS: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

class Parser {
  private pos = 0;
  private readonly lineStarts: number[] = [0];

  constructor(private readonly src: string, private readonly tokens: Token[]) {
    for (let i = 0; i < src.length; i++)
      if (src[i] === '\n') this.lineStarts.push(i + 1);
  }

  line(at: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    return this.tokens[this.pos++];
  }

  private fail(message: string, token = this.peek()): never {
    throw new HclSyntaxError(message, this.line(token.at));
  }

  private skipNewlines() {
    while (this.peek().t === 'newline') this.pos++;
  }

  private isPunct(v: string, token = this.peek()) {
    return token.t === 'punct' && token.v === v;
  }

  body(closer?: string): HclBody {
    const out: HclBody = { attributes: {}, lines: {}, blocks: [] };
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (token.t === 'eof') {
        if (closer) this.fail(`missing "${closer}"`);
        return out;
      }
      if (closer && this.isPunct(closer)) {
        this.pos++;
        return out;
      }
      if (token.t !== 'ident')
        this.fail('expected an attribute name or a block type');
      this.pos++;
      if (this.isPunct('=')) {
        this.pos++;
        if (token.v in out.attributes)
          this.fail(`attribute "${token.v}" is set twice`, token);
        out.attributes[token.v] = this.expression();
        out.lines[token.v] = this.line(token.at);
        this.endOfItem(closer);
        continue;
      }
      const labels: string[] = [];
      while (this.peek().t === 'string' || this.peek().t === 'ident') {
        const label = this.next() as { v: string };
        labels.push(label.v);
      }
      if (!this.isPunct('{'))
        this.fail(`expected "=" or "{" after "${token.v}"`);
      this.pos++;
      out.blocks.push({
        type: token.v,
        labels,
        body: this.body('}'),
        line: this.line(token.at),
      });
    }
  }

  private endOfItem(closer?: string) {
    const t = this.peek();
    if (t.t === 'newline' || t.t === 'eof') return;
    if (closer && this.isPunct(closer)) return;
    this.fail('expected a new line after the attribute');
  }

  /** A value; anything beyond a literal is kept as its source text. */
  private expression(): HclValue {
    const start = this.peek();
    const value = this.primary();
    if (this.continues()) {
      this.skipExpression();
      return { expression: this.text(start.at, this.peek().at) };
    }
    return value;
  }

  /** Whether the expression goes on after a primary (an operator, an index, a call). */
  private continues(): boolean {
    const t = this.peek();
    return t.t === 'punct' && !['}', ']', ')', ',', '=', ':'].includes(t.v);
  }

  /** Skips to the end of the expression: a new line, a comma or a closer at depth 0. */
  private skipExpression() {
    for (;;) {
      const t = this.peek();
      if (t.t === 'eof' || t.t === 'newline') return;
      if (t.t === 'punct') {
        if ([',', '}', ']', ')'].includes(t.v)) return;
        if (CLOSERS[t.v]) {
          this.skipBalanced();
          continue;
        }
      }
      this.pos++;
    }
  }

  /** Skips a bracketed group, new lines and all. */
  private skipBalanced() {
    const open = this.next() as { v: string; at: number };
    const stack = [CLOSERS[open.v]];
    while (stack.length > 0) {
      const t = this.next();
      if (t.t === 'eof') this.fail(`missing "${stack[stack.length - 1]}"`, t);
      if (t.t !== 'punct') continue;
      if (CLOSERS[t.v]) stack.push(CLOSERS[t.v]);
      else if (t.v === stack[stack.length - 1]) stack.pop();
      else if ('}])'.includes(t.v)) this.fail(`unexpected "${t.v}"`, t);
    }
  }

  private text(from: number, to: number): string {
    return this.src.slice(from, to).trim().replace(/\s+/g, ' ');
  }

  private primary(): HclValue {
    const t = this.peek();
    if (t.t === 'string') {
      this.pos++;
      return t.v;
    }
    if (t.t === 'number') {
      this.pos++;
      return t.v;
    }
    if (t.t === 'ident') {
      if (t.v === 'true' || t.v === 'false' || t.v === 'null') {
        this.pos++;
        return t.v === 'null' ? null : t.v === 'true';
      }
      // a reference or a function call: its traversal, as text
      this.pos++;
      for (;;) {
        const n = this.peek();
        if (this.isPunct('.') || this.isPunct('...')) {
          this.pos++;
          if (this.peek().t === 'ident' || this.peek().t === 'number')
            this.pos++;
          else if (!this.isPunct('*')) this.fail('expected a name after "."');
          else this.pos++;
        } else if (n.t === 'punct' && (n.v === '[' || n.v === '(')) {
          this.skipBalanced();
        } else break;
      }
      return { expression: this.text(t.at, this.peek().at) };
    }
    if (this.isPunct('-') && this.tokens[this.pos + 1]?.t === 'number') {
      this.pos++;
      return -(this.next() as { v: number }).v;
    }
    if (this.isPunct('{')) return this.object();
    if (this.isPunct('[')) return this.tuple();
    if (this.isPunct('(') || this.isPunct('!') || this.isPunct('-')) {
      const from = t.at;
      this.skipExpression();
      return { expression: this.text(from, this.peek().at) };
    }
    return this.fail('expected a value');
  }

  /** A `for` expression, bracket to bracket, as its text. */
  private forExpression(): HclExpression {
    const from = this.peek().at;
    this.skipBalanced();
    return { expression: this.text(from, this.tokens[this.pos - 1].at + 1) };
  }

  /** Whether the bracket at the cursor opens a `for` expression. */
  private isFor(): boolean {
    let k = this.pos + 1;
    while (this.tokens[k]?.t === 'newline') k++;
    const first = this.tokens[k];
    return first?.t === 'ident' && first.v === 'for';
  }

  private object(): HclValue {
    if (this.isFor()) return this.forExpression();
    this.pos++;
    const out: Record<string, HclValue> = {};
    for (;;) {
      while (this.peek().t === 'newline' || this.isPunct(',')) this.pos++;
      if (this.isPunct('}')) {
        this.pos++;
        return out;
      }
      if (this.peek().t === 'eof') this.fail('missing "}"');
      const k = this.peek();
      let key: string;
      if (k.t === 'ident' || k.t === 'string') {
        this.pos++;
        key = String(k.v);
      } else if (k.t === 'number') {
        this.pos++;
        key = String(k.v);
      } else if (this.isPunct('(')) {
        this.skipBalanced();
        key = this.text(k.at, this.peek().at);
      } else return this.fail('expected a key in the object');
      if (!this.isPunct('=') && !this.isPunct(':'))
        this.fail(`expected "=" after the key "${key}"`);
      this.pos++;
      this.skipNewlines();
      out[key] = this.expression();
      const after = this.peek();
      if (after.t !== 'newline' && !this.isPunct(',') && !this.isPunct('}'))
        this.fail(`expected "," or a new line after "${key}"`);
    }
  }

  private tuple(): HclValue {
    if (this.isFor()) return this.forExpression();
    this.pos++;
    const out: HclValue[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.isPunct(']')) {
        this.pos++;
        return out;
      }
      if (this.peek().t === 'eof') this.fail('missing "]"');
      out.push(this.expression());
      this.skipNewlines();
      if (this.isPunct(',')) this.pos++;
      else if (!this.isPunct(']')) this.fail('expected "," or "]" in the list');
    }
  }
}

/** The body of an HCL file. Throws HclSyntaxError (with its line) on bad syntax. */
export function parseHcl(src: string): HclBody {
  const parser = new Parser(src, tokenize(src));
  return parser.body();
}
