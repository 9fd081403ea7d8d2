/** A domain of the BASE App Layer: a group of modules synced in one ArgoCD wave. */
export interface BaseDomain {
  /** Entity name of the Domain, e.g. `data-foundation`. */
  name: string;
  title: string;
  /** The ArgoCD sync wave of the domain's module Applications. */
  wave: number;
  /** Entity name of the Group that owns the domain. */
  owner: string;
  /** Module folders the architecture puts in this domain. */
  modules: string[];
}

/** The four domains, in wave order. */
export const DOMAINS: readonly BaseDomain[] = [
  {
    name: 'data-foundation',
    title: 'Data Foundation',
    wave: 4,
    owner: 'data-foundation-team',
    modules: [
      'data_ingestion',
      'data_quality',
      'data_storage',
      'data_security',
    ],
  },
  {
    name: 'processing-analytics',
    title: 'Processing & Analytics',
    wave: 5,
    owner: 'processing-analytics-team',
    modules: [
      'feature_engineering',
      'multimodal_processing',
      'data_streaming',
      'quality_monitoring',
    ],
  },
  {
    name: 'orchestration-management',
    title: 'Orchestration & Management',
    wave: 6,
    owner: 'orchestration-management-team',
    modules: [
      'pipeline_management',
      'event_coordination',
      'metadata_discovery',
      'schema_contracts',
    ],
  },
  {
    name: 'distribution-control',
    title: 'Distribution & Control',
    wave: 7,
    owner: 'distribution-control-team',
    modules: ['data_distribution', 'data_control'],
  },
];

/** The domain of a domain entity name, or undefined. */
export function findDomain(name: string): BaseDomain | undefined {
  return DOMAINS.find(d => d.name === name);
}

/** The domain the architecture puts a module folder in, or undefined. */
export function domainOfModule(folder: string): BaseDomain | undefined {
  return DOMAINS.find(d => d.modules.includes(folder));
}
