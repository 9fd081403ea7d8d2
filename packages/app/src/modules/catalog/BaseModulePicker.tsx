import { useEffect, useMemo, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  catalogApiRef,
  DefaultEntityFilters,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import { ANNOTATION_MODULE } from '@internal/plugin-base-platform-common';
import Box from '@mui/material/Box';
import ListSubheader from '@mui/material/ListSubheader';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { BaseModuleFilter, EVERYTHING } from './BaseModuleFilter';

type Filters = DefaultEntityFilters & { baseModule?: BaseModuleFilter };

const ANY_MODULE = 'any';

interface ModuleOption {
  module: string;
  title: string;
  domain: string;
}

/** What the query parameter `baseModule` asks for. */
function fromQuery(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  const values = ([] as unknown[]).concat(value).map(String);
  if (values.includes(EVERYTHING)) return undefined;
  return values.filter(v => v !== ANY_MODULE);
}

/**
 * The catalog's first filter: BASE modules, grouped by domain. It starts on
 * every BASE module, so the first view lists the platform's services rather
 * than whatever else the catalog holds; "everything" turns it off.
 */
export function BaseModulePicker() {
  const catalogApi = useApi(catalogApiRef);
  const { updateFilters, queryParameters } = useEntityList<Filters>();
  const [selected, setSelected] = useState<string[] | undefined>(() =>
    fromQuery(queryParameters.baseModule),
  );

  const { value: options, error } = useAsync(async (): Promise<
    ModuleOption[]
  > => {
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'system',
        [`metadata.annotations.${ANNOTATION_MODULE}`]: CATALOG_FILTER_EXISTS,
      },
      fields: [
        'metadata.name',
        'metadata.title',
        `metadata.annotations.${ANNOTATION_MODULE}`,
        'spec.domain',
      ],
    });
    return items
      .map(e => ({
        module: e.metadata.annotations?.[ANNOTATION_MODULE] ?? e.metadata.name,
        title: e.metadata.title ?? e.metadata.name,
        domain: String((e.spec as { domain?: string })?.domain ?? 'no domain'),
      }))
      .sort(
        (a, b) =>
          a.domain.localeCompare(b.domain) || a.title.localeCompare(b.title),
      );
  }, [catalogApi]);

  useEffect(() => {
    updateFilters({ baseModule: new BaseModuleFilter(selected) });
  }, [selected, updateFilters]);

  const byDomain = useMemo(() => {
    const groups = new Map<string, ModuleOption[]>();
    for (const o of options ?? []) {
      groups.set(o.domain, [...(groups.get(o.domain) ?? []), o]);
    }
    return [...groups.entries()];
  }, [options]);

  // one select: everything, any BASE module, a whole domain, or one module
  const valueOf = (modules: string[] | undefined): string => {
    if (!modules) return EVERYTHING;
    if (modules.length === 0) return ANY_MODULE;
    if (modules.length === 1) return `module:${modules[0]}`;
    const domain = byDomain.find(
      ([, mods]) =>
        mods.length === modules.length &&
        mods.every(m => modules.includes(m.module)),
    );
    return `domain:${domain?.[0] ?? ''}`;
  };
  const value = valueOf(selected);

  const choose = (choice: string) => {
    if (choice === EVERYTHING) setSelected(undefined);
    else if (choice === ANY_MODULE) setSelected([]);
    else if (choice.startsWith('module:')) setSelected([choice.slice(7)]);
    else {
      const domain = choice.slice(7);
      setSelected(
        (byDomain.find(([d]) => d === domain)?.[1] ?? []).map(m => m.module),
      );
    }
  };

  return (
    <Box pb={1} pt={1}>
      <TextField
        select
        fullWidth
        size="small"
        label="BASE module"
        value={options ? value : ANY_MODULE}
        onChange={e => choose(e.target.value)}
        helperText={
          error ? `Modules could not be read: ${error.message}` : undefined
        }
        SelectProps={{ MenuProps: { disablePortal: false } }}
      >
        <MenuItem value={ANY_MODULE}>All BASE modules</MenuItem>
        {byDomain.flatMap(([domain, mods]) => [
          <ListSubheader key={`h-${domain}`}>{domain}</ListSubheader>,
          <MenuItem key={`d-${domain}`} value={`domain:${domain}`}>
            <Typography variant="body2" fontWeight="bold">
              Every module of {domain}
            </Typography>
          </MenuItem>,
          ...mods.map(m => (
            <MenuItem
              key={m.module}
              value={`module:${m.module}`}
              sx={{ pl: 4 }}
            >
              {m.title}
            </MenuItem>
          )),
        ])}
        <MenuItem value={EVERYTHING}>Everything in the catalog</MenuItem>
      </TextField>
    </Box>
  );
}
