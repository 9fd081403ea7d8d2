import type { Entity } from '@backstage/catalog-model';
import {
  CATALOG_FILTER_EXISTS,
  EntityFilter,
} from '@backstage/plugin-catalog-react';
import { ANNOTATION_MODULE } from '@internal/plugin-base-platform-common';

/** Query value of the filter that shows every entity, BASE or not. */
export const EVERYTHING = 'everything';

/**
 * The catalog's BASE module filter: entities of the given modules (by the
 * `base.io/module` annotation), of any BASE module (`modules` empty), or
 * everything (`modules` undefined: the filter is off).
 */
export class BaseModuleFilter implements EntityFilter {
  constructor(readonly modules?: string[]) {}

  getCatalogFilters(): Record<string, string | symbol | (string | symbol)[]> {
    if (!this.modules) return {};
    return {
      [`metadata.annotations.${ANNOTATION_MODULE}`]: this.modules.length
        ? this.modules
        : CATALOG_FILTER_EXISTS,
    };
  }

  filterEntity(entity: Entity): boolean {
    if (!this.modules) return true;
    const module = entity.metadata.annotations?.[ANNOTATION_MODULE];
    if (!module) return false;
    return this.modules.length === 0 || this.modules.includes(module);
  }

  toQueryValue(): string | string[] {
    return this.modules ?? EVERYTHING;
  }
}
