import { findDomain } from './domains';
import {
  COMPONENT_TYPES,
  ComponentType,
  EXPECTED_COUNTS,
  moduleSlugFromFolder,
  TYPE_FOLDERS,
  validateComponentName,
  validateDescriptor,
  validateDnsLabel,
  validateModuleFolder,
} from './naming';

/** What the "New BASE module" template asks for. */
export interface ModuleRequest {
  /** The module folder, snake_case: `risk_analytics`. */
  moduleName: string;
  /** A Domain entity name, e.g. `processing-analytics`. */
  domain: string;
  /** An entity ref of the owning Group. */
  owner: string;
  description?: string;
  /** Descriptors per component type. */
  components: Record<ComponentType, string[]>;
  /** Agents that ingest data (get the ingestion metric contract). */
  ingestionAgents?: string[];
  /**
   * The documented override for more components of a type than the
   * architecture's 6/5/5/5/4/6 (up to {@link MAX_COMPONENTS_PER_TYPE}).
   */
  allowMoreComponents?: boolean;
}

/** The most components of one type a module may have, even with the override. */
export const MAX_COMPONENTS_PER_TYPE = 20;

/** One problem with a request, naming the field it is about. */
export interface RequestProblem {
  field: string;
  message: string;
}

/** The standard components of a new module: 6 agents, 5 models, 5 orchestrators, 5 workflows, 4 configs, 6 prompts. */
export const DEFAULT_DESCRIPTORS: Record<ComponentType, string[]> = {
  agent: [
    'collector',
    'validator',
    'transformer',
    'enricher',
    'publisher',
    'monitor',
  ],
  model: [
    'classifier',
    'forecaster',
    'anomaly-detector',
    'optimizer',
    'recommender',
  ],
  orchestrator: [
    'batch-manager',
    'stream-manager',
    'workflow-manager',
    'quality-manager',
    'resource-manager',
  ],
  workflow: ['standard', 'realtime', 'batch', 'recovery', 'audit'],
  config: ['policies', 'source-mappings', 'thresholds', 'schedules'],
  prompt: [
    'collector-configmap',
    'validator-configmap',
    'transformer-configmap',
    'enricher-configmap',
    'publisher-configmap',
    'monitor-configmap',
  ],
};

/** Fills what a caller of the scaffolder API left out with the defaults. */
export function withDefaults(
  request: Omit<Partial<ModuleRequest>, 'components'> &
    Pick<ModuleRequest, 'moduleName' | 'domain' | 'owner'> & {
      components?: Partial<Record<ComponentType, string[] | undefined>>;
    },
): ModuleRequest {
  const components = {} as Record<ComponentType, string[]>;
  for (const type of COMPONENT_TYPES) {
    components[type] = request.components?.[type] ?? DEFAULT_DESCRIPTORS[type];
  }
  return {
    ...request,
    description:
      request.description ??
      `The ${request.moduleName} module of the BASE App Layer.`,
    components,
    ingestionAgents: request.ingestionAgents ?? [],
  };
}

const PATH_TRICK = /(^\/)|(\.\.)|[/\\]/;
const ENTITY_REF = /^(group:)?([a-z0-9][-a-z0-9]*\/)?[a-z0-9][-a-z0-9_.]*$/i;

/** Problems of one descriptor list: each descriptor, its object name, duplicates. */
function descriptorProblems(
  slug: string,
  type: ComponentType,
  descriptors: string[],
): RequestProblem[] {
  const field = `components.${TYPE_FOLDERS[type]}`;
  const problems: RequestProblem[] = [];
  const seen = new Set<string>();
  for (const descriptor of descriptors) {
    if (PATH_TRICK.test(descriptor)) {
      problems.push({
        field,
        message: `"${descriptor}" must not contain "/", "\\" or ".."`,
      });
      continue;
    }
    const own = validateDescriptor(descriptor);
    if (own.length > 0) {
      problems.push(...own.map(p => ({ field, message: p.message })));
      continue;
    }
    if (seen.has(descriptor)) {
      problems.push({
        field,
        message: `duplicate ${type} descriptor "${descriptor}"`,
      });
    }
    seen.add(descriptor);
    const name = `base-${slug}-${type}-${descriptor}`;
    for (const p of validateComponentName(name)) {
      if (p.code === 'too-long') problems.push({ field, message: p.message });
    }
  }
  return problems;
}

