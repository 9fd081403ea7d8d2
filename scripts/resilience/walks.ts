/*
 * The walk of the soaks: the pages a user opens, each page's API requests as
 * recorded in Debian's Chromium, and how a recorded request is sent again for
 * another service (shared by the browsing soak and the replicas stage).
 */
import http from 'node:http';
import { chromium, Page } from '@playwright/test';
import type { SandboxModule, SandboxService } from '@internal/platform-sandbox';
import { sleep } from '../bench/lib';
import { chromiumLaunchOptions } from '../chromium';
import {
  dataVisible,
  navigateInApp,
  SERVICES_FILTER,
  signInAsGuest,
} from '../pageReady';

export interface PageSpec {
  name: string;
  url: (s: SandboxService, m: SandboxModule) => string;
  /** `services`: how many services the catalog lists. */
  visible: (page: Page, services: number) => Promise<void>;
}

const entity = (s: SandboxService) => `/catalog/default/component/${s.name}`;
export const PAGES: PageSpec[] = [
  { name: 'Home', url: () => '/', visible: dataVisible.home },
  {
    name: 'Catalog',
    url: () => `/catalog?${SERVICES_FILTER}`,
    visible: (page, services) => dataVisible.catalogServices(page, services),
  },
  {
    name: 'Module',
    url: (_s, m) => `/catalog/default/system/base-${m.slug}/services`,
    visible: dataVisible.module,
  },
  {
    name: 'Module capacity',
    url: (_s, m) => `/catalog/default/system/base-${m.slug}/capacity`,
    visible: dataVisible.moduleCapacity,
  },
  { name: 'Overview', url: s => entity(s), visible: dataVisible.overview },
  {
    name: 'Deploy',
    url: s => `${entity(s)}/deploy`,
    visible: dataVisible.deploy,
  },
  {
    name: 'Health',
    url: s => `${entity(s)}/health`,
    visible: dataVisible.health,
  },
  { name: 'Capacity', url: () => '/capacity', visible: dataVisible.capacity },
];

export interface RecordedRequest {
  method: string;
  /** Path and query with the recorded service's names as placeholders. */
  path: string;
  body?: string;
}

export interface RecordedPage {
  name: string;
  requests: RecordedRequest[];
}

/**
 * The names of a service that appear in the frontend's requests, longest
 * first (a service's name contains its module's), as placeholder → value.
 */
export function namesOf(
  s: SandboxService,
  m: SandboxModule,
): Array<[string, string]> {
  const names: Array<[string, string]> = [
    ['{service}', s.name],
    ['{k8s-service}', s.serviceName],
    ['{service-namespace}', s.namespace],
    ['{module-namespace}', m.namespace],
    ['{system}', `base-${m.slug}`],
    ['{slug}', m.slug],
    ['{folder}', m.folder],
  ];
  return names.sort((a, b) => b[1].length - a[1].length);
}

function templatize(text: string, names: Array<[string, string]>): string {
  let out = text;
  for (const [placeholder, value] of names)
    out = out.split(value).join(placeholder);
  return out;
}

export function instantiate(
  text: string,
  names: Array<[string, string]>,
): string {
  let out = text;
  for (const [placeholder, value] of names)
    out = out.split(placeholder).join(value);
  return out;
}

/** Walks the pages once in Chromium and records each page's API requests. */
export async function record(
  base: string,
  sample: { s: SandboxService; m: SandboxModule },
  /** Told of a page whose data did not become visible (it is left out). */
  notVisible: (page: string, error: unknown) => void,
  /** How many services the catalog lists (the example platform's 168). */
  services = 168,
): Promise<RecordedPage[]> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  const names = namesOf(sample.s, sample.m);
  const recorded: RecordedPage[] = [];
  try {
    const page = await browser.newPage();
    let current: RecordedRequest[] | undefined;
    page.on('request', req => {
      const url = new URL(req.url());
      // sign-in and the signals socket are not page data
      if (
        !current ||
        !url.pathname.startsWith('/api/') ||
        /^\/api\/(auth|signals)\//.test(url.pathname)
      )
        return;
      current.push({
        method: req.method(),
        path: templatize(url.pathname + url.search, names),
        body: req.postData() ? templatize(req.postData()!, names) : undefined,
      });
    });
    await signInAsGuest(page, `${base}/`);
    for (const spec of PAGES) {
      current = [];
      // in the running app, as a user clicking through
      await navigateInApp(page, spec.url(sample.s, sample.m));
      try {
        await spec.visible(page, services);
        // late requests of the page (lazy cards)
        await sleep(1500);
      } catch (error) {
        notVisible(spec.name, error);
        continue;
      }
      const unique = new Map(
        current.map(r => [`${r.method} ${r.path} ${r.body ?? ''}`, r]),
      );
      recorded.push({ name: spec.name, requests: [...unique.values()] });
    }
    current = undefined;
  } finally {
    await browser.close();
  }
  return recorded;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 6 * 50 });

let resent = 0;

/** Requests sent again after the server closed a kept-alive socket as it was reused. */
export const resentCount = () => resent;

/**
 * Sends one request; resolves to its status, or to the error's code when no
 * answer came (30 s at most). A request that fails on a kept-alive socket the
 * server closed as it was being reused (ECONNRESET before any answer) is sent
 * again once, as browsers do; `resent` counts those.
 */
export function send(
  base: string,
  token: string,
  r: RecordedRequest,
  again = true,
): Promise<number | string> {
  return new Promise(resolve => {
    const req = http.request(
      `${base}${r.path}`,
      {
        method: r.method,
        agent,
        timeout: 30_000,
        headers: {
          authorization: `Bearer ${token}`,
          'accept-encoding': 'gzip',
          ...(r.body !== undefined && { 'content-type': 'application/json' }),
        },
      },
      res => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 'no status'));
        res.on('error', (e: NodeJS.ErrnoException) =>
          resolve(e.code ?? e.message),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout after 30 s')));
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (again && req.reusedSocket && e.code === 'ECONNRESET') {
        resent++;
        resolve(send(base, token, r, false));
      } else resolve(e.code ?? e.message);
    });
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}
