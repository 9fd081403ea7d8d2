import {
  COMPONENT_TYPES,
  ComponentType,
  ConformanceFinding,
  domainOfModule,
  EXPECTED_COUNTS,
  findDomain,
  modelServerName,
  moduleSlugFromFolder,
  parseComponentName,
  PLATFORM_ANNOTATION_DESCRIPTION,
  PLATFORM_ANNOTATION_LIFECYCLE,
  PLATFORM_ANNOTATION_OWNER,
  PLATFORM_ANNOTATION_READ_BY,
  PLATFORM_LABEL_DOMAIN,
  TYPE_FOLDERS,
  validateComponentName,
} from '@internal/plugin-base-platform-common';
import { parse as parseYaml } from 'yaml';
import type { PlatformFile } from '../discover';
import {
  Kustomization,
  lineOf,
  readKustomization,
  SYNC_WAVE,
} from './kustomization';
import { PlatformDefinition, placeWorkload } from './platform';
import { ModuleReferences, readReferences } from './references';
import {
  DeclaredDeployment,
  DeclaredHpa,
  DeclaredService,
  parseThroughput,
  readDeployment,
  readHpa,
  readService,
  toWorkload,
  Workload,
} from './workloads';
import {
  asList,
  asRecord,
  KubeDocument,
  kubeDocuments,
  parseYamlDocuments,
} from './yamlDocuments';

/** A component file of a module, valid or not, named by the convention. */
export interface ComponentFile {
  name: string;
  type: ComponentType;
  descriptor: string;
  file: string;
  status: 'present' | 'empty' | 'invalid';
  error?: string;
  description?: string;
  /** Name of the object the file declares (Deployment, custom resource, ConfigMap). */
  objectName?: string;
  /** Agents: their Deployment; orchestrators: theirs, when the file has one. */
  workload?: Workload;
  /** Agents: the ConfigMaps their file declares beside the Deployment. */
  configMaps?: Array<{ name: string; file: string; line: number }>;
  /** What an orchestrator's or model's custom resource declares for its workload. */
  declared?: {
    replicas?: number;
    min?: number;
    max?: number;
    healthPaths?: string[];
  };
  /** Agents and modules it names (resolved; dangling ones are findings). */
  dependsOn: { agents: string[]; modules: string[] };
  /** Agents that read this config or prompt. */
  readBy: string[];
  /** Agents a workflow runs, in order. */
  steps: string[];
}

/** The module's model server: one per module, deployed when its Deployment exists. */
export interface ModelServer {
  name: string;
  file?: string;
  workload?: Workload;
}

/** Where a module's sync wave is stated, each as found. */
export interface ModuleWaves {
  applicationSet?: number;
  kustomization?: number;
  label?: number;
  namespaceFile?: number;
  domain?: number;
}

/** The Application an ApplicationSet generates for a module. */
export interface ModuleApplication {
  name: string;
  file: string;
  line?: number;
  namespace?: string;
  wave?: number;
  cluster?: string;
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
  /** The wave ArgoCD syncs it in: the ApplicationSet's, else the kustomization's, else the domain's. */
  wave: number;
  waves: ModuleWaves;
  namespace: string;
  application?: ModuleApplication;
  components: ComponentFile[];
  modelServer: ModelServer;
  findings: ConformanceFinding[];
  /** The module's own README (path in the tree), when it has one with text: its TechDocs. */
  readme?: string;
}

/** What a module is read against. */
export interface ModuleContext {
  slugs: ReadonlySet<string>;
  platform: PlatformDefinition;
  applications: ReadonlyMap<string, ModuleApplication>;
}

const CR_KINDS: Partial<Record<ComponentType, string>> = {
  model: 'Model',
  orchestrator: 'Orchestrator',
  workflow: 'Workflow',
  config: 'Config',
};
const MODULE_LEVEL_KNOWN =
  /^(kustomization\.ya?ml|namespace\.ya?ml|base-crds\.ya?ml|README(\..*)?)$/i;
