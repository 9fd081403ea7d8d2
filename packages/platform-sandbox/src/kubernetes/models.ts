/*
 * The object models of kubernetes-models and @kubernetes-models/karpenter.
 * Both ship as ES modules only (their exports have no "require" condition),
 * so they are loaded by file path, which Node 22 can require as ESM; the
 * types come from the packages as usual.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as AppsV1 from 'kubernetes-models/apps/v1';
import type * as AutoscalingV2 from 'kubernetes-models/autoscaling/v2';
import type * as CoreV1 from 'kubernetes-models/v1';
import type * as KarpenterV1 from '@kubernetes-models/karpenter/karpenter.sh/v1';
import type * as KarpenterAwsV1 from '@kubernetes-models/karpenter/karpenter.k8s.aws/v1';

/** Requires the `index.js` of an ES-module-only package's sub path. */
export function loadEsmPackage<T>(pkg: string, sub: string): T {
  const dir = (require.resolve.paths(pkg) ?? [])
    .map(p => path.join(p, pkg))
    .find(p => fs.existsSync(path.join(p, 'package.json')));
  if (!dir) throw new Error(`Cannot find the package ${pkg}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(dir, sub, 'index.js'));
}

export const { Deployment, ReplicaSet } = loadEsmPackage<typeof AppsV1>(
  'kubernetes-models',
  'apps/v1',
);
export const { HorizontalPodAutoscaler } = loadEsmPackage<typeof AutoscalingV2>(
  'kubernetes-models',
  'autoscaling/v2',
);
export const { ConfigMap, Event, Namespace, Node, Pod, Service } =
  loadEsmPackage<typeof CoreV1>('kubernetes-models', 'v1');
export const { NodeClaim, NodePool } = loadEsmPackage<typeof KarpenterV1>(
  '@kubernetes-models/karpenter',
  'karpenter.sh/v1',
);
export const { EC2NodeClass } = loadEsmPackage<typeof KarpenterAwsV1>(
  '@kubernetes-models/karpenter',
  'karpenter.k8s.aws/v1',
);
