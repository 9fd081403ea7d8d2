import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  backendClient,
  type BackendClientDeps,
  type BackendRequest,
} from '@internal/plugin-base-react';
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

function getJson(deps: BackendClientDeps): GetJson {
  const clients = new Map<string, BackendRequest>();
  return <T>(plugin: string, path: string): Promise<T> => {
    let client = clients.get(plugin);
    if (!client) {
      client = backendClient(deps, plugin);
      clients.set(plugin, client);
    }
    return client<T>(path);
  };
}

/**
 * Reads from several of the portal's backends for views that join them (a
 * module's Services tab, Home's modules): one `get` for all.
 */
export function useBackendReader(): GetJson {
  const discovery = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(
    () => getJson({ discoveryApi: discovery, fetchApi }),
    [discovery, fetchApi],
  );
}