const STRAY = /(^|\/)(\.DS_Store|__pycache__\/.*|.*\.pyc|Thumbs\.db)$/;
const DESCRIPTION_KEYS = [
  PLATFORM_ANNOTATION_DESCRIPTION,
  'description',
  'module.description',
];

const num = (v: unknown) => {
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

function isUtf8(buffer: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return true;
  } catch {
    return false;
  }
}

function firstLine(text: string): string | undefined {
  const line = text
    .split('\n')
    .map(l => l.trim())
    .find(l => l.length > 0);
  return line?.replace(/^#+\s*/, '') || undefined;
}

/** A parsed file of the module with its Kubernetes objects. */
interface ParsedFile {
  file: PlatformFile;
  text: string;
  docs: KubeDocument[];
  values: unknown[];
  error?: { message: string; line?: number };
}

function parseFile(file: PlatformFile): ParsedFile {
  const text = file.content.toString('utf8');
  const { documents, error } = parseYamlDocuments(text);
  return {
    file,
    text,
    docs: kubeDocuments(documents),
    values: documents.map(d => d.value),
    error: error ? { message: error.message, line: error.line } : undefined,
  };
}

/** The file line of an error in embedded YAML that starts after the line of its key. */
function embeddedLine(
  keyLine: number,
  errorLine: number | undefined,
  docLine: number,
): number {
  if (keyLine < 0) return docLine;
  return keyLine + 1 + (errorLine ?? 0);
}

/** The embedded YAML of a ConfigMap's data values, parsed a second time. */
function embeddedConfigs(
  doc: KubeDocument,
  file: string,
  text: string,
  findings: ConformanceFinding[],
): unknown[] {
  const out: unknown[] = [];
  for (const [key, value] of Object.entries(asRecord(doc.body.data) ?? {})) {
    if (typeof value !== 'string' || !/\.ya?ml$/.test(key)) continue;
    try {
      out.push(parseYaml(value));
    } catch (error) {
      const e = error as {
        message?: string;
        linePos?: Array<{ line: number }>;
      };
      const keyLine = text
        .split('\n')
        .findIndex(l => l.trim().startsWith(`${key}:`));
      findings.push({
        rule: 'invalid-spec',
        severity: 'error',
        file,
        line: embeddedLine(keyLine, e.linePos?.[0]?.line, doc.line),
        message: `the embedded ${key} of ConfigMap ${
          doc.name
        } is invalid YAML: ${String(e.message ?? error).split('\n')[0]}`,
      });
    }
  }
  return out;
}

function descriptionOf(doc: KubeDocument | undefined): string | undefined {
  if (!doc) return undefined;
  for (const key of DESCRIPTION_KEYS)
    if (doc.annotations[key]) return doc.annotations[key];
  const spec = asRecord(doc.body.spec);
  return typeof spec?.description === 'string' ? spec.description : undefined;
}

/** Whether every pair of the selector is in the labels. */
const selects = (
  selector: Record<string, string>,
  labels: Record<string, string>,
) =>
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/**
 * Reads one module folder in the real repository's shapes (reference
 * SHAPES.md §2–6). Pure; bad files become findings, never throws.
 */
export function readModule(
  folder: string,
  files: PlatformFile[],
  ctx: ModuleContext,
): ModuleTree {
  const slug = moduleSlugFromFolder(folder);
  const namespaceDefault = `base-${slug}`;
  const findings: ConformanceFinding[] = [];
  const add = (f: ConformanceFinding) =>
    findings.push({ severity: 'warning', ...f });
  const byPath = new Map(files.map(f => [f.path, f]));
  const parsed = new Map<string, ParsedFile>();
  const parse = (path: string) => {
    let p = parsed.get(path);
    if (!p) {
      const file = byPath.get(path);
      if (!file) return undefined;
      p = parseFile(file);
      parsed.set(path, p);
    }
    return p;
  };

  // -------- kustomizations
  const kustomizations = new Map<string, Kustomization>();
  const readKustomizationAt = (dir: string): Kustomization | undefined => {
    const path = [`${dir}/kustomization.yaml`, `${dir}/kustomization.yml`].find(
      p => byPath.has(p),
    );
    if (!path) return undefined;
    const p = parse(path)!;
    if (p.error) {
      add({
        rule: 'kustomize',
        severity: 'error',
        file: path,
        line: p.error.line,
        message: `kubectl kustomize would fail: ${p.error.message}`,
      });
      return undefined;
    }
    const k = readKustomization(path, p.values[0], p.text);
    kustomizations.set(dir, k);
    return k;
  };
  const moduleKustomization = readKustomizationAt(folder);

  // -------- files by place
  const componentFiles: Array<{
    file: PlatformFile;
    type: ComponentType;
    dir: string;
  }> = [];
  const moduleLevel: PlatformFile[] = [];
  for (const file of files) {
    const rest = file.path.slice(folder.length + 1);
    const parts = rest.split('/');
    if (parts[0] === 'testing') continue; // test harness of the module, never deployed
    if (STRAY.test(rest)) {
      add({
        rule: 'stray-file',
        file: file.path,
        message:
          'a file that does not belong in the repository (editor, OS or build output)',
      });
      continue;
    }
    if (parts.length === 1) {
      moduleLevel.push(file);
      continue;
    }
    const type = COMPONENT_TYPES.find(t => TYPE_FOLDERS[t] === parts[0]);
    if (!type || parts.length > 2) {
      add({
        rule: 'unknown-folder',
        file: file.path,
        message: `"${parts
          .slice(0, -1)
          .join('/')}" is not a component folder (${COMPONENT_TYPES.map(
          t => TYPE_FOLDERS[t],
        ).join(', ')}, testing)`,
      });
      continue;
    }
    if (/^kustomization\.ya?ml$/.test(parts[1])) continue;
    componentFiles.push({ file, type, dir: `${folder}/${parts[0]}` });
  }
  for (const t of COMPONENT_TYPES)
    readKustomizationAt(`${folder}/${TYPE_FOLDERS[t]}`);
  const listedAtModule = new Set(moduleKustomization?.resources ?? []);
  for (const file of moduleLevel) {
    const name = file.path.slice(folder.length + 1);
    if (MODULE_LEVEL_KNOWN.test(name) || listedAtModule.has(name)) continue;
    add({
      rule: 'unknown-folder',
      file: file.path,
      message:
        'a file at the module level that its kustomization does not list and the portal does not read',
    });
  }

  // -------- every Service and HPA of the module, for matching
  const services: DeclaredService[] = [];
  const hpas: DeclaredHpa[] = [];
  const deploymentsAtModuleLevel: DeclaredDeployment[] = [];
  const collect = (p: ParsedFile) => {
    for (const doc of p.docs) {
      if (doc.kind === 'Service') services.push(readService(doc, p.file.path));
      if (doc.kind === 'HorizontalPodAutoscaler') {
        const hpa = readHpa(doc, p.file.path);
        if (hpa) hpas.push(hpa);
      }
    }
  };
  for (const file of moduleLevel) {
    if (!/\.ya?ml$/.test(file.path) || /kustomization\.ya?ml$/.test(file.path))
      continue;
    const p = parse(file.path)!;
    collect(p);
    for (const doc of p.docs)
      if (doc.kind === 'Deployment')
        deploymentsAtModuleLevel.push(readDeployment(doc, file.path));
  }

  // -------- component files
  const components: ComponentFile[] = [];
  const seen = new Set<string>();
  const pendingRefs: Array<{
    component: ComponentFile;
    refs: ModuleReferences;
  }> = [];
  const deploymentOf = new Map<ComponentFile, DeclaredDeployment>();
  for (const { file, type, dir } of componentFiles) {
    const fileName = file.path.slice(dir.length + 1);
    if (/readme/i.test(fileName) && fileName.endsWith('.md')) {
      add({
        rule: 'stray-file',
        file: file.path,
        message:
          'a README inside a component folder: kustomize ignores it, the convention has no place for it (move it to the module README)',
      });
      continue;
    }
    const match = fileName.match(/^(.*)\.(ya?ml|md)$/);
    const stem = match ? match[1] : fileName;
    const problems = match ? validateComponentName(stem, ctx.slugs) : [];
    const name = parseComponentName(stem, ctx.slugs);
    let problem: string | undefined;
    if (!match || (match[2] === 'md' && type !== 'prompt')) {
      problem = `not a spec file (.yaml${type === 'prompt' ? ' or .md' : ''})`;
    } else if (problems.length > 0) {
      problem = problems.map(p => p.message).join('; ');
    } else if (name?.module !== slug) {
      problem = `names module "${name?.module}", but lies in ${folder}`;
    } else if (name.type !== type) {
      problem = `is a ${name.type}, but lies in ${TYPE_FOLDERS[type]}/`;
    }
    if (problem || !name) {
      add({
        rule: 'naming',
        file: file.path,
        message: `breaks base-${slug}-${type}-<descriptor>: ${problem}`,
      });
      continue;
    }
    if (seen.has(stem)) {
      add({
        rule: 'naming',
        file: file.path,
        message: `a second file for ${stem}`,
      });
      continue;
    }
    seen.add(stem);
    const component: ComponentFile = {
      name: stem,
      type,
      descriptor: name.descriptor,
      file: file.path,
      status: 'present',
      dependsOn: { agents: [], modules: [] },
      readBy: [],
      steps: [],
    };
    components.push(component);
    const invalid = (
      message: string,
      line?: number,
      severity: 'error' | 'warning' = 'error',
    ) => {
      component.status = 'invalid';
      component.error = message;
      add({ rule: 'invalid-spec', severity, file: file.path, line, message });
    };
    if (
      file.content.length === 0 ||
      file.content.toString('utf8').trim() === ''
    ) {
      component.status = 'empty';
      component.error = 'the file is empty';
      add({
        rule: 'empty-spec',
        file: file.path,
        message: `${stem} is empty (0 B): nothing is deployed for it`,
      });
      continue;
    }
    if (!isUtf8(file.content)) {
      invalid('the file is not UTF-8 text');
      continue;
    }
    if (match![2] === 'md') {
      component.description = firstLine(file.content.toString('utf8'));
      continue;
    }
    const p = parse(file.path)!;
    if (p.error) {
      invalid(`invalid YAML: ${p.error.message}`, p.error.line);
      continue;
    }
    collect(p);
    const kinds = p.docs.map(d => d.kind);
    const configs = p.docs
      .filter(d => d.kind === 'ConfigMap' || d.kind === 'Secret')
      .flatMap(d => [
        ...embeddedConfigs(d, file.path, p.text, findings),
        ...(d.kind === 'Secret' ? [asRecord(d.body.stringData)] : []),
      ]);
    if (type === 'agent') {
      const doc = p.docs.find(d => d.kind === 'Deployment');
      if (!doc) {
        invalid(
          `an agent file needs a Deployment document (it has ${
            kinds.join(', ') || 'none'
          })`,
        );
        continue;
      }
      const deployment = readDeployment(doc, file.path);
      deploymentOf.set(component, deployment);
      component.objectName = deployment.name;
      component.configMaps = p.docs
        .filter(d => d.kind === 'ConfigMap')
        .map(d => ({ name: d.name, file: file.path, line: d.line }));
      component.description = descriptionOf(doc);
      pendingRefs.push({
        component,
        refs: readReferences([deployment.env, ...configs]),
      });
    } else if (type === 'prompt') {
      const doc = p.docs.find(d => d.kind === 'ConfigMap');
      if (!doc) {
        invalid(
          `a prompt file needs a ConfigMap document (it has ${
            kinds.join(', ') || 'none'
          })`,
        );
        continue;
      }
      component.objectName = doc.name;
      component.description = descriptionOf(doc);
      const agent = doc.labels['prompt.agent'];
      if (agent) component.readBy.push(agent);
    } else {
      const kind = CR_KINDS[type]!;
      const doc = p.docs.find(d => d.kind === kind);
      if (!doc) {
        invalid(
          `a ${type} file needs a ${kind} document (apiVersion base.io/v1; it has ${
            kinds.join(', ') || 'none'
          })`,
        );
        continue;
      }
      component.objectName = doc.name;
      component.description = descriptionOf(doc);
      const spec = asRecord(doc.body.spec) ?? {};
      if (type === 'orchestrator') {
        const resources = asRecord(spec.resources);
        const scaling = asRecord(resources?.auto_scaling);
        const checks =
          asRecord(asRecord(spec.observability)?.health_checks) ?? {};
        const paths = Object.values(checks)
          .map(c => asRecord(c)?.endpoint)
          .filter((e): e is string => typeof e === 'string');
        component.declared = {
          replicas: num(asRecord(resources?.deployment)?.replicas),
          min: num(scaling?.min_replicas),
          max: num(scaling?.max_replicas),
          healthPaths: paths.length > 0 ? paths : undefined,
        };
        const managed = asList(
          asRecord(asRecord(spec.coordination)?.agent_coordination)
            ?.managed_agents,
        );
        const dep = p.docs.find(
          d =>
            d.kind === 'Deployment' && (d.name === doc.name || d.name === stem),
        );
        if (dep) deploymentOf.set(component, readDeployment(dep, file.path));
        pendingRefs.push({
          component,
          refs: readReferences([spec], {
            agents: managed
              .map(m => asRecord(m))
              .filter(
                (m): m is Record<string, any> => typeof m?.name === 'string',
              )
              .map(m => ({
                name: m.name,
                endpoint:
                  typeof m.coordination_endpoint === 'string'
                    ? m.coordination_endpoint
                    : undefined,
              })),
          }),
        });
      } else if (type === 'model') {
        const deployment = asRecord(spec.deployment);
        component.declared = { replicas: num(deployment?.replicas) };
        pendingRefs.push({ component, refs: readReferences([spec]) });
      } else if (type === 'workflow') {
        const steps = asList(spec.steps).map(asRecord);
        pendingRefs.push({
          component,
          refs: readReferences([asRecord(spec.dependencies)], {
            agents: steps
              .filter(
                (s): s is Record<string, any> =>
                  typeof s?.agent === 'string' && s.agent !== 'external',
              )
              .map(s => ({ name: s.agent, step: true })),
          }),
        });
      } else if (type === 'config') {
        const readers = doc.annotations[PLATFORM_ANNOTATION_READ_BY];
        if (readers)
          component.readBy.push(
            ...readers
              .split(',')
              .map(s => s.trim())
              .filter(Boolean),
          );
        pendingRefs.push({ component, refs: readReferences([spec]) });
      }
    }
  }

  // -------- workloads: Deployment + the Service that selects its raw pods + its HPA
  const ownServiceOf = (d: DeclaredDeployment) =>
    services.find(s => s.file === d.file && selects(s.selector, d.podLabels)) ??
    services.find(s => selects(s.selector, d.podLabels));
  for (const [component, deployment] of deploymentOf) {
    const hpa = hpas.find(h => h.target === deployment.name);
    const configTarget =
      component.type === 'agent'
        ? targetOf(deployment, parsed.get(component.file)?.text)
        : undefined;
    component.workload = toWorkload(
      deployment,
      ownServiceOf(deployment),
      hpa,
      configTarget,
    );
  }
  const serverName = modelServerName(slug);
  const serverDeployment = deploymentsAtModuleLevel.find(
    d => d.name === serverName,
  );
  const modelServer: ModelServer = serverDeployment
    ? {
        name: serverName,
        file: serverDeployment.file,
        workload: toWorkload(
          serverDeployment,
          ownServiceOf(serverDeployment),
          hpas.find(h => h.target === serverName),
        ),
      }
    : { name: serverName };

  // -------- references, resolved against this module's agents and Services
  const agents = new Map(
    components.filter(c => c.type === 'agent').map(c => [c.descriptor, c]),
  );
  const agentOfService = new Map<string, string>();
  for (const c of agents.values()) {
    if (c.workload?.service)
      agentOfService.set(c.workload.service.name, c.descriptor);
  }
  const moduleServices = new Set(services.map(s => s.name));
  const namespaces = new Map([...ctx.slugs].map(s => [`base-${s}`, s]));
  const agentByShort = (short: string) =>
    agents.has(short)
      ? short
      : [...agents.keys()].find(d => d.endsWith(`-${short}`) || d === short);
  for (const { component, refs } of pendingRefs) {
    const dangling = (what: string) =>
      add({
        rule: 'dependency',
        file: component.file,
        message: `${component.name} ${what}`,
      });
    for (const a of refs.agents) {
      const resolved = agentByShort(a.name);
      if (!resolved) {
        dangling(
          `names agent "${a.name}"${
            a.step ? ' as a workflow step' : ''
          }, which module ${folder} does not have`,
        );
        continue;
      }
      if (a.endpoint) {
        const host = a.endpoint.replace(/^\w+:\/\//, '').split(/[:/]/)[0];
        if (!moduleServices.has(host.split('.')[0]))
          dangling(
            `reaches agent ${a.name} at ${a.endpoint}, but no Service "${host}" exists in ${folder}`,
          );
      }
      const list = a.step ? component.steps : component.dependsOn.agents;
      if (!list.includes(resolved)) list.push(resolved);
    }
    for (const url of refs.urls) {
      const [short, ns] = url.host.split('.');
      if (ns && namespaces.has(ns) && ns !== namespaceDefault) {
        const m = namespaces.get(ns)!;
        if (!component.dependsOn.modules.includes(m))
          component.dependsOn.modules.push(m);
        continue;
      }
      const agent = agentOfService.get(short);
      if (agent) {
        if (
          agent !== component.descriptor &&
          !component.dependsOn.agents.includes(agent)
        )
          component.dependsOn.agents.push(agent);
        continue;
      }
      if (moduleServices.has(short) || short === serverName) continue;
      dangling(
        `calls ${url.raw} (${url.key}), but no Service "${short}" exists in ${
          ns ?? folder
        }`,
      );
    }
    for (const logical of refs.logicalServices) {
      const m = logical.value.replace(/^base-/, '');
      if (ctx.slugs.has(m)) {
        if (m !== slug && !component.dependsOn.modules.includes(m))
          component.dependsOn.modules.push(m);
      } else {
        dangling(
          `names service "${logical.value}" (${logical.key}), which is no module of the platform`,
        );
      }
    }
  }
  for (const c of components) {
    if (c.type !== 'prompt' && c.type !== 'config') continue;
    c.readBy = c.readBy.flatMap(r => {
      const a = agentByShort(r);
      if (!a) {
        add({
          rule: 'dependency',
          file: c.file,
          message: `${c.name} is for agent "${r}", which module ${folder} does not have`,
        });
        return [];
      }
      return [a];
    });
    if (
      c.type === 'prompt' &&
      c.readBy.length === 0 &&
      c.file.endsWith('.md')
    ) {
      const a = agentByShort(c.descriptor.replace(/-configmap$/, ''));
      if (a) c.readBy.push(a);
    }
  }

  // -------- files the folders' kustomizations do not list, and listed files that do not exist
  for (const [dir, k] of kustomizations) {
    for (const r of k.resources) {
      const target = normalise(`${dir}/${r}`);
      const isDir = files.some(f => f.path.startsWith(`${target}/`));
      if (!byPath.has(target) && !isDir && !/^https?:/.test(r))
        add({
          rule: 'kustomize',
          severity: 'error',
          file: k.file,
          message: `kubectl kustomize would fail: resource "${r}" does not exist`,
        });
      const p =
        byPath.has(target) && /\.ya?ml$/.test(target)
          ? parse(target)
          : undefined;
      if (p?.error)
        add({
          rule: 'kustomize',
          severity: 'error',
          file: target,
          line: p.error.line,
          message: `kubectl kustomize would fail: MalformedYAMLError: ${p.error.message} (listed by ${k.file})`,
        });
      else if (p && p.values.some(v => !p.docs.some(d => d.body === v)))
        add({
          rule: 'kustomize',
          severity: 'error',
          file: target,
          message: `kubectl kustomize would fail: a document has no apiVersion/kind/metadata.name (missing Resource metadata)`,
        });
    }
    for (const e of k.buildErrors)
      add({
        rule: 'kustomize',
        severity: 'error',
        file: k.file,
        line: e.line,
        message: `kubectl kustomize would fail: ${e.message}`,
      });
    if (dir === folder) continue;
    const listed = new Set(k.resources.map(r => normalise(`${dir}/${r}`)));
    for (const c of components) {
      if (
        c.file.startsWith(`${dir}/`) &&
        !listed.has(c.file) &&
        c.status !== 'empty' &&
        !c.file.endsWith('.md')
      )
        add({
          rule: 'kustomize',
          file: c.file,
          message: `${k.file} does not list it, so it is never deployed`,
        });
    }
  }

  // -------- counts
  for (const type of COMPONENT_TYPES) {
    const count = components.filter(c => c.type === type).length;
    if (count !== EXPECTED_COUNTS[type])
      add({
        rule: 'count',
        file: `${folder}/${TYPE_FOLDERS[type]}`,
        message: `${count} ${type}s, the architecture asks for ${EXPECTED_COUNTS[type]}`,
      });
  }

  // -------- domain, owner, waves, Application
  const own = moduleKustomization?.ownAnnotations ?? {};
  const common = moduleKustomization?.commonAnnotations ?? {};
  const domain =
    findDomain(own[PLATFORM_LABEL_DOMAIN] ?? '') ?? domainOfModule(folder);
  if (own[PLATFORM_LABEL_DOMAIN] && !findDomain(own[PLATFORM_LABEL_DOMAIN]))
    add({
      rule: 'module-file',
      file: moduleKustomization?.file,
      message: `unknown domain "${own[PLATFORM_LABEL_DOMAIN]}"`,
    });
  const application = ctx.applications.get(folder);
  const namespaceFile = moduleLevel.find(f =>
    /^namespace\.ya?ml$/.test(f.path.slice(folder.length + 1)),
  );
  const nsDoc = namespaceFile
    ? parse(namespaceFile.path)?.docs.find(d => d.kind === 'Namespace')
    : undefined;
  const waves: ModuleWaves = {
    applicationSet: application?.wave,
    kustomization: num(common[SYNC_WAVE] ?? own[SYNC_WAVE]),
    label: num(moduleKustomization?.labels['deployment.wave']),
    namespaceFile: num(
      nsDoc?.annotations[SYNC_WAVE] ?? nsDoc?.labels['deployment.wave'],
    ),
    domain: domain?.wave,
  };
  const wave = waves.applicationSet ?? waves.kustomization ?? waves.domain ?? 0;
  const stated: Array<[string, number | undefined]> = [
    ['ApplicationSet', waves.applicationSet],
    ['kustomization sync-wave', waves.kustomization],
    ['kustomization deployment.wave label', waves.label],
    [`domain ${domain?.title ?? ''}`.trim(), waves.domain],
  ];
  if (new Set(stated.map(s => s[1]).filter(v => v !== undefined)).size > 1) {
    add({
      rule: 'wave',
      file: moduleKustomization?.file ?? `${folder}/kustomization.yaml`,
      line: moduleKustomization
        ? lineOf(parse(moduleKustomization.file)?.text, SYNC_WAVE)
        : undefined,
      message: `sync waves disagree: ${stated
        .filter(s => s[1] !== undefined)
        .map(([where, v]) => `${where} ${v}`)
        .join(', ')}`,
    });
  }
  if (!application)
    add({
      rule: 'application',
      file: moduleKustomization?.file ?? folder,
      message: `no ArgoCD ApplicationSet generates an Application for ${folder}, so ArgoCD never deploys it`,
    });
  if (!moduleKustomization)
    add({
      rule: 'module-file',
      severity: 'error',
      file: `${folder}/kustomization.yaml`,
      message: 'the module has no readable kustomization.yaml',
    });

  // -------- placement: can each workload's pods be scheduled?
  const cluster = ctx.platform.moduleCluster;
  const workloads: Array<{ file: string; workload: Workload }> = [
    ...components
      .filter(c => c.workload)
      .map(c => ({ file: c.file, workload: c.workload! })),
    ...(modelServer.workload
      ? [{ file: modelServer.file!, workload: modelServer.workload }]
      : []),
  ];
  if (ctx.platform.nodeSources.some(s => s.cluster === cluster)) {
    for (const { file, workload } of workloads) {
      const d = workload.deployment;
      const verdict = placeWorkload(
        ctx.platform.nodeSources,
        cluster,
        d.nodeSelector,
        d.tolerations,
      );
      if (verdict.reason)
        add({
          rule: 'placement',
          severity: verdict.reason.kind === 'selector' ? 'error' : 'warning',
          file,
          line: d.line,
          message: `pods of ${d.name} stay Pending: ${verdict.reason.message}`,
        });
    }
  }

  // -------- selectors as built: kustomize's labels with includeSelectors reach every selector
  const applied = moduleKustomization?.labelsInSelectors
    ? moduleKustomization.labels
    : {};
  for (const { file, workload } of workloads) {
    const svc = workload.service;
    if (!svc) continue;
    const selector = { ...svc.selector, ...applied };
    const others = workloads
      .filter(w => w.workload !== workload)
      .filter(w =>
        selects(selector, { ...w.workload.deployment.podLabels, ...applied }),
      )
      .map(w => w.workload.deployment.name);
    if (others.length > 0)
      add({
        rule: 'selector',
        file: svc.file ?? file,
        line: svc.line,
        message: `Service ${svc.name} ${
          Object.keys(applied).length > 0
            ? `(after the kustomization's includeSelectors labels) `
            : ''
        }also selects the pods of ${others.length} other workload(s): ${others
          .slice(0, 3)
          .join(', ')}${others.length > 3 ? ', …' : ''}`,
      });
  }

  const title = folder
    .split('_')
    .map(w => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  const domainName = domain?.name ?? 'unassigned';
  return {
    folder,
    slug,
    title,
    description: common['module.description'] ?? own['module.description'],
    domain: domainName,
    owner:
      own[PLATFORM_ANNOTATION_OWNER] ??
      ctx.platform.ownersByDomain[domainName] ??
      ctx.platform.owner,
    lifecycle: own[PLATFORM_ANNOTATION_LIFECYCLE] ?? 'experimental',
    wave,
    waves,
    namespace: moduleKustomization?.namespace ?? namespaceDefault,
    application,
    components: components.sort((a, b) => a.name.localeCompare(b.name)),
    modelServer,
    findings,
    readme: moduleLevel.find(
      f =>
        /^readme\.md$/i.test(f.path.slice(folder.length + 1)) &&
        f.content.toString('utf8').trim() !== '',
    )?.path,
  };
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\/+$/, '').split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** An agent's throughput target: env THROUGHPUT_TARGET, else `throughput_target` in its config. */
function targetOf(
  deployment: DeclaredDeployment,
  text: string | undefined,
): number | undefined {
  if (deployment.env.THROUGHPUT_TARGET !== undefined)
    return parseThroughput(deployment.env.THROUGHPUT_TARGET);
  const match = (text ?? '').match(
    /throughput_target:\s*["']?([\d.]+\s*[GMT]B\/\w+)/i,
  );
  return match ? parseThroughput(match[1]) : undefined;
}
