import { ConfigReader } from '@backstage/config';
import { readPlatformTools } from './readPlatformTools';

describe('readPlatformTools', () => {
  it('reads the tools in order', () => {
    const config = new ConfigReader({
      base: {
        tools: [
          { id: 'argocd', title: 'ArgoCD', url: 'https://x/argocd/' },
          {
            id: 'kiali',
            title: 'Kiali',
            url: 'https://x/kiali/',
            description: 'Mesh',
          },
        ],
      },
    });
    expect(readPlatformTools(config)).toEqual([
      {
        id: 'argocd',
        title: 'ArgoCD',
        url: 'https://x/argocd/',
        description: undefined,
      },
      {
        id: 'kiali',
        title: 'Kiali',
        url: 'https://x/kiali/',
        description: 'Mesh',
      },
    ]);
  });

  it('is empty without config', () => {
    expect(readPlatformTools(new ConfigReader({}))).toEqual([]);
  });

  it('names the key of a malformed entry', () => {
    const config = new ConfigReader({ base: { tools: [{ id: 'argocd' }] } });
    expect(() => readPlatformTools(config)).toThrow(/title/);
  });
});
