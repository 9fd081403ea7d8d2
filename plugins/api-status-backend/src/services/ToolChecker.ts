import type { Config } from '@backstage/config';
import type { ToolStatus } from '@internal/plugin-api-status-common';

interface Tool {
  id: string;
  healthUrl?: string;
}

/**
 * Reads `base.tools` (id, and the optional healthUrl the backend checks),
 * with `apiStatus.toolHealthUrls` overriding health URLs per tool id.
 */
export function readTools(config: Config): Tool[] {
  const overrides = config.getOptionalConfig('apiStatus.toolHealthUrls');
  return (config.getOptionalConfigArray('base.tools') ?? []).map(t => {
    const id = t.getString('id');
    return {
      id,
      healthUrl:
        overrides?.getOptionalString(id) ?? t.getOptionalString('healthUrl'),
    };
  });
}

/**
 * The platform tools' live status, measured here (not in the browser): a
 * tool is up only when its health URL answers 2xx within the timeout. One
 * round of checks per TTL, whoever asks.
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
      await res.arrayBuffer().catch(() => undefined);
      const responseMs = Date.now() - started;
      const ok = res.status >= 200 && res.status < 300;
      return {
        id: tool.id,
        state: ok ? 'up' : 'down',
        statusCode: res.status,
        responseMs,
        error: ok ? undefined : `HTTP ${res.status} from ${tool.healthUrl}`,
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
