import { cpuCores, memoryBytes, parseQuantity } from './quantities';

describe('parseQuantity', () => {
  it.each([
    ['500m', 0.5],
    ['250m', 0.25],
    ['2', 2],
    ['1.5', 1.5],
    ['10000', 10000],
    ['16Gi', 16 * 2 ** 30],
    ['512Mi', 512 * 2 ** 20],
    ['10000Gi', 10000 * 2 ** 30],
    ['1Ti', 2 ** 40],
    ['128974848', 128974848],
    ['129e6', 129e6],
    ['129M', 129e6],
    ['1.5k', 1500],
    ['100n', 1e-7],
  ])('%s → %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 10);
  });

  it('refuses what is not a quantity', () => {
    expect(parseQuantity('16 Gi')).toBeUndefined();
    expect(parseQuantity('Gi')).toBeUndefined();
    expect(parseQuantity('1Gb')).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
  });

  it('adds up node capacity: 4 × m7i.4xlarge + 2 × r7i.4xlarge', () => {
    const nodes = [
      ...Array(4).fill({ cpu: '16', memory: '64Gi' }),
      ...Array(2).fill({ cpu: '16', memory: '128Gi' }),
    ];
    expect(nodes.reduce((s, n) => s + cpuCores(n.cpu), 0)).toBe(96);
    expect(nodes.reduce((s, n) => s + memoryBytes(n.memory), 0) / 2 ** 30).toBe(
      512,
    );
    expect(cpuCores(undefined)).toBe(0);
  });
});
