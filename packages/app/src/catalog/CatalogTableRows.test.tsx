import { useState } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { CatalogTable } from '@backstage/plugin-catalog';
import {
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { MockEntityListContextProvider } from '@backstage/plugin-catalog-react/testUtils';

/*
 * The catalog index re-renders its table on every update of the entity list
 * (each filter registering, the count arriving, loading flags). The portal
 * patches @backstage/plugin-catalog (.yarn/patches) so that each row carries
 * its entity ref as id: @material-table/core otherwise keys rows by a uuid
 * made afresh on each such update and mounts every row again (about 120 ms a
 * time for a page of 20 services on the CI machine).
 */
const services: Entity[] = Array.from({ length: 3 }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: `base-data-ingestion-agent-${i}`, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'platform-team' },
}));

function UpdatingList() {
  const [count, setCount] = useState(0);
  return (
    <>
      <button onClick={() => setCount(c => c + 1)}>update {count}</button>
      <MockEntityListContextProvider
        value={{
          entities: services,
          totalItems: services.length,
          // a new value for the same entities, as the list provider makes
          // when the total is counted again
          totalItemsLoading: count % 2 === 1,
          paginationMode: 'offset',
          limit: 20,
          offset: 0,
          setOffset: () => {},
        }}
      >
        <CatalogTable />
      </MockEntityListContextProvider>
    </>
  );
}

describe('the catalog table (patched @backstage/plugin-catalog)', () => {
  it('keeps its rows mounted when the entity list updates with the same entities', async () => {
    await renderInTestApp(<UpdatingList />, {
      apis: [[starredEntitiesApiRef, new MockStarredEntitiesApi()]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    const rowOf = (name: string) => screen.getByText(name).closest('tr');
    const before = services.map(s => rowOf(s.metadata.name));
    expect(before.every(Boolean)).toBe(true);

    for (const label of ['update 1', 'update 2']) {
      await userEvent.click(screen.getByRole('button', { name: /^update/ }));
      await waitFor(() =>
        expect(screen.getByRole('button', { name: label })).toBeVisible(),
      );
      services.forEach((s, i) =>
        expect(rowOf(s.metadata.name)).toBe(before[i]),
      );
    }
    // rendering the real catalog table takes seconds on a loaded 2-core machine
  }, 30_000);
});
