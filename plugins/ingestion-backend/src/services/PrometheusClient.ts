import { ServiceUnavailableError } from '@backstage/errors';

/** One series of a Prometheus answer. */
export interface PromSeries {
  metric: Record<string, string>;
  /** [epoch seconds, value] pairs; one for an instant query. */
  values: Array<[number, number]>;
}

/** Prometheus' HTTP API: instant and range queries, errors said plainly. */
export class PrometheusClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async query(expr: string, time?: number): Promise<PromSeries[]> {
    const params = new URLSearchParams({ query: expr });
    if (time !== undefined) params.set('time', String(time));
    const data = await this.call('/api/v1/query', params);
    return (data.result as any[]).map(r => ({
      metric: r.metric,
      values: [[Number(r.value[0]), Number(r.value[1])]],
    }));
  }

  async queryRange(
    expr: string,
    range: { start: number; end: number; step: number },
  ): Promise<PromSeries[]> {
    const params = new URLSearchParams({
      query: expr,
      start: String(range.start),
      end: String(range.end),
      step: String(range.step),
    });
    const data = await this.call('/api/v1/query_range', params);
    return (data.result as any[]).map(r => ({
      metric: r.metric,
      values: (r.values as Array<[number, string]>).map(([t, v]) => [
        Number(t),
        Number(v),
      ]),
    }));
  }

  private async call(path: string, params: URLSearchParams): Promise<any> {
    const where = `Prometheus at ${this.baseUrl}`;
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: params,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const error = e as Error & { cause?: any };
      if (error.name === 'TimeoutError') {
        throw new ServiceUnavailableError(
          `${where} did not answer within ${this.timeoutMs / 1000} s`,
        );
      }
      // undici puts the socket error in `cause` (an AggregateError for IPv4+IPv6)
      const cause = error.cause?.errors?.[0] ?? error.cause;
      throw new ServiceUnavailableError(
        `${where} is unreachable${cause?.code ? ` (${cause.code})` : ''}: ${
          cause?.message ?? error.message
        }`,
      );
    }
    const body = await res.json().catch(() => undefined);
    if (!res.ok || body?.status !== 'success') {
      throw new ServiceUnavailableError(
        `${where} answered ${res.status}${
          body?.error ? `: ${body.errorType ?? 'error'}: ${body.error}` : ''
        }`,
      );
    }
    return body.data;
  }
}
