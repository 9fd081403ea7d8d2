import crypto from 'node:crypto';
import express, { NextFunction, Request, Response } from 'express';
import {
  matchesLabels,
  parseLabelSelector,
  SelectorError,
} from '../kubernetes/selectors';
import { revisions } from './buildApplications';

export interface ArgoCdApiOptions {
  /** Applications as of now (with their `__tree`). */
  applications: () => any[];
  applicationSets: () => any[];
  /** Records a sync of an Application. */
  sync: (name: string) => void;
  username: string;
  password: string;
  /** A token accepted besides session tokens (as an ArgoCD account token). */
  token?: string;
}

const served = (a: any) => {
  const { __tree, ...rest } = a;
  return rest;
};

/** An HTTP API that answers as ArgoCD's API server does (v1 REST, JSON). */
export function createArgoCdApi(options: ArgoCdApiOptions) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());
  const sessions = new Set<string>(options.token ? [options.token] : []);

  const error = (res: Response, code: number, grpc: number, message: string) =>
    res.status(code).json({ error: message, code: grpc, message });

  app.get('/api/version', (_req, res) =>
    res.json({ Version: 'v3.1.0+sandbox' }),
  );
  app.get('/healthz', (_req, res) => res.type('text/plain').send('ok'));

  app.post('/api/v1/session', (req, res) => {
    if (
      req.body?.username !== options.username ||
      req.body?.password !== options.password
    ) {
      return error(res, 401, 16, 'Invalid username or password');
    }
    const token = crypto.randomBytes(24).toString('hex');
    sessions.add(token);
    return res.json({ token });
  });

  app.use('/api/v1', (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const cookie = /argocd\.token=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const token = header.startsWith('Bearer ') ? header.slice(7) : cookie;
    if (!token || !sessions.has(token))
      return error(res, 401, 16, 'no session information');
    return next();
  });

  const find = (name: string) =>
    options.applications().find(a => a.metadata.name === name);
  /** Routes under one Application: 404 as ArgoCD answers, else res.locals.application. */
  const application = (req: Request, res: Response, next: NextFunction) => {
    const a = find(req.params.name);
    if (!a)
      return error(
        res,
        404,
        5,
        `applications.argoproj.io "${req.params.name}" not found`,
      );
    res.locals.application = a;
    return next();
  };

  app.get('/api/v1/applications', (req, res) => {
    let items = options.applications();
    try {
      const selector = parseLabelSelector(
        req.query.selector as string | undefined,
      );
      items = items.filter(a => matchesLabels(a.metadata.labels, selector));
    } catch (e) {
      if (e instanceof SelectorError) return error(res, 400, 3, e.message);
      throw e;
    }
    const names = ([] as string[]).concat(
      (req.query.name as string | string[] | undefined) ?? [],
    );
    if (names.length > 0)
      items = items.filter(a => names.includes(a.metadata.name));
    const projects = ([] as string[]).concat(
      (req.query.projects as string | string[] | undefined) ??
        (req.query.project as string | string[] | undefined) ??
        [],
    );
    if (projects.length > 0)
      items = items.filter(a => projects.includes(a.spec.project));
    return res.json({
      metadata: { resourceVersion: '1' },
      items: items.map(served),
    });
  });

  app.get('/api/v1/applications/:name', application, (_req, res) => {
    const a = res.locals.application;
    return res.json(served(a));
  });

  app.get(
    '/api/v1/applications/:name/resource-tree',
    application,
    (_req, res) => {
      const a = res.locals.application;
      return res.json({ nodes: a.__tree, hosts: [] });
    },
  );

  app.get(
    '/api/v1/applications/:name/managed-resources',
    application,
    (_req, res) => {
      const a = res.locals.application;
      return res.json({
        items: a.status.resources.map((r: any) => ({
          group: r.group,
          kind: r.kind,
          namespace: r.namespace,
          name: r.name,
          targetState: JSON.stringify({
            apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
            kind: r.kind,
            metadata: { name: r.name, namespace: r.namespace },
          }),
          liveState:
            r.health?.status === 'Missing'
              ? 'null'
              : JSON.stringify({
                  apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
                  kind: r.kind,
                  metadata: { name: r.name, namespace: r.namespace },
                }),
          modified: r.status === 'OutOfSync',
        })),
      });
    },
  );

  app.get(
    '/api/v1/applications/:name/revisions/:revision/metadata',
    application,
    (req, res) => {
      const r = revisions(new Date()).find(
        x => x.revision === req.params.revision,
      );
      if (!r)
        return error(res, 404, 5, `revision ${req.params.revision} not found`);
      return res.json({
        author: r.author,
        date: r.date,
        tags: [],
        message: r.message,
      });
    },
  );

  app.post('/api/v1/applications/:name/sync', application, (req, res) => {
    options.sync(req.params.name);
    return res.json(served(find(req.params.name)));
  });

  app.get('/api/v1/applicationsets', (_req, res) =>
    res.json({ metadata: {}, items: options.applicationSets() }),
  );
  app.get('/api/v1/applicationsets/:name', (req, res) => {
    const set = options
      .applicationSets()
      .find(s => s.metadata.name === req.params.name);
    if (!set)
      return error(
        res,
        404,
        5,
        `applicationsets.argoproj.io "${req.params.name}" not found`,
      );
    return res.json(set);
  });

  app.use((_req, res) => error(res, 404, 5, 'Not Found'));
  return app;
}
