import { findDomain } from '@internal/plugin-base-platform-common';
import {
  DeclaredDeployment,
  DeclaredService,
  parsePlatformTree,
  PlatformTree,
  readDirectoryTree,
  treeDigest,
  Workload,
} from '@internal/plugin-base-platform-node';
import type { SandboxNodePool } from '../kubernetes/buildBaseCluster';

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
  /** The Deployment the tree declares (labels, selector, placement, image, ports). */
  deployment?: DeclaredDeployment;
  /** The Service the tree declares for it. */
  service?: DeclaredService;
  /** Whether the tree declares an HPA for it. */
  hpa?: boolean;
  /** The name of the HPA the tree declares. */
  hpaName?: string;
  /** The ConfigMaps its file declares (agents). */
  configMaps?: string[];
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
  /** The tree's first Karpenter NodePool of the module cluster: where the sandbox's nodes come from. */
  nodePool?: SandboxNodePool;
}

/** A service of the tree that has a Deployment, as the sandbox runs it. */
function fromWorkload(
  m: PlatformTree['modules'][number],
  name: string,
  type: SandboxService['type'],
  descriptor: string,
  w: Workload,
  configMaps?: string[],
): SandboxService {
  const replicas = w.deployment.replicas ?? 1;
  return {
    name,
    module: m.slug,
    folder: m.folder,
    namespace: m.namespace,
    type,
    descriptor,
    serviceName: w.service?.name ?? name,
    httpPort: w.httpPort ?? 8080,
    metricsPort: w.metricsPort ?? 9090,
    healthPaths: w.healthPaths,
    minReplicas: w.hpa?.min ?? replicas,
    maxReplicas: w.hpa?.max ?? replicas,
    ingestion:
      type === 'agent' && w.throughputTargetGbPerHour !== undefined
        ? { targetGbPerHour: w.throughputTargetGbPerHour }
        : undefined,
    deployment: w.deployment,
    service: w.service,
    hpa: !!w.hpa,
    hpaName: w.hpa?.name,
    configMaps,
  };
}

/**
 * The workloads the tree declares, through the same reader the catalog uses:
 * every agent, orchestrator and model server that has a Deployment (the ones
 * declared without one run nowhere, here as in the real clusters).
 */
export function platformFromTree(tree: PlatformTree): SandboxPlatform {
  const pool = tree.platform.nodeSources.find(
    s =>
      s.kind === 'karpenter-nodepool' &&
      s.cluster === tree.platform.moduleCluster,
  );
  return {
    ...(pool
      ? {
          nodePool: {
            name: pool.name,
            labels: pool.labels,
            requirements: pool.requirements ?? {},
            // a Node refuses any other effect
            taints: pool.taints.filter(t =>
              ['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(
                t.effect,
              ),
            ),
          },
        }
      : {}),
    modules: tree.modules.map(m => {
      const services: SandboxService[] = m.components
        .filter(
          c => (c.type === 'agent' || c.type === 'orchestrator') && c.workload,
        )
        .map(c =>
          fromWorkload(
            m,
            c.name,
            c.type as 'agent' | 'orchestrator',
            c.descriptor,
            c.workload!,
            c.configMaps?.map(x => x.name),
          ),
        );
      if (m.modelServer.workload)
        services.push(
          fromWorkload(
            m,
            m.modelServer.name,
            'model-server',
            'model-server',
            m.modelServer.workload,
          ),
        );
      return {
        slug: m.slug,
        folder: m.folder,
        namespace: m.namespace,
        domain: m.domain,
        wave: m.waves.applicationSet ?? findDomain(m.domain)?.wave ?? m.wave,
        services,
      };
    }),
  };
}

const loaded = new Map<string, { digest: string; platform: SandboxPlatform }>();

/** The platform of a directory; an unchanged tree is not parsed again. */
export async function loadPlatform(
  directory: string,
): Promise<SandboxPlatform> {
  const files = await readDirectoryTree(directory);
  const digest = treeDigest(files);
  const last = loaded.get(directory);
  // a copy: callers own what they are given
  if (last?.digest === digest) return structuredClone(last.platform);
  const platform = platformFromTree(parsePlatformTree(files));
  loaded.set(directory, { digest, platform });
  return structuredClone(platform);
}
