import {
  DEFAULT_THROUGHPUT_TARGET_GB_PER_HOUR,
  findDomain,
  modelServerName,
  moduleEntityName,
} from '@internal/plugin-base-platform-common';
import {
  parsePlatformTree,
  PlatformTree,
  readDirectoryTree,
} from '@internal/plugin-base-platform-node';

/** A workload of a module: an agent, an orchestrator or the model server. */
export interface SandboxService {
  /** Component name = Deployment name = `backstage.io/kubernetes-id`. */
  name: string;
  module: string;
  /** Module folder, e.g. `data_ingestion` (the real `base.io/category` label). */
  folder: string;
  namespace: string;
  type: 'agent' | 'orchestrator' | 'model-server' | 'platform-service';
  descriptor: string;
  serviceName: string;
  httpPort: number;
  metricsPort: number;
  healthPaths: string[];
  minReplicas: number;
  maxReplicas: number;
  /** Ingestion agents only: the target in decimal GB per hour. */
  ingestion?: { targetGbPerHour: number };
}

export interface SandboxModule {
  slug: string;
  folder: string;
  namespace: string;
  domain: string;
  /** The wave of the module's domain (the ApplicationSet's wave). */
  wave: number;
  services: SandboxService[];
}

export interface SandboxPlatform {
  modules: SandboxModule[];
}

function num(value: unknown, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** The workloads of the tree, through the same parser the catalog uses. */
export function platformFromTree(tree: PlatformTree): SandboxPlatform {
  return {
    modules: tree.modules.map(m => {
      const namespace = moduleEntityName(m.slug);
      const services: SandboxService[] = m.components
        .filter(c => c.type === 'agent' || c.type === 'orchestrator')
        .map(c => {
          const ports = (c.spec.ports ?? {}) as Record<string, unknown>;
          const replicas = (c.spec.replicas ?? {}) as Record<string, unknown>;
          const health = Array.isArray(c.spec.health)
            ? c.spec.health.map(String)
            : [];
          const target = String(c.spec.throughputTarget ?? '').match(/[\d.]+/);
          return {
            name: c.name,
            module: m.slug,
            folder: m.folder,
            namespace,
            type: c.type as 'agent' | 'orchestrator',
            descriptor: c.descriptor,
            serviceName:
              typeof c.spec.service === 'string' ? c.spec.service : c.name,
            httpPort: num(ports.http, 8080),
            metricsPort: num(ports.metrics, 9090),
            healthPaths:
              health.length > 0 ? health : ['/health/live', '/health/ready'],
            minReplicas: num(replicas.min, 2),
            maxReplicas: num(replicas.max, 20),
            ingestion:
              c.spec.ingestion === true
                ? {
                    targetGbPerHour: target
                      ? Number(target[0])
                      : DEFAULT_THROUGHPUT_TARGET_GB_PER_HOUR,
                  }
                : undefined,
          };
        });
      services.push({
        name: modelServerName(m.slug),
        module: m.slug,
        folder: m.folder,
        namespace,
        type: 'model-server',
        descriptor: 'model-server',
        serviceName: modelServerName(m.slug),
        httpPort: 8080,
        metricsPort: 9090,
        healthPaths: ['/health/live', '/health/ready', '/health/startup'],
        minReplicas: 2,
        maxReplicas: 20,
      });
      return {
        slug: m.slug,
        folder: m.folder,
        namespace,
        domain: m.domain,
        wave: findDomain(m.domain)?.wave ?? m.wave,
        services,
      };
    }),
  };
}

export async function loadPlatform(
  directory: string,
): Promise<SandboxPlatform> {
  return platformFromTree(
    parsePlatformTree(await readDirectoryTree(directory)),
  );
}
