import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import type { ReadState } from '../CardState';

/**
 * Reads the current entity's view from a plugin's API, again when the API
 * or the entity changes: the state a {@link CardState} shows.
 */
export function useEntityRead<A, T>(
  api: A,
  read: (api: A, entity: { namespace: string; name: string }) => Promise<T>,
): ReadState<T> {
  const { entity } = useEntity();
  const namespace = entity.metadata.namespace ?? 'default';
  const name = entity.metadata.name;
  const { loading, error, value } = useAsync(
    () => read(api, { namespace, name }),
    [api, namespace, name],
  );
  return { loading, error, value };
}
