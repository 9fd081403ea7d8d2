import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  backendClient,
  type BackendClientDeps,
  type BackendRequest,
  routePath,
} from '@internal/plugin-base-react';
import type {
  ModuleHealth,
  ServiceBudget,
  ServiceEvents,
  ServiceHealth,
  ThroughputBudget,
  ToolStatus,
} from '@internal/plugin-api-status-common';

/** The api-status backend. */
export interface ApiStatusApi {
  getService(namespace: string, name: string): Promise<ServiceHealth>;
  getServiceEvents(namespace: string, name: string): Promise<ServiceEvents>;
  /** The service's error budget and burn rates. */
  getServiceBudget(namespace: string, name: string): Promise<ServiceBudget>;
  /** An ingestion agent's throughput budget and burn rates, from Prometheus. */
  getThroughputBudget(
    namespace: string,
    name: string,
  ): Promise<ThroughputBudget>;
  /** The recent Warning events of every object in a module's namespace. */
  getModuleEvents(namespace: string, name: string): Promise<ServiceEvents>;
  getModule(namespace: string, name: string): Promise<ModuleHealth>;
  getTools(): Promise<ToolStatus[]>;
}

export const apiStatusApiRef = createApiRef<ApiStatusApi>({
  id: 'plugin.api-status.service',
});

export class ApiStatusClient implements ApiStatusApi {
  private readonly get: BackendRequest;

  constructor(deps: BackendClientDeps) {
    this.get = backendClient(deps, 'api-status');
  }

  getService(namespace: string, name: string) {
    return this.get<ServiceHealth>(routePath('services', namespace, name));
  }

  getServiceBudget(namespace: string, name: string) {
    return this.get<ServiceBudget>(
      `${routePath('services', namespace, name)}/budget`,
    );
  }

  getThroughputBudget(namespace: string, name: string) {
    return this.get<ThroughputBudget>(
      `${routePath('services', namespace, name)}/throughput-budget`,
    );
  }

  getServiceEvents(namespace: string, name: string) {
    return this.get<ServiceEvents>(
      `${routePath('services', namespace, name)}/events`,
    );
  }

  getModuleEvents(namespace: string, name: string) {
    return this.get<ServiceEvents>(
      `${routePath('modules', namespace, name)}/events`,
    );
  }

  getModule(namespace: string, name: string) {
    return this.get<ModuleHealth>(routePath('modules', namespace, name));
  }

  getTools() {
    return this.get<ToolStatus[]>('/tools');
  }
}
