import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { WaveBoard } from '@internal/plugin-sync-waves-common';
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
}
