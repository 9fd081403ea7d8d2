/**
 * The platform outside its modules, read from the files the real repository
 * keeps it in (reference SHAPES §8–9): the Karpenter NodePools of the
 * karpenter Terraform module, the EKS managed node groups of the dev
 * environment's tfvars, and the tools the Platform UI's nginx proxies.
 */
import type { ConformanceFinding } from '@internal/plugin-base-platform-common';
import type { PlatformFile } from '../discover';
import {
  HclBody,
  HclSyntaxError,
  HclValue,
  isExpression,
  parseHcl,
} from './hcl';
import {
  type NodeSource,
  type PlatformDefinition,
  type PlatformTool,
  type Taint,
  taintText,
} from './platform';
import { asList, kubeDocuments, parseYamlDocuments } from './yamlDocuments';

export const KARPENTER_TF =
  'platform-services-v2/bootstrap/terraform/providers/aws/modules/karpenter/main.tf';
export const NODE_GROUPS_TFVARS =
  'platform-services-v2/bootstrap/terraform/providers/aws/environments/dev/terraform.tfvars';
export const PLATFORM_UI_PROXY =
  'platform-services-v2/application-services/platform-ui/manifests/platform-ui-proxy.yaml';

const TOOL_TITLES: Record<string, string> = {
  argocd: 'ArgoCD',
  mlflow: 'MLflow',
};

type HclObject = { [key: string]: HclValue };

const asObject = (v: HclValue | undefined): HclObject | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) && !isExpression(v)
    ? (v as HclObject)
    : undefined;

const asString = (v: HclValue | undefined): string | undefined =>
  typeof v === 'string' && !v.includes('${') ? v : undefined;

const strings = (v: HclValue | undefined): string[] =>
  Array.isArray(v) ? v.flatMap(x => asString(x) ?? []) : [];

function parseFile(
  file: PlatformFile,
  findings: ConformanceFinding[],
): HclBody | undefined {
  try {
    return parseHcl(file.content.toString('utf8'));
  } catch (e) {
    findings.push({
      rule: 'platform-file',
      severity: 'error',
      file: file.path,
      line: e instanceof HclSyntaxError ? e.line : undefined,
      message: `not valid HCL: ${
        e instanceof HclSyntaxError ? e.message.replace(/^line \d+: /, '') : e
      }`,
    });
    return undefined;
  }
}

function readTaints(v: HclValue | undefined): Taint[] {
  return asList(v).flatMap(t => {
    const o = asObject(t);
    const key = asString(o?.key);
    const effect = asString(o?.effect);
    if (!key || !effect) return [];
    const value = asString(o?.value);
    return [{ key, ...(value ? { value } : {}), effect } as Taint];
  });
}

/** Karpenter NodePools: the `kubernetes_manifest` resources of kind NodePool. */
function readNodePools(
  body: HclBody,
  cluster: string,
  findings: ConformanceFinding[],
): NodeSource[] {
  const out: NodeSource[] = [];
  for (const block of body.blocks) {
    if (block.type !== 'resource' || block.labels[0] !== 'kubernetes_manifest')
      continue;
    const manifest = asObject(block.body.attributes.manifest);
    if (manifest?.kind !== 'NodePool') continue;
    const name = asString(asObject(manifest.metadata)?.name);
    const template = asObject(asObject(manifest.spec)?.template);
    if (!name || !template) {
      findings.push({
        rule: 'platform-file',
        severity: 'warning',
        file: KARPENTER_TF,
        line: block.line,
        message: `NodePool ${
          block.labels[1] ?? ''
        } has no literal metadata.name or spec.template: its nodes are not known`,
      });
      continue;
    }
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(
      asObject(asObject(template.metadata)?.labels) ?? {},
    )) {
      const value =
        isExpression(v) && v.expression === 'var.cluster_name'
          ? cluster
          : asString(v);
      if (value !== undefined) labels[k] = value;
    }
    const spec = asObject(template.spec);
    const requirements: Record<string, string[]> = {};
    for (const r of asList(spec?.requirements)) {
      const o = asObject(r);
      const key = asString(o?.key);
      if (key && asString(o?.operator) === 'In')
        requirements[key] = strings(o?.values);
    }
    const taints = readTaints(spec?.taints);
    const families = [
      ...new Set(
        (requirements['node.kubernetes.io/instance-type'] ?? []).map(
          t => t.split('.')[0],
        ),
      ),
    ];
    const capacity = requirements['karpenter.sh/capacity-type'] ?? [];
    out.push({
      kind: 'karpenter-nodepool',
      name,
      cluster,
      description: `Karpenter NodePool${
        families.length || capacity.length
          ? ` (${[families.join('/'), capacity.join(' and ')]
              .filter(Boolean)
              .join(', ')})`
          : ''
      }${
        taints.length
          ? `; taints its nodes ${taints.map(taintText).join(', ')}`
          : ''
      }. Declared in ${KARPENTER_TF}.`,
      labels,
      requirements,
      taints,
      source: KARPENTER_TF,
      line: block.line,
    });
  }
  return out;
}

