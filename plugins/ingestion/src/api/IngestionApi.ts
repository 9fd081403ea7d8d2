import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AgentThroughput,
  ModuleThroughput,
  PlatformThroughput,
} from '@internal/plugin-ingestion-common';

/** The ingestion backend. */
export interface IngestionApi {
  getAgent(namespace: string, name: string): Promise<AgentThroughput>;
  getModule(namespace: string, name: string): Promise<ModuleThroughput>;
  getPlatform(): Promise<PlatformThroughput>;
}

export const ingestionApiRef = createApiRef<IngestionApi>({
  id: 'plugin.ingestion.service',
});

export class IngestionClient implements IngestionApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async get<T>(path: string): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('ingestion');
    const res = await this.deps.fetchApi.fetch(`${base}${path}`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json();
  }

  getAgent(namespace: string, name: string) {
    return this.get<AgentThroughput>(
      `/agents/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    );
  }

  getModule(namespace: string, name: string) {
    return this.get<ModuleThroughput>(
      `/modules/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    );
  }

  getPlatform() {
    return this.get<PlatformThroughput>('/platform');
  }
}
