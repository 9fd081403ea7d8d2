import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  backendClient,
  type BackendClientDeps,
  type BackendRequest,
  routePath,
} from '@internal/plugin-base-react';
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
  private readonly get: BackendRequest;

  constructor(deps: BackendClientDeps) {
    this.get = backendClient(deps, 'ingestion');
  }

  getAgent(namespace: string, name: string) {
    return this.get<AgentThroughput>(routePath('agents', namespace, name));
  }

  getModule(namespace: string, name: string) {
    return this.get<ModuleThroughput>(routePath('modules', namespace, name));
  }

  getPlatform() {
    return this.get<PlatformThroughput>('/platform');
  }
}
