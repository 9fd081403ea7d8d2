import { ServiceUnavailableError } from '@backstage/errors';

/** A short reason from an error body: Kubernetes Status, Backstage error, or text. */
export function reasonOf(body: string): string | undefined {
  try {
    const json = JSON.parse(body);
    const reason =
      json?.error?.message ?? json?.message ?? json?.reason ?? json?.status;
    if (typeof reason === 'string') return reason.slice(0, 300);
  } catch {
    // not JSON
  }
  return body.trim().slice(0, 300) || undefined;
}

/**
 * What a failed call to an upstream is reported as: `where` (e.g. "cluster
 * X: GET /api/v1/pods") did not answer in time, or failed with its reason
 * (kept as it is when it already names `where`'s upstream).
 */
export function upstreamFailure(
  where: string,
  error: Error,
  timeoutMs: number,
): ServiceUnavailableError {
  if (error.name === 'TimeoutError' || error.name === 'AbortError')
    return new ServiceUnavailableError(
      `${where} did not answer within ${timeoutMs / 1000} s`,
    );
  const upstream = where.split(':')[0];
  return new ServiceUnavailableError(
    error.message.startsWith(upstream)
      ? error.message
      : `${where} failed: ${error.message}`,
  );
}

/** What a cluster answered to a GET: status and body. */
export interface ClusterAnswer {
  status: number;
  body: string;
}

/**
 * A GET of `path` from `cluster`; with `maxBytes`, only the body's first
 * `maxBytes` are kept (a probe needs no more), otherwise all of it (lists).
 */
export type ClusterGet = (
  cluster: string,
  path: string,
  signal: AbortSignal,
  maxBytes?: number,
) => Promise<ClusterAnswer>;

/** A Kubernetes list read from one cluster by `get` within `timeoutMs`. */
export interface ClusterList {
  cluster: string;
  /** e.g. `/api/v1/namespaces/x/events?fieldSelector=type%3DWarning` */
  path: string;
  timeoutMs: number;
  /** The GET, by whatever client reaches the cluster (direct or the Kubernetes backend's proxy). */
  get: (signal: AbortSignal) => Promise<ClusterAnswer>;
  /** A 404 (an API the cluster does not serve, e.g. Karpenter's) is `undefined`, not an error. */
  optional?: boolean;
}

/**
 * The items of a Kubernetes list. A call that fails or does not answer in
 * time, any answer but 2xx, and a body that is not JSON are each a
 * ServiceUnavailableError naming the cluster, the path and the reason.
 */
export function listItems(
  list: ClusterList & { optional?: false },
): Promise<any[]>;
export function listItems(list: ClusterList): Promise<any[] | undefined>;
export async function listItems(list: ClusterList): Promise<any[] | undefined> {
  const where = `cluster ${list.cluster}: GET ${list.path.split('?')[0]}`;
  let answer: ClusterAnswer;
  try {
    answer = await list.get(AbortSignal.timeout(list.timeoutMs));
  } catch (e) {
    throw upstreamFailure(where, e as Error, list.timeoutMs);
  }
  if (answer.status === 404 && list.optional) return undefined;
  if (answer.status < 200 || answer.status >= 300) {
    const reason = reasonOf(answer.body);
    throw new ServiceUnavailableError(
      `${where} answered ${answer.status}${reason ? `: ${reason}` : ''}`,
    );
  }
  try {
    return JSON.parse(answer.body).items ?? [];
  } catch (e) {
    throw new ServiceUnavailableError(
      `${where} answered ${answer.status} with a body that is not a list: ${
        (e as Error).message
      }`,
    );
  }
}
