import { ServiceUnavailableError } from '@backstage/errors';

/** One series of a Prometheus answer. */
export interface PromSeries {
  metric: Record<string, string>;
  /** [epoch seconds, value] pairs; one for an instant query. */
  values: Array<[number, number]>;
}

/** An alert as Prometheus' `GET /api/v1/alerts` lists it. */
export interface PromAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  state: 'pending' | 'firing' | 'inactive';
  activeAt?: string;
  value?: string;
}

/** Prometheus' HTTP API: instant and range queries and the active alerts, errors said plainly. */
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

  /** The alerts its rules hold active now (pending and firing). */
  async alerts(): Promise<PromAlert[]> {
    const data = await this.call('/api/v1/alerts');
    if (!Array.isArray(data?.alerts))
      throw new ServiceUnavailableError(
        `Prometheus at ${this.baseUrl} answered /api/v1/alerts without alerts`,
      );
    return data.alerts;
  }

  /** A query's parameters are POSTed (long PromQL); without any, a GET. */
  private async call(path: string, params?: URLSearchParams): Promise<any> {
    const where = `Prometheus at ${this.baseUrl}`;
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        ...(params
          ? {
              method: 'POST',
              headers: {
                'content-type': 'application/x-www-form-urlencoded',
              },
              body: params,
            }
          : { method: 'GET' }),
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
