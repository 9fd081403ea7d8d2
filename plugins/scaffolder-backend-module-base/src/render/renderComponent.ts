import {
  ComponentType,
  TYPE_FOLDERS,
} from '@internal/plugin-base-platform-common';
import { parse, stringify } from 'yaml';
import {
  agentFile,
  configFile,
  folderKustomization,
  modelFile,
  ModuleDescription,
  orchestratorFile,
  promptFile,
  RenderedFile,
  workflowFile,
} from './platformShapes';

/**
 * Adds a file to a type folder's kustomization.yaml in place: keeps
 * everything else the file says (order, other keys), appends the new
 * resource, never lists a name twice. Without a file yet, writes one.
 */
export function addToKustomization(
  existing: string | undefined,
  fileName: string,
): string {
  if (existing === undefined || existing.trim() === '')
    return folderKustomization([fileName]);
  const doc = parse(existing) ?? {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new Error('kustomization.yaml is not a YAML mapping');
  }
  const resources: string[] = Array.isArray(doc.resources) ? doc.resources : [];
  if (!resources.includes(fileName)) resources.push(fileName);
  doc.resources = resources;
  return stringify(doc, { lineWidth: 0 });
}

/** The files a new component adds or changes in its module folder. */
export function renderComponent(options: {
  folder: string;
  slug: string;
  type: ComponentType;
  descriptor: string;
  /** The module's agents: descriptors, with their Service names where known. */
  agents: Array<{ descriptor: string; service?: string }>;
  existingKustomization?: string;
  ingestion?: boolean;
  domain?: string;
}): RenderedFile[] {
  const { folder, type, descriptor } = options;
  const m: ModuleDescription = {
    folder,
    domain: options.domain ?? '',
    agents: options.agents,
    models: [],
    orchestrators: [],
    workflows: [],
    configs: [],
    prompts: [],
  };
  const agentNames = options.agents.map(a => a.descriptor);
  const dir = `${folder}/${TYPE_FOLDERS[type]}`;
  const name = `base-${options.slug}-${type}-${descriptor}`;
  let file: RenderedFile;
  switch (type) {
    case 'agent':
      file = {
        path: `${dir}/${name}.yaml`,
        content: agentFile(m, {
          descriptor,
          ...(options.ingestion ? { throughputTarget: '100GB/hour' } : {}),
        }),
      };
      break;
    case 'orchestrator':
      file = {
        path: `${dir}/${name}.yaml`,
        content: orchestratorFile(m, { descriptor, manages: agentNames }),
      };
      break;
    case 'model':
      file = {
        path: `${dir}/${name}.yaml`,
        content: modelFile(m, { descriptor }),
      };
      break;
    case 'workflow':
      file = {
        path: `${dir}/${name}.yaml`,
        content: workflowFile(m, { descriptor, steps: agentNames.slice(0, 3) }),
      };
      break;
    case 'config':
      file = {
        path: `${dir}/${name}.yaml`,
        content: configFile(m, { descriptor, readBy: agentNames }),
      };
      break;
    default: {
      const short = descriptor.replace(/-configmap$/, '');
      const agent = agentNames.find(
        a => a === short || a.endsWith(`-${short}`),
      );
      file = promptFile(m, {
        descriptor,
        ...(agent ? { readBy: [agent] } : {}),
      });
    }
  }
  const files = [file];
  if (file.path.endsWith('.yaml'))
    files.push({
      path: `${dir}/kustomization.yaml`,
      content: addToKustomization(
        options.existingKustomization,
        file.path.split('/').pop()!,
      ),
    });
  return files;
}
