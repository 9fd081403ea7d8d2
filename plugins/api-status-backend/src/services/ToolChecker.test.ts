/*
 * The tool probes' expectations, from config/platform-tools.yaml as shipped:
 * each tool is "up" only on its own healthy answer (served here by the
 * platform sandbox's stand-in in that tool's published shape), and "down" on
 * its own unhealthy answer, on an SPA fallback's 200 HTML page and on another
 * tool's healthy answer.
 */
import { ConfigReader } from '@backstage/config';
import { TOOL_STAND_INS } from '@internal/platform-sandbox';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parse } from 'yaml';
import { mismatch, readTools, Tool, ToolChecker } from './ToolChecker';

const TOOLS_FILE = path.resolve(
  __dirname,
  '../../../../config/platform-tools.yaml',
);
const shipped = () =>
  readTools(
    new ConfigReader({
      base: { tools: parse(fs.readFileSync(TOOLS_FILE, 'utf8')) },
    }),
  );

/** What ArgoCD and Prometheus answer (the sandbox's ArgoCD, a real Prometheus). */
const REAL: Record<string, { status: number; type: string; body: string }> = {
  argocd: {
    status: 200,
    type: 'application/json',
    body: '{"Version":"v2.9.3+6eba5be","BuildDate":"2023-12-01T23:05:50Z"}',
  },
  prometheus: {
    status: 200,
    type: 'text/plain; charset=utf-8',
    body: 'Prometheus Server is Healthy.\n',
  },
};
const SPA = {
  status: 200,
  type: 'text/html; charset=utf-8',
  body: '<!doctype html><html><head><title>BASE Developer Portal</title></head><body><div id="root"></div></body></html>',
};

/** Captures what a stand-in's handler sends. */
function capture(handler: (res: any) => void) {
  const out = { status: 200, type: 'text/plain', body: '' };
  const res: any = {
    status(code: number) {
      out.status = code;
      return res;
    },
    type(t: string) {
      out.type = t;
      return res;
    },
    send(b: string) {
      out.body = b;
      return res;
    },
    json(b: unknown) {
      out.type = 'application/json';
      out.body = JSON.stringify(b);
      return res;
    },
  };
  handler(res);
  return out;
}

const answer = (a: { status: number; type: string; body: string }) => ({
  status: a.status,
  headers: new Headers({ 'content-type': a.type }),
  body: a.body,
});

function healthyAnswerOf(id: string) {
  if (REAL[id]) return REAL[id];
  return capture(TOOL_STAND_INS[id].up);
}

describe('tool probe expectations (config/platform-tools.yaml)', () => {
  const tools = shipped();

  it('probes every tool at its in-cluster Service, with an expectation of its own', () => {
    expect(tools.map(t => t.id)).toEqual([
      'argocd',
      'vault',
      'airflow',
      'mlflow',
      'kubeflow',
      'superset',
      'grafana',
      'prometheus',
      'kiali',
    ]);
    for (const tool of tools) {
      expect(tool.healthUrl).toMatch(
        /^https?:\/\/[a-z0-9-]+\.[a-z0-9-]+\.svc\.cluster\.local(:\d+)?\//,
      );
      expect(
        tool.expect.body ?? tool.expect.json ?? tool.expect.headers,
      ).toBeDefined();
    }
    // Kiali's Service is in istio-mesh (SHAPES.md §8)
    expect(tools.find(t => t.id === 'kiali')?.healthUrl).toContain(
      '.istio-mesh.svc',
    );
  });

  it.each(shipped().map(t => [t.id, t] as const))(
    '%s: up on its own healthy answer only',
    (id, tool) => {
      expect(mismatch(tool, answer(healthyAnswerOf(id)))).toBeUndefined();
      // the SPA fallback's 200 page: the old Platform UI's false "up"
      expect(mismatch(tool, answer(SPA))).toMatch(
        /^HTTP 200, but not .*an HTML page|^HTTP 200, .* is absent/,
      );
      // an error page of a proxy in front of it
      expect(
        mismatch(
          tool,
          answer({ status: 502, type: 'text/html', body: '<html>Bad Gateway' }),
        ),
      ).toMatch(/^HTTP 502, .* answers 200 when healthy/);
      // another tool's healthy answer at its URL; MLflow and Superset both
      // answer a bare "OK" at /health, so those two cannot be told apart
      const twins = ['mlflow', 'superset'];
      for (const other of tools.filter(
        t => t.id !== id && !(twins.includes(id) && twins.includes(t.id)),
      )) {
        expect(mismatch(tool, answer(healthyAnswerOf(other.id)))).toBeDefined();
      }
      // its own unhealthy answer (ArgoCD and Prometheus: the real ones)
      const own = TOOL_STAND_INS[id]?.down;
      const unhealthy = own
        ? capture(own)
        : { status: 503, type: 'text/plain', body: 'Service Unavailable' };
      expect(mismatch(tool, answer(unhealthy))).toBeDefined();
    },
  );

  it('names what was wrong', () => {
    const vault = tools.find(t => t.id === 'vault')!;
    expect(
      mismatch(
        vault,
        answer({
          status: 200,
          type: 'application/json',
          body: '{"initialized":true,"sealed":true}',
        }),
      ),
    ).toBe('HTTP 200, sealed is true, Vault reports false when healthy');
    expect(
      mismatch(
        vault,
        answer({ status: 503, type: 'application/json', body: '{}' }),
      ),
    ).toBe('HTTP 503, Vault answers 200 when healthy');
  });

  it('checks headers a tool sends', () => {
    const tool: Tool = {
      id: 'x',
      title: 'X',
      expect: { status: [200], headers: { 'x-tool': /^x\// } },
    };
    const headers = (h: Record<string, string>) => ({
      status: 200,
      headers: new Headers(h),
      body: '',
    });
    expect(mismatch(tool, headers({ 'x-tool': 'x/1.0' }))).toBeUndefined();
    expect(mismatch(tool, headers({}))).toBe(
      "HTTP 200 without X's x-tool header (absent)",
    );
  });

  it('measures over HTTP: the SPA fallback at a tool URL is down, the tool up', async () => {
    let spa = true;
    const server = http.createServer((_req, res) => {
      const a = spa ? SPA : REAL.prometheus;
      res.writeHead(a.status, { 'content-type': a.type }).end(a.body);
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const prometheus = {
      ...tools.find(t => t.id === 'prometheus')!,
      healthUrl: `http://127.0.0.1:${port}/-/healthy`,
    };
    const checker = () =>
      new ToolChecker([prometheus], { timeoutMs: 2000, ttlMs: 0 });
    try {
      const [down] = await checker().statuses();
      expect(down.state).toBe('down');
      expect(down.statusCode).toBe(200);
      expect(down.error).toContain('not Prometheus');
      spa = false;
      const [up] = await checker().statuses();
      expect(up).toMatchObject({ state: 'up', statusCode: 200 });
      expect(up.error).toBeUndefined();
    } finally {
      server.close();
    }
  });

  it('refuses a malformed status expectation at startup', () => {
    expect(() =>
      readTools(
        new ConfigReader({
          base: { tools: [{ id: 'x', expect: { status: ['ok'] } }] },
        }),
      ),
    ).toThrow(/expect.status of a tool must be a status code/);
  });
});
