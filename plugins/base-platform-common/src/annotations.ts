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
/**
 * The label selector the Kubernetes plugin finds the service's pods by, where
 * they carry no `backstage.io/kubernetes-id` label (the real platform's
 * carry only `app.kubernetes.io/name`): the Deployment's `matchLabels`.
 */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';
/** Kubernetes namespace of the entity's workloads. */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
/** Name of the service's Kubernetes Service (its health endpoints are reached through it). */
export const ANNOTATION_KUBERNETES_SERVICE = 'base.io/kubernetes-service';
/** `false` when the platform repository declares the service but has no Deployment for it. */
export const ANNOTATION_DEPLOYED = 'base.io/deployed';
/** A platform tool: what the Platform UI's nginx proxies it to, and whether that location is active. */
export const ANNOTATION_PROXY_UPSTREAM = 'base.io/proxy-upstream';
export const ANNOTATION_PROXY_ENABLED = 'base.io/proxy-enabled';
/** Why the service has nothing to probe (no Deployment, no HTTP probe), in words. */
export const ANNOTATION_NOT_PROBED = 'base.io/not-probed';
/** Every named container port, e.g. `http-health=8080,http-metrics=9090,grpc=9000`. */
export const ANNOTATION_PORTS = 'base.io/ports';
/** HPA bounds `min-max`, only where an HPA exists. */
export const ANNOTATION_HPA = 'base.io/hpa';
/** Name of the service's HorizontalPodAutoscaler as declared (the platform repository names it apart from its Deployment, e.g. `<deployment>-hpa`). */
export const ANNOTATION_HPA_NAME = 'base.io/hpa-name';
/** `spec.replicas` of the Deployment as declared. */
export const ANNOTATION_DECLARED_REPLICAS = 'base.io/declared-replicas';

/*
 * Keys of the platform repository's own files: labels and annotations on
 * its Kubernetes objects and kustomizations (reference SHAPES.md). The tree
 * reader reads them, the scaffolder and the sandbox write them.
 */

/** Label: the type folder of an object, e.g. `agents`. */
export const PLATFORM_LABEL_CATEGORY = 'base.io/category';
/** Label: the component type (`agent`, `orchestrator`, `model`, …); the same key as the entity's annotation. */
export const PLATFORM_LABEL_TYPE = ANNOTATION_TYPE;
/** Label: the component's descriptor, e.g. `data-collector`. */
export const PLATFORM_LABEL_FUNCTION = 'base.io/function';
/** Label of a module's Namespace and kustomization: its domain. */
export const PLATFORM_LABEL_DOMAIN = 'base.io/domain';
/** Annotation of a module's kustomization: the owner group. */
export const PLATFORM_ANNOTATION_OWNER = 'base.io/owner';
/** Annotation of a module's kustomization: the lifecycle. */
export const PLATFORM_ANNOTATION_LIFECYCLE = 'base.io/lifecycle';
/** Annotation: an object's description in words. */
export const PLATFORM_ANNOTATION_DESCRIPTION = 'base.io/description';
/** Annotation of a prompt ConfigMap: the components that read it, comma-separated. */
export const PLATFORM_ANNOTATION_READ_BY = 'base.io/read-by';
/** Annotation of an ingestion agent's Deployment: the metrics it exposes, comma-separated. */
export const PLATFORM_ANNOTATION_INGESTION_METRICS =
  'base.io/ingestion-metrics';
