import { screen } from '@testing-library/react';
import type { JsonObject } from '@backstage/types';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PlatformTools } from './PlatformTools';

function renderWithTools(tools: JsonObject[]) {
  return renderInTestApp(<PlatformTools />, {
    config: { base: { tools } },
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

  it('says what to configure when no tool is configured', async () => {
    await renderWithTools([]);
    expect(
      screen.getByText('No platform tools configured'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
