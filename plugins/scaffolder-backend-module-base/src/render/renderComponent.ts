import {
  ComponentType,
  TYPE_FOLDERS,
} from '@internal/plugin-base-platform-common';
import { parse, stringify } from 'yaml';
import {
  folderKustomization,
  RenderedFile,
  specFile,
  workloadManifests,
} from './manifests';

/**
 * Adds a component to a type folder's kustomization.yaml in place: keeps
 * everything else the file says (order, other keys), appends the new
 * resource or ConfigMap, and never lists a name twice. Without a file yet,
 * writes the folder's standard one.
 */
export function addToKustomization(
  existing: string | undefined,
  options: { type: ComponentType; slug: string; descriptor: string },
): string {
  const name = `base-${options.slug}-${options.type}-${options.descriptor}`;
  if (existing === undefined || existing.trim() === '') {
    return folderKustomization({
      ...options,
      descriptors: [options.descriptor],
    });
  }
  const doc = parse(existing) ?? {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new Error('kustomization.yaml is not a YAML mapping');
  }
  if (options.type === 'agent' || options.type === 'orchestrator') {
    const resources: string[] = Array.isArray(doc.resources)
      ? doc.resources
      : [];
    const entry = `manifests/${name}.yaml`;
    if (!resources.includes(entry)) resources.push(entry);
    doc.resources = resources;
  } else if (options.type !== 'model') {
    const generators: any[] = Array.isArray(doc.configMapGenerator)
      ? doc.configMapGenerator
      : [];
    if (!generators.some(g => g?.name === name)) {
      generators.push({
        name,
        files: [`spec.yaml=${name}.yaml`],
        options: {
          labels: {
            'base.io/module': options.slug,
            'base.io/type': options.type,
            'app.kubernetes.io/part-of': 'base-system',
          },
        },
      });
    }
    doc.configMapGenerator = generators;
    doc.generatorOptions = doc.generatorOptions ?? {
      disableNameSuffixHash: true,
    };
  }
  return stringify(doc, { lineWidth: 0 });
}

/** The files a new component adds or changes in its module folder. */
export function renderComponent(options: {
  folder: string;
  slug: string;
  type: ComponentType;
  descriptor: string;
  agents: string[];
  existingKustomization?: string;
  ingestion?: boolean;
}): RenderedFile[] {
  const dir = `${options.folder}/${TYPE_FOLDERS[options.type]}`;
  const name = `base-${options.slug}-${options.type}-${options.descriptor}`;
  const files: RenderedFile[] = [
    {
      path: `${dir}/${name}.yaml`,
      content: specFile({
        type: options.type,
        slug: options.slug,
        descriptor: options.descriptor,
        agents: options.agents,
        ingestion: options.ingestion,
      }),
    },
    {
      path: `${dir}/kustomization.yaml`,
      content: addToKustomization(options.existingKustomization, options),
    },
  ];
  if (options.type === 'agent' || options.type === 'orchestrator') {
    files.push({
      path: `${dir}/manifests/${name}.yaml`,
      content: workloadManifests({
        name,
        folder: options.folder,
        slug: options.slug,
        type: options.type,
        descriptor: options.descriptor,
        ingestion: options.ingestion,
      }),
    });
  }
  return files;
}
