import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ModuleHealth,
  ServiceEvents,
  ServiceHealth,
  ToolStatus,
} from '@internal/plugin-api-status-common';

/** The api-status backend. */
export interface ApiStatusApi {
  getService(namespace: string, name: string): Promise<ServiceHealth>;
  getServiceEvents(namespace: string, name: string): Promise<ServiceEvents>;
  /** The recent Warning events of every object in a module's namespace. */
  getModuleEvents(namespace: string, name: string): Promise<ServiceEvents>;
  getModule(namespace: string, name: string): Promise<ModuleHealth>;
  getTools(): Promise<ToolStatus[]>;
}

export const apiStatusApiRef = createApiRef<ApiStatusApi>({
  id: 'plugin.api-status.service',
});

export class ApiStatusClient implements ApiStatusApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async get<T>(path: string): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('api-status');
    const res = await this.deps.fetchApi.fetch(`${base}${path}`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json();
  }

  getService(namespace: string, name: string) {
    return this.get<ServiceHealth>(
      `/services/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    );
  }

  getServiceEvents(namespace: string, name: string) {
    return this.get<ServiceEvents>(
      `/services/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}/events`,
    );
  }

  getModuleEvents(namespace: string, name: string) {
    return this.get<ServiceEvents>(
      `/modules/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}/events`,
    );
  }

  getModule(namespace: string, name: string) {
    return this.get<ModuleHealth>(
      `/modules/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    );
  }

  getTools() {
    return this.get<ToolStatus[]>('/tools');
  }
}
