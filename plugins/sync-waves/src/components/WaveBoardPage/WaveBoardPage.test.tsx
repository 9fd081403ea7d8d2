import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { WaveBoard } from '@internal/plugin-sync-waves-common';
import { syncWavesApiRef } from '../../api/SyncWavesApi';
import { WaveBoardPage } from './WaveBoardPage';

const board = (overrides: Partial<WaveBoard> = {}): WaveBoard => ({
  fetchedAt: '2026-11-27T04:00:00.000Z',
  stale: false,
  waves: [4, 5].map(wave => ({
    wave,
    applicationSets: [`set-${wave}`],
    sync: wave === 4 ? 'OutOfSync' : 'OutOfSync',
    health: wave === 4 ? 'Degraded' : 'Missing',
    applications: [
      {
        name: wave === 4 ? 'data-ingestion' : 'feature-engineering',
        wave,
        sync: 'OutOfSync',
        health: wave === 4 ? 'Degraded' : 'Missing',
        operation:
          wave === 5
            ? {
                phase: 'Running',
                message: 'waiting for healthy state of wave 4',
              }
            : undefined,
      },
    ],
    blockedBy:
      wave === 5 ? { wave: 4, applications: ['data-ingestion'] } : undefined,
  })),
  ...overrides,
});

const render = (api: { getWaveBoard: () => Promise<WaveBoard> }) =>
  renderInTestApp(<WaveBoardPage />, { apis: [[syncWavesApiRef, api]] });

describe('WaveBoardPage', () => {
  it('shows each wave, its Applications and what blocks it', async () => {
    await render({ getWaveBoard: async () => board() });
    expect(
      await screen.findByRole('region', { name: 'Wave 5' }),
    ).toHaveTextContent('Blocked by wave 4: data-ingestion');
    expect(screen.getByRole('region', { name: 'Wave 4' })).toHaveTextContent(
      'data-ingestion: OutOfSync / Degraded',
    );
    expect(
      screen.getByText('Running: waiting for healthy state of wave 4'),
    ).toBeInTheDocument();
  });

  it('marks stale data with the error and its age', async () => {
    await render({
      getWaveBoard: async () =>
        board({
          stale: true,
          error: 'ArgoCD at http://argocd is unreachable (ECONNREFUSED)',
        }),
    });
    expect(
      await screen.findByText(
        /ArgoCD at http:\/\/argocd is unreachable \(ECONNREFUSED\)\. Showing the last good data/,
      ),
    ).toBeInTheDocument();
  });

  it('names ArgoCD when there is no data at all', async () => {
    await render({
      getWaveBoard: async () => {
        throw new Error('ArgoCD at http://argocd did not answer within 5 s');
      },
    });
    expect(
      (
        await screen.findAllByText(
          /ArgoCD at http:\/\/argocd did not answer within 5 s/,
        )
      )[0],
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Wave 4' }),
    ).not.toBeInTheDocument();
  });
});
