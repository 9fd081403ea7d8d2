import {
  COMPONENT_TYPES,
  ComponentType,
  ConformanceFinding,
  domainOfModule,
  EXPECTED_COUNTS,
  findDomain,
  moduleSlugFromFolder,
  parseComponentName,
  TYPE_FOLDERS,
  validateComponentName,
  validateModuleFolder,
} from '@internal/plugin-base-platform-common';
import { parse as parseYaml } from 'yaml';
import type { PlatformFile } from './discover';

/** A spec file of a module, valid or not, named by the convention. */
export interface ComponentFile {
  name: string;
  type: ComponentType;
  descriptor: string;
  file: string;
  status: 'present' | 'empty' | 'invalid';
  error?: string;
  /** The parsed spec (an empty object unless status is present). */
  spec: Record<string, unknown>;
}

/** A module folder as read from the tree. */
export interface ModuleTree {
  folder: string;
  slug: string;
  title: string;
  description?: string;
  domain: string;
  owner: string;
  lifecycle: string;
  wave: number;
  components: ComponentFile[];
  findings: ConformanceFinding[];
}

/** The platform outside its modules (platform.yaml). */
export interface PlatformDefinition {
  owner: string;
  clusters: Array<{ name: string; description?: string }>;
  nodePools: Array<{ name: string; cluster: string; description?: string }>;
  platformServices: Array<{
    name: string;
    title?: string;
    description?: string;
    namespace?: string;
    path?: string;
  }>;
}

export interface PlatformTree {
  modules: ModuleTree[];
  platform?: PlatformDefinition;
  /** Problems of the tree outside any module. */
  errors: string[];
}

const SPEC_KINDS: Record<ComponentType, string> = {
  agent: 'Agent',
  model: 'Model',
  orchestrator: 'Orchestrator',
  workflow: 'Workflow',
  config: 'Config',
  prompt: 'Prompt',
};
const FOLDER_TYPES = new Map(
  COMPONENT_TYPES.map(t => [TYPE_FOLDERS[t], t] as const),
);
const MODULE_LEVEL_FILES =
  /^(module\.yaml|kustomization\.ya?ml|README.*|\.DS_Store)$/i;

function parseMapping(content: string): Record<string, unknown> {
  const doc = parseYaml(content);
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new Error('is not a YAML mapping');
  }
  return doc as Record<string, unknown>;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