/**
 * EKS managed node groups: `<cluster>_config.managed_node_groups.<key>` of the
 * tfvars, `<cluster>` naming the cluster by the first word of its name. The
 * EKS module applies their labels (and `eks.amazonaws.com/nodegroup=<key>`),
 * never their taints.
 */
function readNodeGroups(
  body: HclBody,
  platform: PlatformDefinition,
  findings: ConformanceFinding[],
): NodeSource[] {
  const out: NodeSource[] = [];
  for (const [key, value] of Object.entries(body.attributes)) {
    const m = /^([a-z0-9]+)_(?:cluster_)?config$/.exec(key);
    const groups = asObject(asObject(value)?.managed_node_groups);
    if (!m || !groups) continue;
    const cluster = platform.clusters.find(c =>
      c.name.startsWith(`${m[1]}-`),
    )?.name;
    if (!cluster) {
      findings.push({
        rule: 'platform-file',
        severity: 'warning',
        file: NODE_GROUPS_TFVARS,
        line: body.lines[key],
        message: `${key} names no cluster of the platform (${platform.clusters
          .map(c => c.name)
          .join(', ')}): its node groups are not known`,
      });
      continue;
    }
    for (const [name, g] of Object.entries(groups)) {
      const group = asObject(g) ?? {};
      const labels: Record<string, string> = {};
      for (const [k, v] of Object.entries(asObject(group.labels) ?? {})) {
        const s = asString(v);
        if (s !== undefined) labels[k] = s;
      }
      const declaredTaints = readTaints(group.taints);
      const types = strings(group.instance_types);
      const capacity = asString(group.capacity_type);
      out.push({
        kind: 'node-group',
        name,
        cluster,
        description: `EKS managed node group${
          types.length || capacity
            ? ` (${[types.join(', '), capacity].filter(Boolean).join(', ')})`
            : ''
        }${
          declaredTaints.length
            ? `; declares taints ${declaredTaints
                .map(taintText)
                .join(', ')}, which the EKS module never applies`
            : ''
        }. Declared in ${NODE_GROUPS_TFVARS}.`,
        labels,
        taints: [],
        source: NODE_GROUPS_TFVARS,
        line: body.lines[key],
      });
    }
  }
  return out;
}

interface ProxiedTool extends PlatformTool {
  service: string;
}

/**
 * The tools the Platform UI's nginx proxies: each `set $<tool>_upstream
 * <svc>.<ns>.svc.cluster.local:<port>;` with the `location` before it and its
 * `proxy_pass`; a location commented out is a tool the proxy does not serve.
 */
