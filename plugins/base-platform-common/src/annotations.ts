/**
 * Annotation keys the portal sets on BASE entities and matches on. Owned
 * here, so the catalog provider, the frontend and the other plugins agree.
 */

/** Module slug of the entity, e.g. `data-ingestion`. */
export const ANNOTATION_MODULE = 'base.io/module';
/** Component type: `agent`, `model`, `orchestrator`, `workflow`, `config`, `prompt` or `model-server`. */
export const ANNOTATION_TYPE = 'base.io/type';
/** Descriptor of the component, e.g. `data-collector`. */
export const ANNOTATION_DESCRIPTOR = 'base.io/descriptor';
/** ArgoCD sync wave of the module's Application, as the module declares it. */
export const ANNOTATION_WAVE = 'base.io/wave';
/** State of the spec file behind the entity: `present`, `empty` or `invalid`. */
export const ANNOTATION_SPEC_STATUS = 'base.io/spec-status';
/** Why the spec file is empty or invalid (only when it is). */
export const ANNOTATION_SPEC_ERROR = 'base.io/spec-error';
/** Path of the spec file inside the platform repository. */
export const ANNOTATION_SPEC_FILE = 'base.io/spec-file';
/** Port of the service's HTTP and health endpoints. */
export const ANNOTATION_HTTP_PORT = 'base.io/http-port';
/** Port of the service's Prometheus `/metrics`. */
export const ANNOTATION_METRICS_PORT = 'base.io/metrics-port';
/** Comma-separated health paths, e.g. `/health/live,/health/ready,/health/startup`. */
export const ANNOTATION_HEALTH_PATHS = 'base.io/health-paths';
/** Minimum and maximum replicas, e.g. `2-20` (the HPA's bounds, else the Deployment's replicas twice). */
export const ANNOTATION_REPLICAS = 'base.io/replicas';
/**
 * Ingestion throughput target in decimal GB per hour, e.g. `100`; present on
 * every ingestion agent (spec `ingestion: true`) and only there.
 */
export const ANNOTATION_THROUGHPUT_TARGET =
  'base.io/throughput-target-gb-per-hour';
/** Target of an ingestion agent whose spec states none, in decimal GB per hour. */
export const DEFAULT_THROUGHPUT_TARGET_GB_PER_HOUR = 100;
/**
 * Conformance findings of a module (JSON array of {@link ConformanceFinding}),
 * on the module's System.
 */
export const ANNOTATION_CONFORMANCE = 'base.io/conformance';
/** The ArgoCD Application of the entity's module (read by the ArgoCD plugins). */
export const ANNOTATION_ARGOCD_APP = 'argocd/app-name';
/** Kubernetes workload name the Kubernetes plugin matches on. */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
/** Kubernetes namespace of the entity's workloads. */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
/** Name of the service's Kubernetes Service (its health endpoints are reached through it). */
export const ANNOTATION_KUBERNETES_SERVICE = 'base.io/kubernetes-service';
/** `false` when the platform repository declares the service but has no Deployment for it. */
export const ANNOTATION_DEPLOYED = 'base.io/deployed';
/** Why the service has nothing to probe (no Deployment, no HTTP probe), in words. */
export const ANNOTATION_NOT_PROBED = 'base.io/not-probed';
/** Every named container port, e.g. `http-health=8080,http-metrics=9090,grpc=9000`. */
export const ANNOTATION_PORTS = 'base.io/ports';
/** HPA bounds `min-max`, only where an HPA exists. */
export const ANNOTATION_HPA = 'base.io/hpa';
/** `spec.replicas` of the Deployment as declared. */
export const ANNOTATION_DECLARED_REPLICAS = 'base.io/declared-replicas';
