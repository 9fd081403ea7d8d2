import {
  bytesPerSecondToGbPerHour,
  gbPerHourToBytesPerSecond,
  onTargetShare,
} from './units';

describe('units', () => {
  it('converts bytes per second to decimal GB per hour and back', () => {
    // 100 GB/h = 1e11 bytes / 3600 s
    expect(bytesPerSecondToGbPerHour(1e11 / 3600)).toBeCloseTo(100, 10);
    expect(bytesPerSecondToGbPerHour(1_000_000)).toBeCloseTo(3.6, 10);
    expect(gbPerHourToBytesPerSecond(3.6)).toBeCloseTo(1_000_000, 6);
    // decimal, not binary: 1 GiB/s is more than 3600 GB/h
    expect(bytesPerSecondToGbPerHour(2 ** 30)).toBeCloseTo(3865.47, 2);
  });
});

describe('onTargetShare', () => {
  const step = 300;
  const end = 10 * step;
  const at = (values: number[]) =>
    values.map((value, i) => ({
      t: end - (values.length - 1 - i) * step,
      value,
    }));

  it('counts samples at or above the target, equality included', () => {
    expect(
      onTargetShare(at([120, 100, 99.9, 50]), 100, {
        end,
        windowSeconds: 4 * step,
        stepSeconds: step,
      }),
    ).toEqual({ share: 0.5, coveredSeconds: 1200, windowSeconds: 1200 });
  });

  it('leaves samples outside the window out and reports the coverage', () => {
    const share = onTargetShare(at([10, 10, 10, 150, 150]), 100, {
      end,
      windowSeconds: 2 * step,
      stepSeconds: step,
    });
    expect(share).toEqual({
      share: 1,
      coveredSeconds: 600,
      windowSeconds: 600,
    });
    const week = onTargetShare(at([150, 50]), 100, {
      end,
      windowSeconds: 7 * 86_400,
      stepSeconds: step,
    });
    expect(week).toEqual({
      share: 0.5,
      coveredSeconds: 600,
      windowSeconds: 604_800,
    });
  });

  it('is undefined with no sample, not 0 %', () => {
    expect(
      onTargetShare([], 100, { end, windowSeconds: 86_400, stepSeconds: step }),
    ).toBeUndefined();
  });
});
