import express, { Express } from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildApplications,
  buildApplicationSets,
} from './argocd/buildApplications';
import { createArgoCdApi } from './argocd/createArgoCdApi';
import {
  buildBaseCluster,
  ClusterScale,
  KubeObject,
} from './kubernetes/buildBaseCluster';
import { buildPlatformCluster } from './kubernetes/buildPlatformCluster';
import {
  createKubernetesApi,
  ServiceProxyHandler,
} from './kubernetes/createKubernetesApi';
import { createToolsApi } from './tools/createToolsApi';
import { createEc2Api } from './aws/createEc2Api';
import { IngestionMetrics } from './metrics/ingestionMetrics';
import type { SandboxPlatform } from './platform/loadPlatform';
import {
  AFFECTED,
  isScenario,
  SCENARIOS,
  ScenarioName,
  ScenarioState,
} from './scenarios';

export interface SandboxOptions {
  platform: SandboxPlatform;
  host?: string;
  /** Ports; 0 picks a free one. */
  ports?: Partial<
    Record<'control' | 'base' | 'platform' | 'argocd' | 'metrics', number>
  >;
  scenario?: ScenarioName;
  /** The base cluster's nodes and pods (default: 16 nodes, minimum replicas). */
  scale?: ClusterScale;
  argocd?: { username: string; password: string; token?: string };
  /**
   * Reads the platform tree again (`POST /control/reload`), so a module the
   * scaffolder added is served too.
   */
  reload?: () => Promise<SandboxPlatform>;
  /**
   * The time of day the ingestion agents run by (default: now): a test
   * pinned to the New York session sees them at 1.15× target.
   */
  marketTime?: () => Date;
}

export interface Sandbox {
  urls: Record<'control' | 'base' | 'platform' | 'argocd' | 'metrics', string>;
  scenario: ScenarioState;
  /** Every object the sandbox serves, per cluster (for validation and tests). */
  objects(): {
    base: KubeObject[];
    platform: KubeObject[];
    applications: any[];
    applicationSets: any[];
  };
  /** Requests the Kubernetes APIs and ArgoCD answered (also at /control/requests). */
  requests: RequestCounter;
  /** Reads the platform tree again (options.reload); the number of modules. */
  reload(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Requests each upstream answered, by method and path, so tests and
 * benchmarks can see how often the portal calls ArgoCD or a cluster.
 */
export class RequestCounter {
  private counts = new Map<string, Map<string, number>>();

  count(upstream: string, key: string) {
    let byKey = this.counts.get(upstream);
    if (!byKey) this.counts.set(upstream, (byKey = new Map()));
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }

  snapshot(): Record<
    string,
    { total: number; byPath: Record<string, number> }
  > {
    const out: Record<
      string,
      { total: number; byPath: Record<string, number> }
    > = {};
    for (const [upstream, byKey] of this.counts) {
      const byPath = Object.fromEntries(byKey);
      const total = [...byKey.values()].reduce((a, b) => a + b, 0);
      out[upstream] = { total, byPath };
    }
    return out;
  }

  reset() {
    this.counts.clear();
  }
}

/** How late every API answers in the `slow` scenario: past the portal's 5 s timeouts. */
const SLOW_MS = 6000;

/** A server that can be made slow or unreachable by the scenario. */
class FaultyServer {
  private server?: http.Server;
  port = 0;

  constructor(
    private readonly app: Express,
    private readonly host: string,
    private readonly wantedPort: number,
    private readonly scenario: ScenarioState,
    counter?: { counter: RequestCounter; upstream: string },
  ) {
    const outer = express();
    if (counter) {
      outer.use((req, _res, next) => {
        counter.counter.count(counter.upstream, `${req.method} ${req.path}`);
        next();
      });
    }
    outer.use((_req, _res, next) =>
      this.scenario.get() === 'slow' ? setTimeout(next, SLOW_MS) : next(),
    );
    outer.use(app);
    this.app = outer;
    // one transition at a time: a quick down → up → up must not listen twice on one port
    scenario.onChange(s => {
      this.transition = this.transition
        .then(() => (s === 'down' ? this.close() : this.listen()))
        .catch(error => console.error(`sandbox: ${error}`));
    });
  }

  private transition: Promise<void> = Promise.resolve();

  /** Waits for the last scenario change to be applied. */
  settled(): Promise<void> {
    return this.transition;
  }

  async listen(): Promise<void> {
    if (this.server) return;
    const server = http.createServer(this.app);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port || this.wantedPort, this.host, () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  }
}

/** The sandbox ArgoCD's account unless SandboxOptions.argocd names another. */
const DEFAULT_ARGOCD_CREDENTIALS = { username: 'admin', password: 'sandbox' };

/**
 * The `kubernetes` config that points the Kubernetes backend (and the
 * portal's cluster access) at the sandbox's clusters, by name: the one copy
 * the tests and benchmarks use.
 */
export function sandboxKubernetesConfig(clusters: Record<string, string>) {
  return {
    serviceLocatorMethod: { type: 'multiTenant' },
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: Object.entries(clusters).map(([name, url]) => ({
          name,
          url,
          authProvider: 'serviceAccount',
          serviceAccountToken: 'sandbox',
          skipTLSVerify: true,
          skipMetricsLookup: true,
        })),
      },
    ],
  };
}

