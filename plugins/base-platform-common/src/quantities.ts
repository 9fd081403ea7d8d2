const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/**
 * A Kubernetes quantity as a number of base units: `500m` → 0.5,
 * `16Gi` → 17179869184, `1.5k` → 1500, `1e3` → 1000. Undefined when the text
 * is not a quantity.
 */
export function parseQuantity(
  text: string | number | undefined,
): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'number') return text;
  const match = text
    .trim()
    .match(
      /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/,
    );
  if (!match) return undefined;
  const [, number, exponent, suffix = ''] = match;
  if (exponent) return Number(`${number}${exponent}`);
  return Number(number) * (BINARY[suffix] ?? DECIMAL[suffix]);
}

/** CPU cores from a quantity (`500m` → 0.5); 0 when absent or invalid. */
export const cpuCores = (q?: string | number) => parseQuantity(q) ?? 0;

/** Bytes from a memory quantity (`16Gi`); 0 when absent or invalid. */
export const memoryBytes = (q?: string | number) => parseQuantity(q) ?? 0;

/** Bytes → GiB, for display. */
export const toGiB = (bytes: number) => bytes / 2 ** 30;
