import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ApplicationDeployment,
  WaveBoard,
} from '@internal/plugin-sync-waves-common';
import type { SyncWavesApi } from './SyncWavesApi';

export class SyncWavesClient implements SyncWavesApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getWaveBoard(): Promise<WaveBoard> {
    const base = await this.deps.discoveryApi.getBaseUrl('sync-waves');
    const res = await this.deps.fetchApi.fetch(`${base}/waves`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json();
  }

  async getApplication(
    name: string,
    workload?: { id: string; service?: string },
  ): Promise<ApplicationDeployment> {
    const base = await this.deps.discoveryApi.getBaseUrl('sync-waves');
    const query = new URLSearchParams();
    if (workload) query.set('workload', workload.id);
    if (workload?.service) query.set('service', workload.service);
    const res = await this.deps.fetchApi.fetch(
      `${base}/applications/${encodeURIComponent(name)}${
        query.size ? `?${query}` : ''
      }`,
    );
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json();
  }

  async syncApplication(name: string): Promise<void> {
    const base = await this.deps.discoveryApi.getBaseUrl('sync-waves');
    const res = await this.deps.fetchApi.fetch(
      `${base}/applications/${encodeURIComponent(name)}/sync`,
      { method: 'POST' },
    );
    if (!res.ok) throw await ResponseError.fromResponse(res);
  }
}
