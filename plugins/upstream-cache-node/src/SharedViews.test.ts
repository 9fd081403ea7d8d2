import { SharedViews } from './SharedViews';

describe('SharedViews', () => {
  it('builds a view once while its inputs stay the same objects', () => {
    const views = new SharedViews<{ n: number }>();
    const data = { items: [1, 2] };
    const build = jest.fn(() => ({ n: data.items.length }));
    const first = views.get('a', [data], build);
    expect(views.get('a', [data], build)).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
    const next = { items: [1, 2, 3] };
    expect(views.get('a', [next], () => ({ n: next.items.length }))).toEqual({
      n: 3,
    });
    expect(views.get('b', [next], build)).not.toBe(first);
  });

  it('keeps at most maxEntries views, dropping the oldest', () => {
    const views = new SharedViews<object>(2);
    const deps = [{}];
    const a = views.get('a', deps, () => ({}));
    views.get('b', deps, () => ({}));
    views.get('c', deps, () => ({}));
    const build = jest.fn(() => ({}));
    expect(views.get('a', deps, build)).not.toBe(a);
    expect(build).toHaveBeenCalledTimes(1);
  });
});
