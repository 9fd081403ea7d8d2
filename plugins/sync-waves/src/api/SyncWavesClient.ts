import type {
  ApplicationDeployment,
  DriftReport,
  WaveBoard,
} from '@internal/plugin-sync-waves-common';
import {
  backendClient,
  type BackendClientDeps,
  type BackendRequest,
  routePath,
} from '@internal/plugin-base-react';
import type { NamespaceDrift, SyncWavesApi } from './SyncWavesApi';

export class SyncWavesClient implements SyncWavesApi {
  private readonly request: BackendRequest;

  constructor(deps: BackendClientDeps) {
    this.request = backendClient(deps, 'sync-waves');
  }

  getWaveBoard(): Promise<WaveBoard> {
    return this.request('/waves');
  }

  getApplication(
    name: string,
    workload?: { id: string; service?: string; hpa?: string },
  ): Promise<ApplicationDeployment> {
    const query = new URLSearchParams();
    if (workload) query.set('workload', workload.id);
    if (workload?.service) query.set('service', workload.service);
    if (workload?.hpa) query.set('hpa', workload.hpa);
    return this.request(
      `${routePath('applications', name)}${query.size ? `?${query}` : ''}`,
    );
  }

  async syncApplication(name: string): Promise<void> {
    await this.request(`${routePath('applications', name)}/sync`, {
      method: 'POST',
    });
  }

  getDrift(): Promise<DriftReport> {
    return this.request('/drift');
  }

  getNamespaceDrift(namespace: string): Promise<NamespaceDrift> {
    return this.request(routePath('drift', 'namespaces', namespace));
  }
}