/**
 * The `karpenter.spotPriceHistory` config that reads spot prices from the
 * sandbox's EC2 stand-in (it checks for a signature, not the keys).
 */
export function sandboxSpotPriceConfig(controlUrl: string) {
  return {
    endpoint: `${controlUrl}/aws/ec2`,
    accessKeyId: 'sandbox',
    secretAccessKey: 'sandbox',
  };
}

/**
 * The `argocd` config of Roadie's ArgoCD backend for a sandbox ArgoCD at
 * `url`, with the account the sandbox accepts: for tests and benchmarks.
 */
export function roadieArgoCdConfig(
  url: string,
  credentials: {
    username: string;
    password: string;
  } = DEFAULT_ARGOCD_CREDENTIALS,
) {
  return {
    appLocatorMethods: [
      {
        type: 'config',
        instances: [{ name: 'argocd', url, ...credentials }],
      },
    ],
  };
}

/** Starts the sandbox: two Kubernetes APIs, ArgoCD, ingestion metrics and the control endpoint. */
export async function createSandbox(options: SandboxOptions): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const scenario = new ScenarioState(options.scenario ?? 'healthy');
  const started = new Date(Date.now() - 7 * 86400_000).toISOString();
  const synced = new Map<string, string>();
  const credentials = options.argocd ?? DEFAULT_ARGOCD_CREDENTIALS;

  let current = options.platform;
  let cache: ReturnType<Sandbox['objects']> | undefined;
  const build = () => {
    const base = buildBaseCluster(
      current,
      scenario.get(),
      started,
      options.scale,
    );
    const platform = buildPlatformCluster(started);
    const now = new Date();
    const applications = buildApplications(
      current,
      base,
      scenario.get(),
      synced,
      now,
    );
    return {
      base,
      platform,
      applications,
      applicationSets: buildApplicationSets(applications, now),
    };
  };
  const objects = () => (cache ??= build());
  scenario.onChange(() => {
    cache = undefined;
  });

  const servicesOf = (p: SandboxPlatform) =>
    new Map(
      p.modules
        .flatMap(m => m.services)
        .map(s => [`${s.namespace}/${s.serviceName}`, s]),
    );
  let services = servicesOf(current);
  const signature = (p: SandboxPlatform) =>
    JSON.stringify(p.modules.map(m => [m.slug, m.services.map(x => x.name)]));
  const reload = async () => {
    if (!options.reload) return current.modules.length;
    const next = await options.reload();
    // rebuild only when the tree has other modules or services
    if (signature(next) !== signature(current)) {
      current = next;
      services = servicesOf(current);
      cache = undefined;
    }
    return current.modules.length;
  };
  // by name: a reload of the tree makes new service objects
  const failing = options.platform.modules.find(
    m => m.slug === AFFECTED.degraded,
  )?.services[0]?.name;
  const proxy: ServiceProxyHandler = ({ namespace, service, path }) => {
    const s = services.get(`${namespace}/${service.metadata.name}`);
    const paths = s?.healthPaths ?? ['/health'];
    if (!paths.includes(path))
      return { status: 404, body: { error: 'Not Found', path } };
    if (scenario.get() === 'degraded' && s && s.name === failing) {
      return {
        status: 503,
        body: {
          status: 'DOWN',
          path,
          reason: 'upstream feed connection refused',
        },
      };
    }
    return {
      status: 200,
      body: { status: 'UP', path, service: service.metadata.name },
    };
  };

  const metrics = new IngestionMetrics(
    options.platform,
    scenario,
    undefined,
    options.marketTime,
  );
  const control = express();
  control.use(express.json());
  control.get('/control/scenario', (_req, res) =>
    res.json({
      scenario: scenario.get(),
      changedAt: scenario.changedAt,
      scenarios: SCENARIOS,
    }),
  );
  control.put('/control/scenario', (req, res) => {
    const name = String(req.body?.scenario ?? '');
    if (!isScenario(name))
      return res.status(400).json({
        error: `unknown scenario "${name}"`,
        scenarios: Object.keys(SCENARIOS),
      });
    scenario.set(name);
    return res.json({ scenario: name, changedAt: scenario.changedAt });
  });
  const requests = new RequestCounter();
  control.get('/control/requests', (_req, res) =>
    res.json(requests.snapshot()),
  );
  control.delete('/control/requests', (_req, res) => {
    requests.reset();
    res.status(204).end();
  });
  control.post('/control/reload', async (_req, res) => {
    res.json({ modules: await reload() });
  });
  control.get('/healthz', (_req, res) => res.type('text/plain').send('ok'));
  // the platform tools a workstation cannot reach, each at its health path
  const toolsApi = createToolsApi();
  control.use(toolsApi.tools);
  control.use(toolsApi.control);
  // EC2's spot price history, for the Cost cards
  control.use('/aws/ec2', createEc2Api());
  const metricsApp = express();
  metricsApp.use(metrics.router());
  control.use(metrics.router());

  const ports = options.ports ?? {};
  const servers = {
    base: new FaultyServer(
      createKubernetesApi({
        objects: () => objects().base,
        gitVersion: 'v1.33.1-eks-sandbox',
        proxy,
      }),
      host,
      ports.base ?? 7101,
      scenario,
      { counter: requests, upstream: 'base' },
    ),
    platform: new FaultyServer(
      createKubernetesApi({
        objects: () => objects().platform,
        gitVersion: 'v1.33.1-eks-sandbox',
        proxy,
      }),
      host,
      ports.platform ?? 7102,
      scenario,
      { counter: requests, upstream: 'platform' },
    ),
    argocd: new FaultyServer(
      createArgoCdApi({
        applications: () => objects().applications,
        applicationSets: () => objects().applicationSets,
        sync: name => {
          synced.set(name, new Date().toISOString());
          cache = undefined;
        },
        ...credentials,
      }),
      host,
      ports.argocd ?? 7103,
      scenario,
      { counter: requests, upstream: 'argocd' },
    ),
  };
  // control and metrics are not subject to faults: tests switch scenarios through them
  const plain = async (app: Express, port: number) => {
    const server = http.createServer(app);
    // idle keep-alive sockets stay open until the client drops them: a test
    // that blocks its event loop (building the objects of every scenario)
    // must not reuse a socket the server's timer closes in the same tick
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return server;
  };
  const controlServer = await plain(control, ports.control ?? 7100);
  const metricsServer = await plain(metricsApp, ports.metrics ?? 7104);
  if (scenario.get() !== 'down') {
    for (const s of Object.values(servers)) await s.listen();
  } else {
    // bind once to learn the ports, then refuse as the scenario says
    for (const s of Object.values(servers)) {
      await s.listen();
      await s.close();
    }
  }
  const url = (port: number) => `http://${host}:${port}`;
  return {
    urls: {
      control: url((controlServer.address() as AddressInfo).port),
      metrics: url((metricsServer.address() as AddressInfo).port),
      base: url(servers.base.port),
      platform: url(servers.platform.port),
      argocd: url(servers.argocd.port),
    },
    scenario,
    objects,
    requests,
    reload,
    async stop() {
      for (const s of Object.values(servers)) await s.close();
      for (const s of [controlServer, metricsServer]) {
        s.closeAllConnections();
        await new Promise(resolve => s.close(resolve));
      }
    },
  };
}
