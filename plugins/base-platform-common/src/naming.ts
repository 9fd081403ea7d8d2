/**
 * The BASE naming convention `base-[module]-[type]-[descriptor]`: the one
 * parser, validator and formatter used by the catalog provider, the
 * scaffolder (form and server) and the conformance report.
 */

/** The component types of a BASE module, singular as in file names. */
export const COMPONENT_TYPES = [
  'agent',
  'model',
  'orchestrator',
  'workflow',
  'config',
  'prompt',
] as const;

/** A component type of a BASE module. */
export type ComponentType = (typeof COMPONENT_TYPES)[number];

/** The folder of a module that holds each component type. */
export const TYPE_FOLDERS: Record<ComponentType, string> = {
  agent: 'agents',
  model: 'models',
  orchestrator: 'orchestrators',
  workflow: 'workflows',
  config: 'configs',
  prompt: 'prompts',
};

/** How many components of each type the architecture asks of a module. */
export const EXPECTED_COUNTS: Record<ComponentType, number> = {
  agent: 6,
  model: 5,
  orchestrator: 5,
  workflow: 5,
  config: 4,
  prompt: 6,
};

/** Longest Kubernetes object name that is a valid DNS-1123 label. */
export const DNS_LABEL_MAX = 63;

/** The parts of a component name. */
export interface ComponentNameParts {
  /** Module slug, e.g. `data-ingestion`. */
  module: string;
  type: ComponentType;
  /** e.g. `data-collector`. */
  descriptor: string;
}

/** A problem with a name, as a person can act on it. */
export interface NameProblem {
  code:
    | 'prefix'
    | 'case'
    | 'characters'
    | 'type'
    | 'module'
    | 'descriptor'
    | 'too-long'
    | 'segment';
  message: string;
}

const SEGMENT = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const FOLDER = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

export function isComponentType(value: string): value is ComponentType {
  return (COMPONENT_TYPES as readonly string[]).includes(value);
}

/** `data_ingestion` → `data-ingestion`. */
export function moduleSlugFromFolder(folder: string): string {
  return folder.replace(/_/g, '-');
}

/** `data-ingestion` → `data_ingestion`. */
export function moduleFolderFromSlug(slug: string): string {
  return slug.replace(/-/g, '_');
}

/** `data-ingestion` → `base-data-ingestion`, the module's System and namespace. */
export function moduleEntityName(slug: string): string {
  return `base-${slug}`;
}

/** `data-ingestion` → `base-data-ingestion-model-server`. */
export function modelServerName(slug: string): string {
  return `base-${slug}-model-server`;
}

/** Formats `base-<module>-<type>-<descriptor>`; validates its result. */
export function formatComponentName(parts: ComponentNameParts): string {
  const name = `base-${parts.module}-${parts.type}-${parts.descriptor}`;
  const problems = validateComponentName(name);
  if (problems.length > 0) {
    throw new Error(`Invalid component name "${name}": ${problems[0].message}`);
  }
  return name;
}

/**
 * Problems of a module folder name (snake_case, e.g. `data_ingestion`),
 * including the length of the longest object name it leads to.
 */
export function validateModuleFolder(folder: string): NameProblem[] {
  const problems: NameProblem[] = [];
  if (folder !== folder.toLowerCase()) {
    problems.push({ code: 'case', message: 'use lower case only' });
  }
  if (!FOLDER.test(folder.toLowerCase())) {
    problems.push({
      code: 'characters',
      message:
        'use snake_case: lower-case letters and digits in words joined by "_", starting with a letter (e.g. risk_analytics)',
    });
  }
  return problems;
}

/** Problems of a descriptor (`data-collector`). */
export function validateDescriptor(descriptor: string): NameProblem[] {
  if (descriptor.length === 0) {
    return [{ code: 'descriptor', message: 'the descriptor is empty' }];
  }
  if (!SEGMENT.test(descriptor)) {
    return [
      {
        code: 'descriptor',
        message: `descriptor "${descriptor}" must be lower-case words of letters and digits joined by "-", starting with a letter`,
      },
    ];
  }
  return [];
}

/** Problems of a DNS-1123 label (a Kubernetes object name). */
export function validateDnsLabel(name: string): NameProblem[] {
  const problems: NameProblem[] = [];
  if (name.length > DNS_LABEL_MAX) {
    problems.push({
      code: 'too-long',
      message: `"${name}" is ${name.length} characters; Kubernetes object names are at most ${DNS_LABEL_MAX}`,
    });
  }
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
    problems.push({
      code: 'characters',
      message: `"${name}" is not a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit`,
    });
  }
  return problems;
}

/**
 * Parses `base-<module>-<type>-<descriptor>`. The type is the first segment
 * after `base-<module>` that is a component type; when `knownModules` is
 * given, a known module slug is preferred, so a slug may contain a type word.
 * Returns undefined when the name does not have that shape.
 */
export function parseComponentName(
  name: string,
  knownModules?: Iterable<string>,
): ComponentNameParts | undefined {
  if (!name.startsWith('base-')) return undefined;
  const segments = name.slice('base-'.length).split('-');
  const candidates: ComponentNameParts[] = [];
  for (let i = 1; i < segments.length - 1; i++) {
    if (isComponentType(segments[i])) {
      candidates.push({
        module: segments.slice(0, i).join('-'),
        type: segments[i] as ComponentType,
        descriptor: segments.slice(i + 1).join('-'),
      });
    }
  }
  if (candidates.length === 0) return undefined;
  if (knownModules) {
    const known = new Set(knownModules);
    const match = candidates.find(c => known.has(c.module));
    if (match) return match;
  }
  return candidates[0];
}

/**
 * Every problem of a component name against the convention and the
 * Kubernetes limits; empty when the name is valid.
 */
export function validateComponentName(
  name: string,
  knownModules?: Iterable<string>,
): NameProblem[] {
  const problems: NameProblem[] = [];
  if (name !== name.toLowerCase()) {
    problems.push({ code: 'case', message: 'use lower case only' });
  }
  if (/[^a-zA-Z0-9-]/.test(name)) {
    problems.push({
      code: 'characters',
      message: `"${name}" may hold only letters, digits and "-" (no "_", ".", "/" or spaces)`,
    });
  }
  if (!name.startsWith('base-')) {
    problems.push({ code: 'prefix', message: 'names start with "base-"' });
    return problems;
  }
  const parts = parseComponentName(name.toLowerCase(), knownModules);
  if (!parts) {
    const last = name.split('-').pop() ?? '';
    problems.push(
      isComponentType(last)
        ? { code: 'descriptor', message: 'the descriptor is empty' }
        : {
            code: 'type',
            message: `no component type in "${name}": expected base-<module>-<type>-<descriptor> with type one of ${COMPONENT_TYPES.join(
              ', ',
            )}`,
          },
    );
    return problems;
  }
  if (problems.length > 0) return problems;
  for (const segment of parts.module.split('-')) {
    if (!/^[a-z][a-z0-9]*$/.test(segment)) {
      problems.push({
        code: 'segment',
        message: `module "${parts.module}" must be words of lower-case letters and digits, each starting with a letter`,
      });
      break;
    }
  }
  problems.push(...validateDescriptor(parts.descriptor));
  problems.push(...validateDnsLabel(name).filter(p => p.code === 'too-long'));
  if (/--|-$/.test(name)) {
    problems.push({
      code: 'characters',
      message: `"${name}" has an empty segment or ends with "-"`,
    });
  }
  return problems;
}
