import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_CONFORMANCE } from './annotations';

/** One way a module departs from the architecture. */
export interface ConformanceFinding {
  rule: ConformanceRule;
  /** `error`: the platform would not deploy or run as declared; `warning`: it departs from the architecture. */
  severity?: 'error' | 'warning';
  /** Path of the file concerned, inside the platform repository. */
  file?: string;
  /** Line in that file (1-based), where known. */
  line?: number;
  message: string;
}

/** The conformance rules, each with what it checks (docs/platform-spec.md). */
export const CONFORMANCE_RULES = {
  count: 'Component count',
  'empty-spec': 'Empty file',
  'invalid-spec': 'Invalid spec',
  naming: 'Naming',
  'unknown-folder': 'Unknown file',
  'stray-file': 'Stray file',
  wave: 'Sync wave',
  dependency: 'Dangling reference',
  kustomize: 'Kustomize build',
  placement: 'Node placement',
  selector: 'Service selector',
  application: 'ArgoCD Application',
  'module-file': 'Module file',
  'platform-file': 'Platform file',
  'platform-tool': 'Platform tool',
} as const;

export type ConformanceRule = keyof typeof CONFORMANCE_RULES;

/** The findings stored on a module's System; unreadable data is itself a finding. */
export function readConformanceFindings(entity: Entity): ConformanceFinding[] {
  const raw = entity.metadata.annotations?.[ANNOTATION_CONFORMANCE];
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw);
    if (Array.isArray(parsed)) return parsed;
  } catch {
    // reported below
  }
  return [
    {
      rule: 'module-file',
      message: `the ${ANNOTATION_CONFORMANCE} annotation is not a JSON array`,
    },
  ];
}
