import { InputError } from '@backstage/errors';
import { z } from 'zod';

/*
 * The names the portal's routes and tools take, checked the one way: a
 * request that does not fit is a 400 with the reason, never a lookup.
 */

/** A Kubernetes object name as a DNS-1123 label: lower-case letters, digits and `-`, at most 63. */
export const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes object name (namespace, cluster, NodePool, Deployment, Service, label value). */
export const kubernetesNameSchema = z
  .string()
  .max(63)
  .regex(KUBERNETES_NAME, 'lower-case letters, digits and "-"');

/**
 * A Kubernetes object name as a DNS-1123 subdomain, at most 253 (the rule of
 * Deployments, Services and HPAs: an HPA named `<deployment>-hpa` passes 63
 * when its Deployment's name is near it).
 */
export const kubernetesObjectNameSchema = z
  .string()
  .max(253)
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    'lower-case letters, digits, "-" and "."',
  );

/** An ArgoCD Application name: a DNS-1123 subdomain of labels, at most 253. */
export const applicationNameSchema = kubernetesObjectNameSchema;

/** A catalog entity's namespace or name: the catalog's own rule (letters and digits, `-_.` between them, at most 63). */
export const ENTITY_NAME = /^[A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?$/;

/** A catalog entity's namespace or name. */
export const entityNameSchema = z
  .string()
  .max(63)
  .regex(ENTITY_NAME, 'letters, digits and "-", "_", "." between them');

/** A route's `:namespace/:name` of a catalog entity. */
export const entityParamsSchema = z.object({
  namespace: entityNameSchema,
  name: entityNameSchema,
});

/**
 * `value` as `schema` says, or an InputError (400) naming what was wrong,
 * e.g. `Invalid cluster "Foo": lower-case letters, digits and "-"`.
 */
export function parseInput<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .map(i => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  const shown = typeof value === 'string' ? ` "${value.slice(0, 100)}"` : '';
  throw new InputError(`Invalid ${what}${shown}: ${issues}`);
}
