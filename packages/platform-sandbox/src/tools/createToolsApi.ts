import express, { Router } from 'express';

/**
 * How a stand-in tool answers: `up` as the tool itself does when healthy,
 * `down` as the tool does when it is not (sealed Vault, an unhealthy
 * scheduler, 503), `spa` as a single-page app's fallback would (200 and an
 * HTML page, the false "up" of the old Platform UI).
 */
export type ToolState = 'up' | 'down' | 'spa';
export const TOOL_STATES: ToolState[] = ['up', 'down', 'spa'];

interface StandIn {
  /** The health path, as the tool serves it (and config/platform-tools.yaml probes it). */
  path: string;
  up: (res: express.Response) => void;
  down: (res: express.Response) => void;
}

const text = (status: number, body: string) => (res: express.Response) =>
  res.status(status).type('text/plain').send(body);
const json = (status: number, body: unknown) => (res: express.Response) =>
  res.status(status).json(body);

/**
 * The platform tools' health answers, in each tool's published shape, for
 * the tools a workstation cannot reach (ArgoCD is the sandbox's ArgoCD,
 * Prometheus the local one).
 */
export const TOOL_STAND_INS: Record<string, StandIn> = {
  vault: {
    path: '/v1/sys/health',
    up: json(200, {
      initialized: true,
      sealed: false,
      standby: false,
      performance_standby: false,
      replication_performance_mode: 'disabled',
      replication_dr_mode: 'disabled',
      server_time_utc: 1764633600,
      version: '1.15.2',
      cluster_name: 'vault-cluster-sandbox',
    }),
    down: json(503, { initialized: true, sealed: true, standby: true }),
  },
  airflow: {
    path: '/health',
    up: json(200, {
      metadatabase: { status: 'healthy' },
      scheduler: {
        status: 'healthy',
        latest_scheduler_heartbeat: '2026-12-02T05:00:00+00:00',
      },
    }),
    down: json(200, {
      metadatabase: { status: 'healthy' },
      scheduler: { status: 'unhealthy', latest_scheduler_heartbeat: null },
    }),
  },
  mlflow: { path: '/health', up: text(200, 'OK'), down: text(503, '') },
  kubeflow: {
    path: '/apis/v1beta1/healthz',
    up: json(200, {
      commit_sha: '5c9f0a7',
      tag_name: '2.0.5',
      multi_user: false,
    }),
    down: json(503, { error: 'upstream connect error', code: 14 }),
  },
  superset: { path: '/health', up: text(200, 'OK'), down: text(503, '') },
  grafana: {
    path: '/api/health',
    up: json(200, { commit: 'sandbox', database: 'ok', version: '10.2.2' }),
    down: json(503, {
      commit: 'sandbox',
      database: 'failing',
      version: '10.2.2',
    }),
  },
  kiali: {
    path: '/kiali/api/status',
    up: json(200, {
      status: {
        'Kiali commit hash': 'sandbox',
        'Kiali container version': 'v1.76.0',
        'Kiali state': 'running',
        'Kiali version': 'v1.76.0',
      },
      externalServices: [],
      warningMessages: [],
    }),
    down: text(503, 'no healthy upstream'),
  },
};

const SPA_PAGE =
  '<!doctype html><html><head><title>BASE Developer Portal</title></head><body><div id="root"></div></body></html>';

/**
 * The stand-in tools, mounted at /tools/<id>: each at its own health path,
 * answering per its state; `PUT /control/tools/<id>` `{ "state": … }` sets
 * it, `GET /control/tools` lists them.
 */
export function createToolsApi(): { tools: Router; control: Router } {
  const states = new Map<string, ToolState>(
    Object.keys(TOOL_STAND_INS).map(id => [id, 'up']),
  );
  const tools = Router();
  for (const [id, standIn] of Object.entries(TOOL_STAND_INS)) {
    tools.get(`/tools/${id}${standIn.path}`, (_req, res) => {
      const state = states.get(id);
      if (state === 'spa') {
        res.status(200).type('text/html').send(SPA_PAGE);
      } else if (state === 'down') {
        standIn.down(res);
      } else {
        standIn.up(res);
      }
    });
  }
  const control = Router();
  control.get('/control/tools', (_req, res) =>
    res.json(Object.fromEntries(states)),
  );
  control.put('/control/tools/:id', express.json(), (req, res) => {
    const { id } = req.params;
    const state = req.body?.state;
    if (!states.has(id)) {
      res.status(404).json({
        error: `no stand-in tool "${id}"`,
        tools: [...states.keys()],
      });
      return;
    }
    if (!TOOL_STATES.includes(state)) {
      res.status(400).json({
        error: `state must be one of ${TOOL_STATES.join(', ')}`,
      });
      return;
    }
    states.set(id, state);
    res.json({ id, state });
  });
  return { tools, control };
}
