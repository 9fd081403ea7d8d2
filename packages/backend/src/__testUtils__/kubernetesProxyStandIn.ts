import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { Router } from 'express';

/**
 * A stand-in for the Kubernetes backend's proxy (`/api/kubernetes/proxy/*`,
 * the cluster named by the `Backstage-Kubernetes-Cluster` header) for jest:
 * the real one builds its client with `@kubernetes/client-node`, an ES module
 * it imports dynamically, which jest cannot run without
 * `--experimental-vm-modules`. The real proxy is exercised by the end-to-end
 * run. Requests still need a token (the plugin's default auth policy).
 */
export const kubernetesProxyStandIn = (clusters: Record<string, string>) =>
  createBackendPlugin({
    pluginId: 'kubernetes',
    register(env) {
      env.registerInit({
        deps: { http: coreServices.httpRouter },
        async init({ http }) {
          const router = Router();
          router.use('/proxy', async (req, res) => {
            const target =
              clusters[req.header('backstage-kubernetes-cluster') ?? ''];
            if (!target) {
              res.status(400).json({
                error: { name: 'InputError', message: 'no such cluster' },
              });
              return;
            }
            try {
              const upstream = await fetch(`${target}${req.url}`, {
                headers: { authorization: 'Bearer sandbox' },
              });
              res
                .status(upstream.status)
                .type(
                  upstream.headers.get('content-type') ?? 'application/json',
                )
                .send(Buffer.from(await upstream.arrayBuffer()));
            } catch (e) {
              res.status(502).json({
                error: { name: 'Error', message: (e as Error).message },
              });
            }
          });
          http.use(router);
        },
      });
    },
  });
