/*
 * A small round-robin HTTP proxy in front of backend replicas, as a
 * Kubernetes Service with readiness gates puts them behind one address: a
 * replica gets requests only while its readiness answers 200 (asked every
 * 500 ms), and a request that cannot even connect to one (the replica is
 * gone; nothing reached it) goes to the next. A request that was sent and
 * lost its answer — its replica died with it in flight — is answered 502 and
 * counted as that replica's lost request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  name: string;
  /** 0 while it has no process. */
  port: number;
  ready: boolean;
  /** Readiness checks failed in a row. */
  failures: number;
  /** Requests sent to it and not answered yet. */
  inFlight: number;
  /** Requests it was sent whose answer was lost (its process died). */
  lost: number;
  served: number;
}

export interface RoundRobinProxy {
  url: string;
  upstreams: Upstream[];
  /** Points `name` at a (new) process on `port`; 0: it has none. */
  setPort(name: string, port: number): void;
  /** Requests answered 502 because no replica was ready or reachable. */
  unavailable(): number;
  close(): Promise<void>;
}

// a connection per request, as kube-proxy forwards each connection: a kept-
// alive socket that the replica closes as idle just as a request is sent on
// it would fail that request as if the replica had lost it (ECONNRESET)
const agent = new http.Agent({ keepAlive: false, maxSockets: 512 });

export async function startRoundRobin(
  names: string[],
): Promise<RoundRobinProxy> {
  const upstreams: Upstream[] = names.map(name => ({
    name,
    port: 0,
    ready: false,
    failures: 0,
    inFlight: 0,
    lost: 0,
    served: 0,
  }));
  let next = 0;
  let unavailable = 0;
  const pick = (tried: Set<Upstream>): Upstream | undefined => {
    for (let i = 0; i < upstreams.length; i++) {
      const u = upstreams[(next + i) % upstreams.length];
      if (u.ready && u.port && !tried.has(u)) {
        next = (next + i + 1) % upstreams.length;
        return u;
      }
    }
    return undefined;
  };

  const forward = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
    tried: Set<Upstream>,
  ) => {
    const upstream = pick(tried);
    if (!upstream) {
      unavailable++;
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('no ready replica');
      return;
    }
    tried.add(upstream);
    upstream.inFlight++;
    let connected = false;
    let settled = false;
    const settle = () => {
      if (!settled) {
        settled = true;
        upstream.inFlight--;
      }
    };
    const out = http.request(
      {
        host: '127.0.0.1',
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => {
          upstream.served++;
          settle();
        });
        answer.on('error', () => {
          upstream.lost++;
          settle();
          res.destroy();
        });
      },
    );
    out.on('socket', socket => {
      if (!socket.connecting) connected = true; // a kept-alive socket
      else
        socket.once('connect', () => {
          connected = true;
        });
    });
    out.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settle();
      if (!connected || error.code === 'ECONNREFUSED') {
        // it never reached the replica: not ready any more; the next one
        upstream.ready = false;
        forward(req, res, body, tried);
        return;
      }
      upstream.lost++;
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`lost on ${upstream.name}: ${error.code ?? error.message}`);
      } else res.destroy();
    });
    out.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), new Set()));
  });
  // websockets (signals) are not proxied: the soaks do not use them
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;

  const readiness = setInterval(() => {
    for (const u of upstreams) {
      if (!u.port) {
        u.ready = false;
        continue;
      }
      const probedPort = u.port;
      fetch(`http://127.0.0.1:${probedPort}/.backstage/health/v1/readiness`, {
        signal: AbortSignal.timeout(2000),
      })
        .then(r => r.ok)
        .catch(() => false)
        .then(ok => {
          if (u.port !== probedPort) return;
          u.failures = ok ? 0 : u.failures + 1;
          if (ok) u.ready = true;
          else if (u.failures >= 3) u.ready = false;
        });
    }
  }, 500);

  return {
    url: `http://127.0.0.1:${port}`,
    upstreams,
    setPort(name, p) {
      const u = upstreams.find(x => x.name === name)!;
      u.port = p;
      u.ready = false; // until its readiness says so
      u.failures = 0;
    },
    unavailable: () => unavailable,
    close: () =>
      new Promise<void>(resolve => {
        clearInterval(readiness);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
