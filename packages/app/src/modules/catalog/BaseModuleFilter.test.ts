import type { Entity } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/plugin-catalog-react';
import { BaseModuleFilter, EVERYTHING } from './BaseModuleFilter';

const entity = (module?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'x',
    annotations: module ? { 'base.io/module': module } : undefined,
  },
});

describe('BaseModuleFilter', () => {
  it('starts on every BASE module: the annotation must exist', () => {
    const filter = new BaseModuleFilter([]);
    expect(filter.getCatalogFilters()).toEqual({
      'metadata.annotations.base.io/module': CATALOG_FILTER_EXISTS,
    });
    expect(filter.filterEntity(entity('data-ingestion'))).toBe(true);
    expect(filter.filterEntity(entity())).toBe(false);
    expect(filter.toQueryValue()).toEqual([]);
  });

  it('narrows to the modules given (a domain is its modules)', () => {
    const filter = new BaseModuleFilter(['data-ingestion', 'data-quality']);
    expect(filter.getCatalogFilters()).toEqual({
      'metadata.annotations.base.io/module': ['data-ingestion', 'data-quality'],
    });
    expect(filter.filterEntity(entity('data-quality'))).toBe(true);
    expect(filter.filterEntity(entity('data-storage'))).toBe(false);
  });

  it('is off for "everything"', () => {
    const filter = new BaseModuleFilter(undefined);
    expect(filter.getCatalogFilters()).toEqual({});
    expect(filter.filterEntity(entity())).toBe(true);
    expect(filter.toQueryValue()).toBe(EVERYTHING);
  });
});
