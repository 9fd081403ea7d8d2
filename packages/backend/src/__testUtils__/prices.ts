import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** The portal's own price table (`karpenter.prices` of app-config.yaml). */
export function portalPriceTable() {
  return parse(
    fs.readFileSync(
      path.resolve(__dirname, '../../../../config/karpenter-prices.yaml'),
      'utf8',
    ),
  );
}
