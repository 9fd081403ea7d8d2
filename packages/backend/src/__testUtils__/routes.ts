import { DefaultRootHttpRouter } from '@backstage/backend-defaults/rootHttpRouter';

/** One route of a mounted router: its method and its path with `:params` as written. */
export interface Route {
  method: string;
  path: string;
}

/**
 * Records what the plugins mount on the root router, as (path, handler).
 * Call before the test backend starts.
 */
export function recordMounts(): Array<[string, any]> {
  const mounted: Array<[string, any]> = [];
  const use = DefaultRootHttpRouter.prototype.use;
  DefaultRootHttpRouter.prototype.use = function record(path, handler) {
    mounted.push([path, handler]);
    return use.call(this, path, handler);
  };
  return mounted;
}

/** The path an express 4 layer is mounted at, from its regexp. */
function prefixOf(layer: any): string {
  const source: string = layer.regexp?.source ?? '';
  if (layer.regexp?.fast_slash || source === '^\\/?(?=\\/|$)') return '';
  return source
    .replace(/^\^/, '')
    .replace(/\\\/\?\(\?=\\\/\|\$\)$/i, '')
    .replace(/\(\?:\\\/\(\[\^\\\/\]\+\?\)\)/g, '/:param')
    .replace(/\\\//g, '/');
}

/** Every route of a router, depth first, under `prefix`. */
export function routesOf(handler: any, prefix = ''): Route[] {
  const out: Route[] = [];
  for (const layer of handler?.stack ?? []) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path)
        ? layer.route.path
        : [layer.route.path];
      for (const p of paths.filter((x: unknown) => typeof x === 'string')) {
        for (const method of Object.keys(layer.route.methods)) {
          if (method !== '_all') out.push({ method, path: `${prefix}${p}` });
        }
      }
    } else if (layer.handle?.stack) {
      out.push(...routesOf(layer.handle, `${prefix}${prefixOf(layer)}`));
    }
  }
  return out;
}

/** The routes of the plugins mounted at `/api/<id>` for each id. */
export function pluginRoutes(
  mounted: Array<[string, any]>,
  plugins: string[],
): Route[] {
  return mounted
    .filter(([path]) => plugins.some(p => path === `/api/${p}`))
    .flatMap(([path, handler]) => routesOf(handler, path));
}

/** The names of a route's parameters, in order. */
export const paramsOf = (path: string): string[] =>
  [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map(m => m[1]);

/** A route's path with every parameter (and `*`) given a value. */
export function fill(
  path: string,
  values: Record<string, string> | ((name: string) => string),
): string {
  const value =
    typeof values === 'function' ? values : (n: string) => values[n];
  return path
    .replace(/:([A-Za-z0-9_]+)(\([^)]*\))?\??/g, (_, name) => value(name))
    .replace(/\*/g, () => value('*'));
}