/**
 * Every problem of a new-module request, checked the same way in the form and
 * on the server: the folder name, every Kubernetes object name it leads to
 * (at most 63 characters), the domain, the owner, the descriptors (valid,
 * unique, no path tricks). Empty when the request is valid.
 */
export function validateModuleRequest(
  request: ModuleRequest,
): RequestProblem[] {
  const problems: RequestProblem[] = [];
  const name = request.moduleName ?? '';
  if (PATH_TRICK.test(name)) {
    problems.push({
      field: 'moduleName',
      message: `"${name}" must not contain "/", "\\" or ".." (it becomes a folder of the platform tree)`,
    });
  }
  if (/\s/.test(name)) {
    problems.push({
      field: 'moduleName',
      message: `"${name}" contains a space`,
    });
  }
  if (name.includes('-')) {
    problems.push({
      field: 'moduleName',
      message: `"${name}" contains "-": module folders use "_" (e.g. risk_analytics)`,
    });
  }
  problems.push(
    ...validateModuleFolder(name).map(p => ({
      field: 'moduleName',
      message: p.message,
    })),
  );
  if (problems.length > 0) return dedupe(problems);

  const slug = moduleSlugFromFolder(name);
  for (const object of [`base-${slug}`, `base-${slug}-model-server`]) {
    problems.push(
      ...validateDnsLabel(object).map(p => ({
        field: 'moduleName',
        message: p.message,
      })),
    );
  }
  if (!findDomain(request.domain)) {
    problems.push({
      field: 'domain',
      message: `"${request.domain}" is not a BASE domain (data-foundation, processing-analytics, orchestration-management, distribution-control)`,
    });
  }
  if (!ENTITY_REF.test(request.owner ?? '')) {
    problems.push({
      field: 'owner',
      message: `"${request.owner}" is not a Group entity ref such as group:default/platform-team`,
    });
  }
  for (const type of COMPONENT_TYPES) {
    const descriptors = request.components[type] ?? [];
    problems.push(...descriptorProblems(slug, type, descriptors));
    const field = `components.${TYPE_FOLDERS[type]}`;
    const allowed = request.allowMoreComponents
      ? MAX_COMPONENTS_PER_TYPE
      : EXPECTED_COUNTS[type];
    if (descriptors.length > allowed) {
      problems.push({
        field,
        message: request.allowMoreComponents
          ? `${descriptors.length} ${type}s: at most ${MAX_COMPONENTS_PER_TYPE} even with allowMoreComponents`
          : `${descriptors.length} ${type}s: the architecture allows ${EXPECTED_COUNTS[type]} (set allowMoreComponents to go up to ${MAX_COMPONENTS_PER_TYPE})`,
      });
    }
  }
  if ((request.components.agent ?? []).length === 0) {
    problems.push({
      field: 'components.agents',
      message: 'a module needs at least one agent: its services are its agents',
    });
  }
  for (const agent of request.ingestionAgents ?? []) {
    if (!request.components.agent.includes(agent)) {
      problems.push({
        field: 'ingestionAgents',
        message: `"${agent}" is not one of the module's agents`,
      });
    }
  }
  return dedupe(problems);
}

/** Problems of adding one component to an existing module (slug) that has `existing` descriptors of its type. */
export function validateComponentRequest(request: {
  moduleSlug: string;
  componentType: string;
  descriptor: string;
  existing: string[];
}): RequestProblem[] {
  if (!(COMPONENT_TYPES as readonly string[]).includes(request.componentType)) {
    return [
      {
        field: 'componentType',
        message: `"${
          request.componentType
        }" is not a component type (${COMPONENT_TYPES.join(', ')})`,
      },
    ];
  }
  const type = request.componentType as ComponentType;
  const problems = descriptorProblems(request.moduleSlug, type, [
    request.descriptor,
  ]).map(p => ({ ...p, field: 'descriptor' }));
  if (request.existing.includes(request.descriptor)) {
    problems.push({
      field: 'descriptor',
      message: `base-${request.moduleSlug}-${type}-${request.descriptor} already exists`,
    });
  }
  return problems;
}

function dedupe(problems: RequestProblem[]): RequestProblem[] {
  const seen = new Set<string>();
  return problems.filter(p => {
    const key = `${p.field}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Events topic: the platform tree changed (the dev publisher wrote to it); the catalog provider reads it again. */
export const BASE_PLATFORM_CHANGED_TOPIC = 'base-platform.changed';
