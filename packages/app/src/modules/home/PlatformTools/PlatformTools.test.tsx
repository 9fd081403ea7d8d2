import { screen } from '@testing-library/react';
import type { JsonObject } from '@backstage/types';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { apiStatusApiRef } from '@internal/plugin-api-status';
import type { ToolStatus } from '@internal/plugin-api-status-common';
import { PlatformTools } from './PlatformTools';

const tool = (name: string, enabled: boolean): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: { 'base.io/proxy-enabled': String(enabled) },
  },
  spec: { type: 'platform-service' },
});

function renderWithTools(
  tools: JsonObject[],
  getTools: () => Promise<ToolStatus[]> = async () => [],
  entities: Entity[] = [],
) {
  return renderInTestApp(<PlatformTools />, {
    config: { base: { tools } },
    apis: [
      [apiStatusApiRef, { getTools }],
      [catalogApiRef, catalogApiMock({ entities })],
    ],
  });
}

describe('PlatformTools', () => {
  it('links every configured tool to its URL', async () => {
    await renderWithTools([
      {
        id: 'argocd',
        title: 'ArgoCD',
        description: 'GitOps',
        url: 'https://fin.vsem-svoim.com/argocd/',
      },
      { id: 'vault', title: 'Vault', url: 'https://fin.vsem-svoim.com/vault/' },
    ]);
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByRole('link', { name: /^ArgoCD/ })).toHaveAttribute(
      'href',
      'https://fin.vsem-svoim.com/argocd/',
    );
    expect(screen.getByText('GitOps')).toBeInTheDocument();
  });

  it("shows each tool's status as the backend measured it, and nothing it did not", async () => {
    await renderWithTools(
      [
        { id: 'argocd', title: 'ArgoCD', url: 'https://a/' },
        { id: 'vault', title: 'Vault', url: 'https://v/' },
        { id: 'kiali', title: 'Kiali', url: 'https://k/' },
      ],
      async () => [
        { id: 'argocd', state: 'up', statusCode: 200, responseMs: 12 },
        {
          id: 'vault',
          state: 'down',
          error: 'https://v/health unreachable: ENOTFOUND',
        },
        { id: 'kiali', state: 'not-configured' },
      ],
    );
    expect(await screen.findByLabelText('ArgoCD status')).toHaveTextContent(
      'up (12 ms)',
    );
    expect(screen.getByLabelText('Vault status')).toHaveTextContent(
      'down: https://v/health unreachable: ENOTFOUND',
    );
    expect(screen.getByLabelText('Kiali status')).toHaveTextContent(
      'no health URL configured',
    );
  });

  it('says which tools the Platform UI proxy does not serve', async () => {
    await renderWithTools(
      [
        {
          id: 'argocd',
          title: 'ArgoCD',
          url: 'https://fin.vsem-svoim.com/argocd/',
        },
        {
          id: 'airflow',
          title: 'Airflow',
          url: 'https://fin.vsem-svoim.com/airflow/',
        },
      ],
      async () => [],
      [tool('argocd', true), tool('airflow', false)],
    );
    const note = await screen.findByText(
      /Not served at this URL: its location in the Platform UI proxy is commented out/,
    );
    expect(note.closest('li')).toHaveTextContent('Airflow');
    expect(screen.getAllByText(/Not served at this URL/)).toHaveLength(1);
  });

  it('says the status is unavailable when the backend fails', async () => {
    await renderWithTools(
      [{ id: 'argocd', title: 'ArgoCD', url: 'https://a/' }],
      async () => {
        throw new Error('HTTP 503');
      },
    );
    expect(
      await screen.findByText(/status unavailable: HTTP 503/),
    ).toBeInTheDocument();
  });

  it('says what to configure when no tool is configured', async () => {
    await renderWithTools([]);
    expect(
      screen.getByText('No platform tools configured'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
