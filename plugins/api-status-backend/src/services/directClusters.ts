import type { Config } from '@backstage/config';
import type { ClusterAnswer } from '@internal/plugin-base-platform-node';
import {
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
} from '@backstage/plugin-kubernetes-common';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';

/** The in-cluster service account token, when `serviceAccountToken` is not configured. */
const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';
/** EKS tokens live 15 minutes; a token is reused for 5. */
const TOKEN_REUSE_MS = 5 * 60_000;

/**
 * A GET of `path` from `cluster`; with `maxBytes`, only the body's first
 * `maxBytes` are kept (a probe needs no more), otherwise all of it (lists).
 */
export type DirectGet = (
  cluster: string,
  path: string,
  signal: AbortSignal,
  maxBytes?: number,
) => Promise<ClusterAnswer>;

interface DirectCluster {
  name: string;
  url: URL;
  agent: http.Agent;
  token: () => Promise<string | undefined>;
}

/**
 * GETs against the API servers of the clusters the Kubernetes backend is
 * configured with (`kubernetes.clusterLocatorMethods` of type `config`),
 * with their own auth (`serviceAccount`: the configured or in-cluster token;
 * `aws`: the Kubernetes backend's own AwsIamStrategy) and one keep-alive
 * connection pool per cluster. For frequent small requests such as health
 * probes this spares each request the trip through the backend's own proxy
 * route (an HTTP request to itself, token checks, a new upstream connection
 * per request). Clusters with another auth provider are not in the map; the
 * caller uses the proxy for those.
 */
export function directClusters(config: Config): Map<string, DirectGet> {
  const out = new Map<string, DirectGet>();
  let aws: Promise<{ getCredential(details: any): Promise<any> }> | undefined;
  const awsStrategy = () => {
    aws ??= import('@backstage/plugin-kubernetes-backend').then(
      m => new m.AwsIamStrategy({ config }),
    );
    return aws;
  };
  const clusters = (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  )
    .filter(m => m.getString('type') === 'config')
    .flatMap(m => m.getOptionalConfigArray('clusters') ?? []);
  for (const c of clusters) {
    const name = c.getString('name');
    const authMetadata = c.getOptional<Record<string, string>>('authMetadata');
    const provider =
      authMetadata?.[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ??
      c.getOptionalString('authProvider');
    const url = new URL(c.getString('url'));
    const caData = c.getOptionalString('caData');
    const caFile = c.getOptionalString('caFile');
    const agentOptions = { keepAlive: true, maxSockets: 16 };
    const agent =
      url.protocol === 'https:'
        ? new https.Agent({
            ...agentOptions,
            ca: certificateAuthority(caData, caFile),
            rejectUnauthorized: !(
              c.getOptionalBoolean('skipTLSVerify') ?? false
            ),
          })
        : new http.Agent(agentOptions);

    let read: () => Promise<string | undefined>;
    if (provider === 'serviceAccount') {
      const configured = c.getOptionalString('serviceAccountToken');
      read = async () =>
        configured ??
        (await fs.promises.readFile(IN_CLUSTER_TOKEN, 'utf8')).trim();
    } else if (provider === 'aws') {
      const details = {
        name,
        url: url.toString(),
        authMetadata: {
          [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'aws',
          ...(c.getOptionalString('assumeRole') && {
            [ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE]: c.getString('assumeRole'),
          }),
          ...(c.getOptionalString('externalId') && {
            [ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID]: c.getString('externalId'),
          }),
          ...authMetadata,
        },
      };
      read = async () => {
        const credential = await (await awsStrategy()).getCredential(details);
        return credential.type === 'bearer token'
          ? credential.token
          : undefined;
      };
    } else {
      continue;
    }
    let kept: { value: Promise<string | undefined>; until: number } | undefined;
    const token = () => {
      if (!kept || Date.now() >= kept.until) {
        const value = read();
        kept = { value, until: Date.now() + TOKEN_REUSE_MS };
        value.catch(() => {
          kept = undefined;
        });
      }
      return kept.value;
    };
    out.set(name, clusterGet({ name, url, agent, token }));
  }
  return out;
}

function certificateAuthority(caData?: string, caFile?: string) {
  if (caData) return Buffer.from(caData, 'base64');
  return caFile ? fs.readFileSync(caFile) : undefined;
}

function clusterGet(cluster: DirectCluster): DirectGet {
  const base = cluster.url.toString().replace(/\/$/, '');
  return async (_cluster, path, signal, maxBytes) => {
    const token = await cluster.token();
    const target = new URL(`${base}${path}`);
    const client = target.protocol === 'https:' ? https : http;
    return new Promise<ClusterAnswer>((resolve, reject) => {
      // the cluster named, as the Kubernetes backend's proxy names it
      const fail = (error: Error) =>
        reject(
          Object.assign(
            new Error(
              `cluster ${cluster.name} (${cluster.url.host}): ${error.message}`,
            ),
            { name: error.name },
          ),
        );
      const req = client.get(
        target,
        {
          agent: cluster.agent,
          signal,
          headers: {
            accept: 'application/json, */*',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        res => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            if (maxBytes === undefined || size < maxBytes) chunks.push(chunk);
            size += chunk.length;
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks)
                .subarray(0, maxBytes ?? size)
                .toString(),
            }),
          );
          res.on('error', fail);
        },
      );
      req.on('error', fail);
    });
  };
}
