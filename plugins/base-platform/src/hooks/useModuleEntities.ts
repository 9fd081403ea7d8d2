import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { ANNOTATION_MODULE } from '@internal/plugin-base-platform-common';
import useAsync from 'react-use/esm/useAsync';

/** Every catalog entity of a BASE module (by its `base.io/module` annotation). */
export function useModuleEntities(moduleSlug: string | undefined) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<Entity[]> => {
    if (!moduleSlug) return [];
    const { items } = await catalogApi.getEntities({
      filter: { [`metadata.annotations.${ANNOTATION_MODULE}`]: moduleSlug },
      fields: ['kind', 'metadata', 'spec.type'],
    });
    return items.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }, [catalogApi, moduleSlug]);
}
