import { fireEvent, screen, waitFor } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { syncWavesApiRef } from '../api/SyncWavesApi';
import { SyncButton } from './SyncButton';

describe('SyncButton', () => {
  // usePermission caches decisions per resource for the session, so each
  // test asks about a module of its own
  const render = (
    systemRef: string,
    decide: (
      resourceRef?: string,
    ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY,
    syncApplication = jest.fn(async () => {}),
  ) =>
    renderInTestApp(
      <>
        <span>card</span>
        <SyncButton application="data-ingestion" systemRef={systemRef} />
      </>,
      {
        apis: [
          [syncWavesApiRef, { syncApplication }],
          mockApis.permission({
            authorize: request =>
              decide(
                (request as { resourceRef?: string }).resourceRef ?? undefined,
              ),
          }),
        ],
      },
    );

  it("is offered to a user the policy allows for the module's System, and syncs", async () => {
    const syncApplication = jest.fn(async () => {});
    await render(
      'system:default/base-data-ingestion',
      ref =>
        ref === 'system:default/base-data-ingestion'
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      syncApplication,
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Sync data-ingestion' }),
    );
    await waitFor(() =>
      expect(syncApplication).toHaveBeenCalledWith('data-ingestion'),
    );
  });

  it('is not shown to a user the policy denies', async () => {
    await render('system:default/base-risk', () => AuthorizeResult.DENY);
    await screen.findByText('card');
    expect(
      screen.queryByRole('button', { name: /^Sync / }),
    ).not.toBeInTheDocument();
  });
});