/** Reads one spec file; never throws. */
function readComponentFile(
  file: PlatformFile,
  type: ComponentType,
  name: string,
  descriptor: string,
): ComponentFile {
  const base = { name, type, descriptor, file: file.path, spec: {} };
  const text = file.content.toString('utf8');
  if (text.trim().length === 0) {
    return { ...base, status: 'empty', error: 'the spec file is empty' };
  }
  if (file.path.endsWith('.md')) {
    return {
      ...base,
      status: 'present',
      spec: {
        description: text
          .trim()
          .split('\n')[0]
          .replace(/^#+\s*/, ''),
      },
    };
  }
  try {
    const spec = parseMapping(text);
    if (spec.kind !== SPEC_KINDS[type]) {
      throw new Error(
        `kind is ${JSON.stringify(spec.kind)}, expected ${SPEC_KINDS[type]}`,
      );
    }
    if (spec.descriptor !== undefined && spec.descriptor !== descriptor) {
      throw new Error(
        `descriptor is ${JSON.stringify(
          spec.descriptor,
        )}, the file name says ${descriptor}`,
      );
    }
    return { ...base, status: 'present', spec };
  } catch (error) {
    return { ...base, status: 'invalid', error: errorMessage(error) };
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/** Agents and modules a component's spec names. */
export function specDependencies(spec: Record<string, unknown>): {
  agents: string[];
  modules: string[];
} {
  const deps = (spec.dependsOn ?? {}) as Record<string, unknown>;
  return { agents: stringList(deps.agents), modules: stringList(deps.modules) };
}

function readModule(
  folder: string,
  files: PlatformFile[],
  allSlugs: Set<string>,
): ModuleTree {
  const slug = moduleSlugFromFolder(folder);
  const findings: ConformanceFinding[] = [];
  const architectureDomain = domainOfModule(folder);
  let moduleSpec: Record<string, unknown> = {};
  const moduleFile = files.find(f => f.path === `${folder}/module.yaml`);
  if (!moduleFile) {
    findings.push({
      rule: 'module-file',
      file: `${folder}/module.yaml`,
      message: 'the module has no module.yaml (domain, owner, wave)',
    });
  } else {
    try {
      moduleSpec = parseMapping(moduleFile.content.toString('utf8'));
    } catch (error) {
      findings.push({
        rule: 'module-file',
        file: moduleFile.path,
        message: `module.yaml ${errorMessage(error)}`,
      });
    }
  }
  for (const problem of validateModuleFolder(folder)) {
    findings.push({
      rule: 'naming',
      file: folder,
      message: `module folder: ${problem.message}`,
    });
  }

  const domain =
    findDomain(String(moduleSpec.domain ?? '')) ?? architectureDomain;
  if (
    moduleSpec.domain !== undefined &&
    !findDomain(String(moduleSpec.domain))
  ) {
    findings.push({
      rule: 'module-file',
      file: `${folder}/module.yaml`,
      message: `unknown domain "${moduleSpec.domain}"`,
    });
  }
  const wave = Number(moduleSpec.wave ?? domain?.wave ?? 0);
  if (domain && wave !== domain.wave) {
    findings.push({
      rule: 'wave',
      file: `${folder}/module.yaml`,
      message: `declares sync wave ${wave}, but its domain ${domain.title} syncs in wave ${domain.wave}`,
    });
  }

  const components: ComponentFile[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const rest = file.path.slice(folder.length + 1);
    const parts = rest.split('/');
    if (parts.length === 1) {
      if (!MODULE_LEVEL_FILES.test(parts[0])) {
        findings.push({
          rule: 'unknown-folder',
          file: file.path,
          message: 'a file at the module level that the portal does not read',
        });
      }
      continue;
    }
    // Kubernetes manifests (the module's namespace and Application, each
    // folder's workloads) are read by kustomize, not by the portal
    if (
      parts[0] === 'manifests' ||
      (parts.length === 3 &&
        FOLDER_TYPES.has(parts[0]) &&
        parts[1] === 'manifests')
    ) {
      continue;
    }
    const type = FOLDER_TYPES.get(parts[0]);
    if (!type || parts.length > 2) {
      findings.push({
        rule: 'unknown-folder',
        file: file.path,
        message: `"${parts
          .slice(0, -1)
          .join('/')}" is not a component folder (${[
          ...FOLDER_TYPES.keys(),
        ].join(', ')})`,
      });
      continue;
    }
    const fileName = parts[1];
    if (/^kustomization\.ya?ml$/.test(fileName) || fileName === '.DS_Store')
      continue;
    const match = fileName.match(/^(.*)\.(ya?ml|md)$/);
    const stem = match ? match[1] : fileName;
    const problems = match ? validateComponentName(stem, allSlugs) : [];
    const parsed = parseComponentName(stem, allSlugs);
    let problem: string | undefined;
    if (!match || (match[2] === 'md' && type !== 'prompt')) {
      problem = `not a spec file (.yaml${type === 'prompt' ? ' or .md' : ''})`;
    } else if (problems.length > 0) {
      problem = problems.map(p => p.message).join('; ');
    } else if (parsed?.module !== slug) {
      problem = `names module "${parsed?.module}", but lies in ${folder}`;
    } else if (parsed.type !== type) {
      problem = `is a ${parsed.type}, but lies in ${parts[0]}/`;
    }
    if (problem || !parsed) {
      findings.push({
        rule: 'naming',
        file: file.path,
        message: `breaks base-${slug}-${type}-<descriptor>: ${problem}`,
      });
      continue;
    }
    if (seen.has(stem)) {
      findings.push({
        rule: 'naming',
        file: file.path,
        message: `a second file for ${stem}`,
      });
      continue;
    }
    seen.add(stem);
    const component = readComponentFile(file, type, stem, parsed.descriptor);
    if (component.status !== 'present') {
      findings.push({
        rule: component.status === 'empty' ? 'empty-spec' : 'invalid-spec',
        file: file.path,
        message: component.error!,
      });
    }
    components.push(component);
  }

  for (const type of COMPONENT_TYPES) {
    const count = components.filter(c => c.type === type).length;
    if (count !== EXPECTED_COUNTS[type]) {
      findings.push({
        rule: 'count',
        file: `${folder}/${TYPE_FOLDERS[type]}`,
        message: `${count} ${type}s, the architecture asks for ${EXPECTED_COUNTS[type]}`,
      });
    }
  }

  const agents = new Set(
    components.filter(c => c.type === 'agent').map(c => c.descriptor),
  );
  for (const component of components) {
    const deps = specDependencies(component.spec);
    for (const agent of deps.agents) {
      if (!agents.has(agent)) {
        findings.push({
          rule: 'dependency',
          file: component.file,
          message: `depends on agent "${agent}", which module ${folder} does not have`,
        });
      }
    }
    for (const mod of deps.modules) {
      if (!allSlugs.has(mod)) {
        findings.push({
          rule: 'dependency',
          file: component.file,
          message: `depends on module "${mod}", which does not exist`,
        });
      }
    }
  }

  return {
    folder,
    slug,
    title: typeof moduleSpec.title === 'string' ? moduleSpec.title : folder,
    description:
      typeof moduleSpec.description === 'string'
        ? moduleSpec.description
        : undefined,
    domain: domain?.name ?? 'unassigned',
    owner:
      typeof moduleSpec.owner === 'string'
        ? moduleSpec.owner
        : 'group:default/platform-team',
    lifecycle:
      typeof moduleSpec.lifecycle === 'string'
        ? moduleSpec.lifecycle
        : 'experimental',
    wave,
    components: components.sort((a, b) => a.name.localeCompare(b.name)),
    findings,
  };
}

function readPlatform(
  file: PlatformFile | undefined,
  errors: string[],
): PlatformDefinition | undefined {
  if (!file) return undefined;
  try {
    const spec = parseMapping(file.content.toString('utf8'));
    const list = (v: unknown) => (Array.isArray(v) ? v : []) as any[];
    return {
      owner:
        typeof spec.owner === 'string'
          ? spec.owner
          : 'group:default/platform-team',
      clusters: list(spec.clusters).filter(c => typeof c?.name === 'string'),
      nodePools: list(spec.nodePools).filter(p => typeof p?.name === 'string'),
      platformServices: list(spec.platformServices).filter(
        s => typeof s?.name === 'string',
      ),
    };
  } catch (error) {
    errors.push(`platform.yaml ${errorMessage(error)}`);
    return undefined;
  }
}

/**
 * The platform tree: a folder per module (`<module>/{agents,…}/base-…`) and
 * an optional `platform.yaml`. Pure; bad files become findings, never throws.
 */
export function parsePlatformTree(files: PlatformFile[]): PlatformTree {
  const errors: string[] = [];
  const byModule = new Map<string, PlatformFile[]>();
  for (const file of files) {
    const [top, ...rest] = file.path.split('/');
    if (rest.length === 0 || top.startsWith('.')) continue;
    const list = byModule.get(top);
    if (list) list.push(file);
    else byModule.set(top, [file]);
  }
  const folders = [...byModule.keys()].sort();
  const slugs = new Set(folders.map(moduleSlugFromFolder));
  return {
    modules: folders.map(folder =>
      readModule(folder, byModule.get(folder)!, slugs),
    ),
    platform: readPlatform(
      files.find(f => f.path === 'platform.yaml'),
      errors,
    ),
    errors,
  };
}
