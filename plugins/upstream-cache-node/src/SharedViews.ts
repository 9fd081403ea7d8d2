/**
 * Views built from cached upstream data, kept while that data stays the same
 * object, so every viewer of one refresh shares one view (and, through
 * `sendSharedJson`, one serialised and gzipped body). Keys come from request
 * paths, so at most `maxEntries` are kept; the oldest goes first.
 */
export class SharedViews<V extends object> {
  private readonly views = new Map<string, { deps: unknown[]; view: V }>();

  constructor(private readonly maxEntries = 1000) {}

  /** The view for `key`, built again when any of `deps` is not the same (===) as last time. */
  get(key: string, deps: unknown[], build: () => V): V {
    const hit = this.views.get(key);
    if (
      hit &&
      hit.deps.length === deps.length &&
      hit.deps.every((d, i) => d === deps[i])
    ) {
      return hit.view;
    }
    const view = build();
    this.views.delete(key);
    this.views.set(key, { deps, view });
    if (this.views.size > this.maxEntries) {
      this.views.delete(this.views.keys().next().value!);
    }
    return view;
  }
}
