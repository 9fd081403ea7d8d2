import type { Config } from '@backstage/config';
import type { ToolStatus } from '@internal/plugin-api-status-common';

/**
 * What a tool's own health endpoint answers, so that anything else at its URL
 * (an SPA fallback's 200 page, a proxy's error page, another service) reads
 * "down": the status codes the tool sends when healthy, and a body (regex over
 * the trimmed text), JSON fields (dotted path → value) or headers (name →
 * regex) that only the tool itself sends.
 */
type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

export interface ToolExpectation {
  status: number[];
  body?: RegExp;
  json?: JsonValue;
  headers?: Record<string, RegExp>;
}

export interface Tool {
  id: string;
  title: string;
  healthUrl?: string;
  expect: ToolExpectation;
}

function readStatus(c: Config | undefined): number[] {
  const status = c?.getOptional('status');
  if (status === undefined) return [200];
  const codes = Array.isArray(status) ? status : [status];
  if (!codes.every(code => Number.isInteger(code))) {
    throw new Error(
      `expect.status of a tool must be a status code or a list of them, got ${JSON.stringify(
        status,
      )}`,
    );
  }
  return codes as number[];
}

function readExpectation(c: Config | undefined): ToolExpectation {
  const json = c?.getOptional<JsonValue>('json');
  const headers = c?.getOptionalConfig('headers');
  const body = c?.getOptionalString('body');
  return {
    status: readStatus(c),
    body: body !== undefined ? new RegExp(body) : undefined,
    json,
    headers: headers
      ? Object.fromEntries(
          headers
            .keys()
            .map(k => [k.toLowerCase(), new RegExp(headers.getString(k))]),
        )
      : undefined,
  };
}

/**
 * Reads `base.tools` (id, title, the healthUrl the backend checks and what
 * the tool answers there), with `apiStatus.toolHealthUrls` overriding the
 * URL per tool id (the sandbox's in development); the expectation stays the
 * tool's own.
 */
export function readTools(config: Config): Tool[] {
  const overrides = config.getOptionalConfig('apiStatus.toolHealthUrls');
  return (config.getOptionalConfigArray('base.tools') ?? []).map(t => {
    const id = t.getString('id');
    return {
      id,
      title: t.getOptionalString('title') ?? id,
      healthUrl:
        overrides?.getOptionalString(id) ?? t.getOptionalString('healthUrl'),
      expect: readExpectation(t.getOptionalConfig('expect')),
    };
  });
}

/** The first place where `got` lacks what `wanted` has (a deep subset check). */
function firstDifference(
  wanted: JsonValue,
  got: unknown,
  path: string,
): { path: string; wanted: JsonValue; got: unknown } | undefined {
  if (wanted !== null && typeof wanted === 'object' && !Array.isArray(wanted)) {
    for (const [key, value] of Object.entries(wanted)) {
      const inner =
        got !== null && typeof got === 'object'
          ? (got as Record<string, unknown>)[key]
          : undefined;
      const diff = firstDifference(value, inner, path ? `${path}.${key}` : key);
      if (diff) return diff;
    }
    return undefined;
  }
  return JSON.stringify(wanted) === JSON.stringify(got)
    ? undefined
    : { path, wanted, got };
}

/**
 * Why an answer is not the tool's healthy answer, or undefined when it is.
 * Exported for the expectation tests.
 */
export function mismatch(
  tool: Pick<Tool, 'title' | 'expect'>,
  answer: { status: number; headers: Headers; body: string },
): string | undefined {
  const { expect } = tool;
  if (!expect.status.includes(answer.status)) {
    return `HTTP ${answer.status}, ${tool.title} answers ${expect.status.join(
      ' or ',
    )} when healthy`;
  }
  for (const [name, pattern] of Object.entries(expect.headers ?? {})) {
    const value = answer.headers.get(name);
    if (value === null || !pattern.test(value)) {
      return `HTTP ${answer.status} without ${tool.title}'s ${name} header (${
        value === null ? 'absent' : `"${value.slice(0, 60)}"`
      })`;
    }
  }
  const text = answer.body.trim();
  if (expect.body && !expect.body.test(text)) {
    return `HTTP ${answer.status}, but not ${tool.title}'s answer: ${describe(
      answer,
      text,
    )}`;
  }
  if (expect.json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return `HTTP ${answer.status}, but not ${tool.title}'s JSON: ${describe(
        answer,
        text,
      )}`;
    }
    const diff = firstDifference(expect.json, parsed, '');
    if (diff) {
      return `HTTP ${answer.status}, ${diff.path || 'the body'} is ${
        diff.got === undefined ? 'absent' : JSON.stringify(diff.got)
      }, ${tool.title} reports ${JSON.stringify(diff.wanted)} when healthy`;
    }
  }
  return undefined;
}

function describe(answer: { headers: Headers }, text: string): string {
  const type = answer.headers.get('content-type') ?? 'no content type';
  if (/<html|<!doctype/i.test(text)) return `an HTML page (${type})`;
  if (!text) return `an empty body (${type})`;
  return `"${text.slice(0, 60)}" (${type})`;
}

/**
 * The platform tools' live status, measured here (not in the browser): a
 * tool is up only when its health URL gives the tool's own healthy answer
 * within the timeout. One round of checks per TTL, whoever asks.
 */
export class ToolChecker {
  private last?: { at: number; value: Promise<ToolStatus[]> };

  constructor(
    private readonly tools: Tool[],
    private readonly options: { timeoutMs: number; ttlMs: number },
  ) {}

  statuses(now = Date.now()): Promise<ToolStatus[]> {
    if (!this.last || now - this.last.at >= this.options.ttlMs) {
      this.last = { at: now, value: this.checkAll() };
    }
    return this.last.value;
  }

  private checkAll(): Promise<ToolStatus[]> {
    return Promise.all(this.tools.map(tool => this.check(tool)));
  }

  private async check(tool: Tool): Promise<ToolStatus> {
    if (!tool.healthUrl) return { id: tool.id, state: 'not-configured' };
    const started = Date.now();
    const checkedAt = new Date(started).toISOString();
    try {
      const res = await fetch(tool.healthUrl, {
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'manual',
      });
      // a health answer is small; of anything larger the first 64 KiB are matched
      const body = (await res.text().catch(() => '')).slice(0, 64 * 1024);
      const responseMs = Date.now() - started;
      const wrong = mismatch(tool, {
        status: res.status,
        headers: res.headers,
        body,
      });
      return {
        id: tool.id,
        state: wrong ? 'down' : 'up',
        statusCode: res.status,
        responseMs,
        error: wrong ? `${wrong} (${tool.healthUrl})` : undefined,
        checkedAt,
      };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      const reason =
        e.name === 'TimeoutError'
          ? `no answer within ${this.options.timeoutMs / 1000} s`
          : e.cause?.code ?? e.message;
      return {
        id: tool.id,
        state: 'down',
        error: `${tool.healthUrl} unreachable: ${reason}`,
        checkedAt,
      };
    }
  }
}