function readProxiedTools(
  file: PlatformFile,
  findings: ConformanceFinding[],
): ProxiedTool[] {
  const text = file.content.toString('utf8');
  const parsed = parseYamlDocuments(text);
  if (parsed.error) {
    findings.push({
      rule: 'platform-file',
      severity: 'error',
      file: file.path,
      line: parsed.error.line,
      message: `not valid YAML: ${parsed.error.message}`,
    });
    return [];
  }
  const conf = kubeDocuments(parsed.documents).find(
    d =>
      d.kind === 'ConfigMap' &&
      typeof d.body.data?.['default.conf'] === 'string',
  )?.body.data['default.conf'] as string | undefined;
  if (conf === undefined) {
    findings.push({
      rule: 'platform-file',
      severity: 'warning',
      file: file.path,
      message:
        'no ConfigMap with a default.conf: the tools the Platform UI proxies are not known',
    });
    return [];
  }
  // where default.conf's lines are in the file: its block scalar follows the key
  const fileLines = text.split('\n');
  const keyLine = fileLines.findIndex(l => /^\s*default\.conf:\s*[|>]/.test(l));
  const lineOf = (i: number) => (keyLine >= 0 ? keyLine + 2 + i : undefined);

  const tools = new Map<string, ProxiedTool>();
  let location: string | undefined;
  conf.split('\n').forEach((line, i) => {
    const loc = /^\s*(#\s*)?location\s+(\S+)/.exec(line);
    if (loc) {
      // `location ~* ^/argocd/…` (the assets) is not the tool's path
      if (loc[2].startsWith('/')) location = loc[2];
      return;
    }
    const set = /^\s*(#\s*)?set\s+\$(\w+)_upstream\s+([^;]+);/.exec(line);
    if (set) {
      const [, commented, name, upstream] = set;
      const host =
        /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(?:\.cluster\.local)?(?::(\d+))?$/.exec(
          upstream.trim(),
        );
      const known = tools.get(name);
      if (known) {
        known.enabled ||= !commented;
        return;
      }
      tools.set(name, {
        name,
        title:
          TOOL_TITLES[name] ??
          `${name.charAt(0).toUpperCase()}${name.slice(1)}`,
        path: location,
        namespace: host?.[2],
        service: host?.[1] ?? upstream.trim(),
        upstream: upstream.trim(),
        enabled: !commented,
        source: file.path,
        line: lineOf(i),
      });
      return;
    }
    const pass =
      /^\s*(#\s*)?proxy_pass\s+(\w+):\/\/\$(\w+)_upstream([^;\s]*);/.exec(line);
    const tool = pass && tools.get(pass[3]);
    if (tool && !tool.scheme) {
      tool.scheme = pass[2];
      tool.proxyPath = pass[4] || undefined;
    }
  });
  return [...tools.values()];
}

/** Services the platform folders declare with a namespace: name → namespace and file. */
function declaredServices(
  files: PlatformFile[],
): Map<string, Array<{ namespace: string; file: string }>> {
  const out = new Map<string, Array<{ namespace: string; file: string }>>();
  for (const file of files) {
    if (
      !file.path.startsWith('platform-services-v2/') ||
      !/\.ya?ml$/.test(file.path)
    )
      continue;
    const text = file.content.toString('utf8');
    if (!/^kind:\s*Service\s*$/m.test(text)) continue;
    const parsed = parseYamlDocuments(text);
    for (const doc of kubeDocuments(parsed.documents)) {
      if (doc.kind !== 'Service' || !doc.namespace) continue;
      const list = out.get(doc.name) ?? [];
      list.push({ namespace: doc.namespace, file: file.path });
      out.set(doc.name, list);
    }
  }
  return out;
}

/**
 * The platform definition with what the tree declares: node pools and node
 * groups from the Terraform files, tools from the Platform UI proxy. Where the
 * tree has none of a kind's files, `base`'s (app-config's) stand. Bad files
 * become findings.
 */
export function readPlatformFiles(
  files: PlatformFile[],
  base: PlatformDefinition,
  hasModules: boolean,
): { platform: PlatformDefinition; findings: ConformanceFinding[] } {
  const findings: ConformanceFinding[] = [];
  const byPath = new Map(files.map(f => [f.path, f]));
  const platform: PlatformDefinition = { ...base };

  const karpenter = byPath.get(KARPENTER_TF);
  const tfvars = byPath.get(NODE_GROUPS_TFVARS);
  if (karpenter || tfvars) {
    const pools = karpenter && parseFile(karpenter, findings);
    const groups = tfvars && parseFile(tfvars, findings);
    platform.nodeSources = [
      // the karpenter module is called for the module cluster (karpenter_base_cluster)
      ...(pools ? readNodePools(pools, base.moduleCluster, findings) : []),
      ...(groups ? readNodeGroups(groups, base, findings) : []),
    ];
  } else if (hasModules && base.nodeSources.length === 0) {
    findings.push({
      rule: 'platform-file',
      severity: 'warning',
      file: KARPENTER_TF,
      message: `neither ${KARPENTER_TF} nor ${NODE_GROUPS_TFVARS} is in the tree: the node pools and node groups are not known, so no workload's placement is checked`,
    });
  }

  const proxy = byPath.get(PLATFORM_UI_PROXY);
  if (proxy) {
    const tools = readProxiedTools(proxy, findings);
    const services = tools.length > 0 ? declaredServices(files) : new Map();
    platform.platformServices = tools.map(({ service, ...tool }) => {
      const declared: Array<{ namespace: string; file: string }> =
        services.get(service) ?? [];
      if (
        tool.namespace &&
        declared.length > 0 &&
        !declared.some(d => d.namespace === tool.namespace)
      ) {
        findings.push({
          rule: 'platform-tool',
          severity: 'warning',
          file: proxy.path,
          line: tool.line,
          message: `${tool.path ?? tool.name} is proxied to ${
            tool.upstream
          }, but the tree declares Service ${service} in namespace ${declared
            .map(d => `${d.namespace} (${d.file})`)
            .join(', ')}, not ${tool.namespace}`,
        });
        return { ...tool, namespace: declared[0].namespace };
      }
      return tool;
    });
  }
  return { platform, findings };
}
