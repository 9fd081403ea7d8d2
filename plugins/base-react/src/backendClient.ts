import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** What a client of one of the portal's backends is built from. */
export interface BackendClientDeps {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}

/** A request to one backend: its JSON answer, or a ResponseError with the backend's reason. */
export type BackendRequest = <T>(
  path: string,
  init?: RequestInit,
) => Promise<T>;

/**
 * Requests to the backend plugin `pluginId` through the app's fetch API (so
 * the user's token goes along). A non-2xx answer throws a ResponseError
 * carrying the backend's `error.message`, which the cards show; an empty
 * body (e.g. a 202 or 204) is `undefined`.
 */
export function backendClient(
  deps: BackendClientDeps,
  pluginId: string,
): BackendRequest {
  return async <T>(path: string, init?: RequestInit): Promise<T> => {
    const base = await deps.discoveryApi.getBaseUrl(pluginId);
    const res = await deps.fetchApi.fetch(`${base}${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/**
 * Why a read failed, in the backend's words: a ResponseError's message is
 * only "Request failed with 503 …"; the backend's reason is its cause.
 */
export function errorReason(error: Error): string {
  return ResponseError.is(error) && error.cause?.message
    ? error.cause.message
    : error.message;
}

/** A route path from segments, each encoded: `routePath('modules', ns, name)` is `/modules/<ns>/<name>`. */
export const routePath = (...segments: string[]) =>
  segments.map(s => `/${encodeURIComponent(s)}`).join('');
