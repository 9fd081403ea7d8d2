import type { Config } from '@backstage/config';
import { type ClusterConfig, readClusters } from './clusters';
import type { ClusterAnswer, ClusterGet } from './listItems';
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
export function directClusters(
  config: Config,
  clusters: ClusterConfig[] = readClusters(config),
): Map<string, ClusterGet> {
  const out = new Map<string, ClusterGet>();
  let aws: Promise<{ getCredential(details: any): Promise<any> }> | undefined;
  const awsStrategy = () => {
    aws ??= import('@backstage/plugin-kubernetes-backend').then(
      m => new m.AwsIamStrategy({ config }),
    );
    return aws;
  };
  for (const c of clusters) {
    const { name, url } = c;
    const agentOptions = { keepAlive: true, maxSockets: 16 };
    const agent =
      url.protocol === 'https:'
        ? new https.Agent({
            ...agentOptions,
            ca: certificateAuthority(c.caData, c.caFile),
            rejectUnauthorized: !c.skipTLSVerify,
          })
        : new http.Agent(agentOptions);

    let read: () => Promise<string | undefined>;
    if (c.authProvider === 'serviceAccount') {
      const configured = c.serviceAccountToken;
      read = async () =>
        configured ??
        (await fs.promises.readFile(IN_CLUSTER_TOKEN, 'utf8')).trim();
    } else if (c.authProvider === 'aws') {
      const details = {
        name,
        url: url.toString(),
        authMetadata: {
          [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'aws',
          ...(c.assumeRole && {
            [ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE]: c.assumeRole,
          }),
          ...(c.externalId && {
            [ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID]: c.externalId,
          }),
          ...c.authMetadata,
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

function clusterGet(cluster: DirectCluster): ClusterGet {
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
