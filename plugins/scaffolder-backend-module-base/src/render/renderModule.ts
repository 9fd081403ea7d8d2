import {
  COMPONENT_TYPES,
  findDomain,
  ModuleRequest,
  moduleSlugFromFolder,
  TYPE_FOLDERS,
} from '@internal/plugin-base-platform-common';
import { stringify } from 'yaml';
import {
  folderKustomization,
  kustomization,
  RenderedFile,
  specFile,
  workloadManifests,
  yamlDocs,
} from './manifests';

/** Where the module's ArgoCD Application points. */
export interface RepositoryTarget {
  /** Git URL of the platform repository. */
  repoUrl: string;
  /** Branch the Application tracks. */
  revision: string;
}

/** The module's ArgoCD Application, in the wave of its domain. */
export function moduleApplication(options: {
  slug: string;
  folder: string;
  wave: number;
  target: RepositoryTarget;
}) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: options.slug,
      namespace: 'argocd',
      annotations: { 'argocd.argoproj.io/sync-wave': String(options.wave) },
      labels: {
        'app.kubernetes.io/part-of': 'base-system',
        'base.io/module': options.slug,
      },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: {
      project: 'default',
      source: {
        repoURL: options.target.repoUrl,
        targetRevision: options.target.revision,
        path: options.folder,
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: `base-${options.slug}`,
      },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=true'],
      },
    },
  };
}

/**
 * Every file of a new module folder: module.yaml, README, the spec files in
 * their type folders, a kustomization per folder and for the module, the
 * workloads of agents, orchestrators and the model server, the namespace and
 * the ArgoCD Application. Pure; the request must be valid.
 */
export function renderModule(
  request: ModuleRequest,
  target: RepositoryTarget,
): RenderedFile[] {
  const folder = request.moduleName;
  const slug = moduleSlugFromFolder(folder);
  const domain = findDomain(request.domain)!;
  const title = folder
    .split('_')
    .map(w => w[0].toUpperCase() + w.slice(1))
    .join(' ');
  const agents = request.components.agent;
  const ingestion = new Set(request.ingestionAgents ?? []);
  const files: RenderedFile[] = [];
  const add = (path: string, content: string) =>
    files.push({ path: `${folder}/${path}`, content });

  add(
    'module.yaml',
    stringify(
      {
        apiVersion: 'base.io/v1',
        kind: 'Module',
        name: folder,
        title,
        description: request.description,
        domain: domain.name,
        owner: request.owner,
        lifecycle: 'experimental',
        wave: domain.wave,
      },
      { lineWidth: 0 },
    ),
  );
  add(
    'README.md',
    [
      `# ${title}`,
      '',
      request.description ?? '',
      '',
      `Module \`${folder}\` of the BASE App Layer, domain ${domain.title} (ArgoCD sync wave ${domain.wave}),`,
      `owned by \`${request.owner}\`. Namespace \`base-${slug}\`; every component is named`,
      `\`base-${slug}-<type>-<descriptor>\`.`,
      '',
      '| folder | components |',
      '|---|---|',
      ...COMPONENT_TYPES.map(
        t =>
          `| \`${TYPE_FOLDERS[t]}/\` | ${
            request.components[t].join(', ') || '–'
          } |`,
      ),
      '',
      'Spec files follow docs/platform-spec.md of the portal. Workloads are in',
      '`agents/manifests/`, `orchestrators/manifests/` and `models/manifests/`',
      '(the model server); `kubectl kustomize .` renders the module.',
      ingestion.size > 0
        ? `\nIngestion agents (${[...ingestion].join(
            ', ',
          )}) export \`base_ingestion_bytes_total\` and \`base_ingestion_records_total\` (docs/ingestion-metrics.md).`
        : '',
      '',
    ].join('\n'),
  );
  add(
    'kustomization.yaml',
    kustomization({
      namespace: `base-${slug}`,
      labels: [{ pairs: { 'base.io/module': slug }, includeSelectors: false }],
      resources: [
        'manifests/namespace.yaml',
        ...COMPONENT_TYPES.map(t => TYPE_FOLDERS[t]),
      ],
    }),
  );
  add(
    'manifests/namespace.yaml',
    yamlDocs({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: `base-${slug}`,
        labels: {
          'base.io/category': folder,
          'deployment.wave': String(domain.wave),
        },
      },
    }),
  );
  add(
    'manifests/application.yaml',
    yamlDocs(moduleApplication({ slug, folder, wave: domain.wave, target })),
  );

  for (const type of COMPONENT_TYPES) {
    const dir = TYPE_FOLDERS[type];
    const descriptors = request.components[type];
    add(
      `${dir}/kustomization.yaml`,
      folderKustomization({ type, slug, descriptors }),
    );
    for (const descriptor of descriptors) {
      const name = `base-${slug}-${type}-${descriptor}`;
      add(
        `${dir}/${name}.yaml`,
        specFile({
          type,
          slug,
          descriptor,
          agents,
          ingestion: type === 'agent' && ingestion.has(descriptor),
        }),
      );
      if (type === 'agent' || type === 'orchestrator') {
        add(
          `${dir}/manifests/${name}.yaml`,
          workloadManifests({
            name,
            folder,
            slug,
            type,
            descriptor,
            ingestion: ingestion.has(descriptor) && type === 'agent',
          }),
        );
      }
    }
  }
  add(
    `models/manifests/base-${slug}-model-server.yaml`,
    workloadManifests({
      name: `base-${slug}-model-server`,
      folder,
      slug,
      type: 'model',
      descriptor: 'model-server',
    }),
  );
  return files;
}
