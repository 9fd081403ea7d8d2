import { asRecord } from './yamlDocuments';

/** What a component's config, env or custom resource names of other services. */
export interface ModuleReferences {
  /** Agents named directly (orchestrators' managed_agents, workflow steps). */
  agents: Array<{ name: string; endpoint?: string; step?: boolean }>;
  /** In-cluster URLs and `host:port` endpoints, with the key they sit under. */
  urls: Array<{ raw: string; host: string; key: string }>;
  /** Logical service names (`integration.*.service: base-<module>`). */
  logicalServices: Array<{ key: string; value: string }>;
}

const URL = /^(?:https?|grpc):\/\/([a-z0-9.-]+)(?::\d+)?(?:\/.*)?$/i;
const HOST_PORT = /^([a-z0-9][a-z0-9.-]*):\d+$/i;
const LOCAL = new Set(['localhost', '0.0.0.0', '127.0.0.1']);

/** An address inside the cluster: a short Service name or `<svc>.<ns>[.svc[.cluster.local]]`. */
function inClusterHost(host: string): string | undefined {
  const h = host.toLowerCase();
  if (LOCAL.has(h)) return undefined;
  const parts = h.replace(/\.svc(\.cluster\.local)?$/, '').split('.');
  if (parts.length === 1) return parts[0];
  if (
    parts.length === 2 &&
    (h.endsWith('.svc') ||
      h.endsWith('.cluster.local') ||
      parts[1].startsWith('base-'))
  )
    return parts.join('.');
  return undefined;
}

/** Walks config values for the services they name. */
export function readReferences(
  values: unknown[],
  extra: Partial<Pick<ModuleReferences, 'agents'>> = {},
): ModuleReferences {
  const out: ModuleReferences = {
    agents: [...(extra.agents ?? [])],
    urls: [],
    logicalServices: [],
  };
  const seen = new Set<unknown>();
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      const leaf = key.split('.').pop() ?? '';
      const url = value.match(URL);
      const hostPort = /endpoint|url|host/i.test(leaf)
        ? value.match(HOST_PORT)
        : null;
      const host = url?.[1] ?? hostPort?.[1];
      const inCluster = host ? inClusterHost(host) : undefined;
      if (inCluster) out.urls.push({ raw: value, host: inCluster, key });
      else if (leaf === 'service' && /^base-[a-z0-9-]+$/.test(value))
        out.logicalServices.push({ key, value });
      return;
    }
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${key}[${i}]`));
      return;
    }
    for (const [k, v] of Object.entries(asRecord(value)!)) {
      // managed agents are checked by name and endpoint with the agents
      if (k === 'managed_agents') continue;
      walk(v, key ? `${key}.${k}` : k);
    }
  };
  values.forEach(v => walk(v, ''));
  return out;
}
