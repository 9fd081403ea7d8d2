import express, { Router } from 'express';

/**
 * On-demand Linux prices in us-east-1 (USD per hour) of the instance types the
 * sandbox's clusters run, from the AWS EC2 On-Demand pricing page; the spot
 * stand-in prices each at a fixed share of it per zone.
 */
export const SANDBOX_ON_DEMAND: Record<string, number> = {
  'm5.xlarge': 0.192,
  'm7i.2xlarge': 0.4032,
  'm7i.4xlarge': 0.8064,
  'c7i.2xlarge': 0.357,
  'c7i.4xlarge': 0.714,
  'r7i.2xlarge': 0.5292,
  'r7i.4xlarge': 1.0584,
};

/** The stand-in's spot price as a share of on-demand, per zone of us-east-1. */
export const SANDBOX_SPOT_SHARE: Record<string, number> = {
  'us-east-1a': 0.36,
  'us-east-1b': 0.4,
  'us-east-1c': 0.44,
};

/** The stand-in's spot price of an instance type in a zone (6 decimals, as EC2 answers). */
export function sandboxSpotPrice(instanceType: string, zone: string) {
  const onDemand = SANDBOX_ON_DEMAND[instanceType];
  const share = SANDBOX_SPOT_SHARE[zone];
  if (onDemand === undefined || share === undefined) return undefined;
  return Number((onDemand * share).toFixed(6));
}

const xml = (s: string) =>
  s.replace(
    /[<>&"]/g,
    c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' }[c]!),
  );

/** The numbered members of an EC2 Query list parameter (`InstanceType.1`, …). */
function members(body: Record<string, string>, name: string): string[] {
  return Object.entries(body)
    .filter(([k]) => new RegExp(`^${name}\\.\\d+$`).test(k))
    .sort(([a], [b]) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
    .map(([, v]) => v);
}

function error(
  res: express.Response,
  status: number,
  code: string,
  message: string,
) {
  res
    .status(status)
    .type('text/xml')
    .send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${xml(
        message,
      )}</Message></Error></Errors><RequestID>sandbox</RequestID></Response>`,
    );
}

/**
 * A stand-in of the EC2 Query API's DescribeSpotPriceHistory (API version
 * 2016-11-15), as the AWS SDK calls it: a form-encoded POST, an XML answer
 * with `spotPriceHistorySet` items, pages of `MaxResults` with `nextToken`.
 * A start time of now answers each type and zone's current price. Other
 * actions are refused as EC2 refuses an unknown action.
 */
export function createEc2Api(): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false }));
  router.post('/', (req, res) => {
    const body = (req.body ?? {}) as Record<string, string>;
    if (body.Action !== 'DescribeSpotPriceHistory') {
      error(
        res,
        400,
        'InvalidAction',
        `The action ${body.Action} is not valid for this web service.`,
      );
      return;
    }
    if (!req.header('authorization')?.startsWith('AWS4-HMAC-SHA256')) {
      error(
        res,
        401,
        'AuthFailure',
        'AWS was not able to validate the provided access credentials',
      );
      return;
    }
    const types = members(body, 'InstanceType');
    const products = members(body, 'ProductDescription');
    const zone = body.AvailabilityZone;
    const max = Math.min(Math.max(Number(body.MaxResults) || 1000, 5), 1000);
    const start = Number(body.NextToken || 0);
    const timestamp = new Date(
      Math.floor(Date.now() / 3_600_000) * 3_600_000,
    ).toISOString();
    const items: string[] = [];
    if (products.length === 0 || products.includes('Linux/UNIX')) {
      for (const type of types.length
        ? types
        : Object.keys(SANDBOX_ON_DEMAND)) {
        for (const z of Object.keys(SANDBOX_SPOT_SHARE)) {
          if (zone && z !== zone) continue;
          const price = sandboxSpotPrice(type, z);
          if (price === undefined) continue;
          items.push(
            `<item><instanceType>${xml(
              type,
            )}</instanceType><productDescription>Linux/UNIX</productDescription><spotPrice>${price.toFixed(
              6,
            )}</spotPrice><timestamp>${timestamp}</timestamp><availabilityZone>${z}</availabilityZone></item>`,
          );
        }
      }
    }
    const page = items.slice(start, start + max);
    const next = start + max < items.length ? String(start + max) : '';
    res
      .type('text/xml')
      .send(
        `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeSpotPriceHistoryResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>sandbox-${start}</requestId><spotPriceHistorySet>${page.join(
          '',
        )}</spotPriceHistorySet><nextToken>${next}</nextToken></DescribeSpotPriceHistoryResponse>`,
      );
  });
  return router;
}
