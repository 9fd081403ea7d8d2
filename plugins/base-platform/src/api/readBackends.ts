import { ResponseError } from '@backstage/errors';
import {
  DiscoveryApi,
  discoveryApiRef,
  FetchApi,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';

/** A value, or why it could not be read. */
export type Read<T> = { value: T } | { error: string };

/** Waits for `p`; a failure becomes its reason, so one upstream fails only its part of a view. */
export async function settle<T>(p: Promise<T>): Promise<Read<T>> {
  try {
    return { value: await p };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** GETs JSON from a backend plugin's route; a non-2xx answer throws with the backend's reason. */
export type GetJson = <T>(plugin: string, path: string) => Promise<T>;

function getJson(discovery: DiscoveryApi, fetchApi: FetchApi): GetJson {
  return async <T>(plugin: string, path: string): Promise<T> => {
    const res = await fetchApi.fetch(
      `${await discovery.getBaseUrl(plugin)}${path}`,
    );
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  };
}

/**
 * Reads from several of the portal's backends for views that join them (a
 * module's Services tab, Home's modules): one `get` for all.
 */
export function useBackendReader(): GetJson {
  const discovery = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(() => getJson(discovery, fetchApi), [discovery, fetchApi]);
}
