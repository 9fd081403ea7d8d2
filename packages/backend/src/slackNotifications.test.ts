/*
 * Slack delivery of the budget notifications, configured per group: the
 * notifications backend with Backstage's Slack module (config/slack.yaml,
 * its token replaced by a test one), a group whose entity names its channel in
 * `slack.com/bot-notify`, and an msw-served Slack Web API. A notification
 * to the group, sent as the portal's budget alerts send it, is posted to
 * the group's channel once; a group without the annotation gets none.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import slackModule from '@backstage/plugin-notifications-backend-module-slack';
import {
  type NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';
import fs from 'node:fs';
import path from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { parse } from 'yaml';
import { until } from './__testUtils__/recording';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const CHANNEL = 'C0DATAFOUNDATION';

const group = (name: string, annotations = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'team', children: [], members: ['boris.petrov'] },
  relations: [{ type: 'hasMember', targetRef: 'user:default/boris.petrov' }],
});
const ENTITIES: Entity[] = [
  group('data-foundation-team', { 'slack.com/bot-notify': CHANNEL }),
  group('processing-analytics-team'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'boris.petrov', namespace: 'default' },
    spec: { memberOf: ['data-foundation-team', 'processing-analytics-team'] },
    relations: [
      { type: 'memberOf', targetRef: 'group:default/data-foundation-team' },
      {
        type: 'memberOf',
        targetRef: 'group:default/processing-analytics-team',
      },
    ],
  },
];

describe('Slack delivery of the budget notifications', () => {
  const posted: any[] = [];
  const slack = setupServer(
    http.post('https://slack.com/api/chat.postMessage', async ({ request }) => {
      const body = new URLSearchParams(await request.text());
      posted.push({
        auth: request.headers.get('authorization'),
        ...Object.fromEntries(body),
      });
      return HttpResponse.json({
        ok: true,
        channel: body.get('channel'),
        ts: `${Date.now() / 1000}`,
      });
    }),
  );
  beforeAll(() => slack.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(() => slack.close());

  it("posts a group's notification to the channel its entity names, and nothing for a group without one", async () => {
    // the shipped Slack processor, with a test token
    const shipped = parse(
      fs.readFileSync(path.join(ROOT, 'config/slack.yaml'), 'utf8'),
    );
    const processors = shipped.notifications.processors.slack.map((p: any) => ({
      ...p,
      token: 'xoxb-test-token',
    }));
    let notifications: NotificationService | undefined;
    await startTestBackend({
      features: [
        notificationsPlugin,
        slackModule,
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'https://fin.vsem-svoim.com' },
            notifications: { processors: { slack: processors } },
          },
        }),
        createBackendPlugin({
          pluginId: 'api-status',
          register(env) {
            env.registerInit({
              deps: { n: notificationService, logger: coreServices.logger },
              async init({ n }) {
                notifications = n;
              },
            });
          },
        }),
      ],
    });
    const send = (entityRef: string, title: string) =>
      notifications!.send({
        recipients: { type: 'entity', entityRef },
        payload: {
          title,
          description: 'Under its target for more than 14.4 % of the last hour',
          severity: 'critical',
          topic: 'throughput-budget',
          scope: `api-status:throughput-budget:${title}`,
          link: 'https://fin.vsem-svoim.com/catalog/default/component/base-data-ingestion-agent-data-collector/health',
        },
      });

    await send(
      'group:default/data-foundation-team',
      'data-collector of data-ingestion burns its throughput budget 14.4× too fast',
    );
    await send(
      'group:default/processing-analytics-team',
      'feature-extractor of feature-engineering burns its throughput budget 14.4× too fast',
    );
    await until('the post to Slack', async () =>
      posted.length > 0 ? true : undefined,
    );
    // the other group's notification had its chance to be posted too
    await new Promise(r => setTimeout(r, 1000));
    expect(posted).toHaveLength(1);
    expect(posted[0].auth).toBe('Bearer xoxb-test-token');
    expect(posted[0].channel).toBe(CHANNEL);
    expect(JSON.stringify(posted[0])).toContain(
      'data-collector of data-ingestion burns its throughput budget',
    );
  });
});
