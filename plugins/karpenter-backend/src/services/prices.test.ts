import { EC2Client } from '@aws-sdk/client-ec2';
import { ConfigReader } from '@backstage/config';
import {
  createSandbox,
  loadPlatform,
  Sandbox,
  sandboxSpotPrice,
  sandboxSpotPriceConfig,
} from '@internal/platform-sandbox';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readPriceTable, SpotPriceFeed } from './prices';

const ROOT = path.resolve(__dirname, '../../../..');

describe('SpotPriceFeed (the AWS SDK against the sandbox EC2 stand-in)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox({
      platform: await loadPlatform(path.join(ROOT, 'examples/base-platform')),
      ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
    });
  });
  afterAll(() => sandbox?.stop());

  const table = readPriceTable(
    new ConfigReader({
      karpenter: {
        prices: {
          region: 'us-east-1',
          source: 'test',
          date: '2026-11-30',
          instanceTypes: [
            { type: 'm7i.2xlarge', onDemand: 0.4032 },
            { type: 'c7i.4xlarge', onDemand: 0.714 },
          ],
        },
      },
    }),
  )!;

  it('reads the current price of each type of the table in each zone', async () => {
    const feed = SpotPriceFeed.fromConfig(
      new ConfigReader({
        karpenter: {
          spotPriceHistory: sandboxSpotPriceConfig(sandbox.urls.control),
        },
      }),
      table,
    )!;
    const prices = await feed.prices();
    expect(prices.error).toBeUndefined();
    expect(Object.fromEntries(prices.byTypeAndZone)).toEqual({
      'm7i.2xlarge/us-east-1a': sandboxSpotPrice('m7i.2xlarge', 'us-east-1a'),
      'm7i.2xlarge/us-east-1b': sandboxSpotPrice('m7i.2xlarge', 'us-east-1b'),
      'm7i.2xlarge/us-east-1c': sandboxSpotPrice('m7i.2xlarge', 'us-east-1c'),
      'c7i.4xlarge/us-east-1a': sandboxSpotPrice('c7i.4xlarge', 'us-east-1a'),
      'c7i.4xlarge/us-east-1b': sandboxSpotPrice('c7i.4xlarge', 'us-east-1b'),
      'c7i.4xlarge/us-east-1c': sandboxSpotPrice('c7i.4xlarge', 'us-east-1c'),
    });
  });

  it('refuses an unsigned request, as EC2 does', async () => {
    const res = await fetch(`${sandbox.urls.control}/aws/ec2/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeSpotPriceHistory&Version=2016-11-15',
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('<Code>AuthFailure</Code>');
  });

  it('names the failure when EC2 does not answer, and throws nothing', async () => {
    const closed = http.createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise(r => closed.close(r));
    const feed = new SpotPriceFeed({
      client: new EC2Client({
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${port}`,
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
        maxAttempts: 1,
      }),
      instanceTypes: ['m7i.2xlarge'],
      refreshMs: 60_000,
    });
    const prices = await feed.prices();
    expect(prices.byTypeAndZone.size).toBe(0);
    expect(prices.error).toMatch(
      /^EC2 DescribeSpotPriceHistory failed: .*ECONNREFUSED/,
    );
  });

  it('has no feed unless configured, and no table unless configured', () => {
    expect(
      SpotPriceFeed.fromConfig(new ConfigReader({}), table),
    ).toBeUndefined();
    expect(readPriceTable(new ConfigReader({}))).toBeUndefined();
  });
});
