import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_CONFORMANCE } from './annotations';

/** One way a module departs from the architecture. */
export interface ConformanceFinding {
  rule:
    | 'count'
    | 'empty-spec'
    | 'invalid-spec'
    | 'naming'
    | 'unknown-folder'
    | 'wave'
    | 'dependency'
    | 'module-file';
  /** Path of the file concerned, inside the platform repository. */
  file?: string;
  message: string;
}

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
