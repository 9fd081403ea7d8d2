/**
 * The platform files outside the modules that the portal reads, in the real
 * repository's shapes (reference SHAPES §8–9): the karpenter Terraform
 * module's NodePool and EC2NodeClass (HCL `kubernetes_manifest` blocks), the
 * dev environment's managed node groups (tfvars) and the Platform UI's nginx
 * proxy. Written into the example platform next to the modules
 * (renderPlatform).
 */
import {
  KARPENTER_TF,
  NODE_GROUPS_TFVARS,
  PLATFORM_UI_PROXY,
} from '@internal/plugin-base-platform-node';
import {
  applicationSetElement,
  MODULE_APPLICATIONSET,
  type ModuleDescription,
  moduleApplicationSet,
  type RenderedFile,
  renderModuleFolder,
  yamlDocs,
} from './platformShapes';

const hclList = (values: string[]) =>
  `[${values.map(v => JSON.stringify(v)).join(', ')}]`;

const INSTANCE_TYPES = ['m7i', 'c7i', 'r7i'].flatMap(f =>
  ['2xlarge', '4xlarge', '8xlarge', '16xlarge'].map(s => `${f}.${s}`),
);

const KARPENTER_MAIN = `# Karpenter on the BASE data-processing cluster: the controller (Helm), its
# NodePool and EC2NodeClass. Called from environments/dev/main.tf as
# module "karpenter_base_cluster".

resource "helm_release" "karpenter_crd" {
  name       = "karpenter-crd"
  repository = "oci://public.ecr.aws/karpenter"
  chart      = "karpenter-crd"
  version    = var.karpenter_version
  namespace  = "kube-system"
}

resource "helm_release" "karpenter" {
  name       = "karpenter"
  repository = "oci://public.ecr.aws/karpenter"
  chart      = "karpenter"
  version    = var.karpenter_version
  namespace  = "karpenter"

  values = [
    yamlencode({
      settings = {
        clusterName       = var.cluster_name
        interruptionQueue = "\${var.cluster_name}-karpenter"
        featureGates = {
          spotToSpotConsolidation = true
        }
      }
      controller = {
        resources = {
          requests = { cpu = "1", memory = "1Gi" }
          limits   = { cpu = "1", memory = "1Gi" }
        }
      }
    })
  ]

  depends_on = [helm_release.karpenter_crd]
}

resource "kubernetes_manifest" "karpenter_nodeclass_data_processing" {
  manifest = {
    apiVersion = "karpenter.k8s.aws/v1"
    kind       = "EC2NodeClass"
    metadata = {
      name = "base-data-processing"
    }
    spec = {
      instanceStorePolicy = "NVME"
      amiSelectorTerms = [
        { tags = { "karpenter.sh/discovery" = var.cluster_name } }
      ]
      subnetSelectorTerms = [
        { tags = { "karpenter.sh/discovery" = var.cluster_name } }
      ]
      securityGroupSelectorTerms = [
        { tags = { "karpenter.sh/discovery" = var.cluster_name } }
      ]
      instanceProfile = "\${var.cluster_name}-karpenter-node-instance-profile"
      userData = templatefile("\${path.module}/templates/userdata.sh.tpl", {
        cluster_name     = var.cluster_name
        cluster_endpoint = var.cluster_endpoint
        cluster_ca       = var.cluster_certificate_authority_data
      })
      blockDeviceMappings = [
        {
          deviceName = "/dev/xvda"
          ebs = {
            volumeSize = "100Gi"
            volumeType = "gp3"
            iops       = 3000
            throughput = 125
            encrypted  = true
          }
        }
      ]
      metadataOptions = {
        httpTokens              = "required"
        httpPutResponseHopLimit = 1
      }
      tags = {
        WorkloadType             = "data-processing"
        NodePool                 = "base-data-processing"
        ManagedBy                = "karpenter"
        "karpenter.sh/discovery" = var.cluster_name
      }
    }
  }

  depends_on = [helm_release.karpenter]
}

resource "kubernetes_manifest" "karpenter_nodepool_data_processing" {
  manifest = {
    apiVersion = "karpenter.sh/v1"
    kind       = "NodePool"
    metadata = {
      name = "base-data-processing"
    }
    spec = {
      template = {
        metadata = {
          labels = {
            "workload-type" = "data-processing"
            "node-type"     = "base-data"
            "cluster-name"  = var.cluster_name
          }
        }
        spec = {
          requirements = [
            {
              key      = "karpenter.sh/capacity-type"
              operator = "In"
              values   = ["spot", "on-demand"]
            },
            {
              key      = "kubernetes.io/arch"
              operator = "In"
              values   = ["amd64"]
            },
            {
              key      = "node.kubernetes.io/instance-type"
              operator = "In"
              values   = ${hclList(INSTANCE_TYPES)}
            }
          ]
          nodeClassRef = {
            group = "karpenter.k8s.aws"
            kind  = "EC2NodeClass"
            name  = "base-data-processing"
          }
          taints = [
            {
              key    = "workload-type"
              value  = "data-processing"
              effect = "NoSchedule"
            }
          ]
          startupTaints = [
            {
              key    = "karpenter.sh/unschedulable"
              value  = "true"
              effect = "NoSchedule"
            }
          ]
        }
      }
      disruption = {
        consolidationPolicy = "WhenUnderutilized"
        consolidateAfter    = "15s"
        expireAfter         = "30m"
      }
      limits = {
        cpu    = "10000"
        memory = "10000Gi"
      }
      weight = 10
    }
  }

  depends_on = [kubernetes_manifest.karpenter_nodeclass_data_processing]
}
`;

interface NodeGroup {
  key: string;
  types: string[];
  capacity: 'SPOT' | 'ON_DEMAND';
  size: [number, number, number];
  disk: number;
  ami?: string;
  labels: Record<string, string>;
  onDemandPct?: number;
  taints?: string;
}

function nodeGroup(g: NodeGroup): string {
  const labels = Object.entries(g.labels)
    .map(
      ([k, v]) =>
        `          ${
          /^\w+$/.test(k) ? k : JSON.stringify(k)
        } = ${JSON.stringify(v)}`,
    )
    .join('\n');
  return `      ${g.key} = {
        instance_types = ${hclList(g.types)}
        capacity_type  = "${g.capacity}"
        min_size       = ${g.size[0]}
        max_size       = ${g.size[1]}
        desired_size   = ${g.size[2]}
        disk_size      = ${g.disk}
        ami_type       = "${g.ami ?? 'BOTTLEROCKET_x86_64'}"
        labels = {
${labels}
        }${
          g.taints
            ? `
        taints = [${g.taints}]`
            : ''
        }${
    g.onDemandPct !== undefined
      ? `
        mixed_instances_policy = {
          on_demand_percentage_above_base_capacity = ${g.onDemandPct}
        }`
      : ''
  }
      }`;
}

const PLATFORM_GROUPS: NodeGroup[] = [
  {
    key: 'platform_system',
    types: ['c7i.2xlarge', 'c7i.4xlarge', 'm7i.2xlarge', 'm7i.4xlarge'],
    capacity: 'ON_DEMAND',
    size: [1, 2, 2],
    disk: 200,
    labels: { NodeGroup: 'platform-system', WorkloadType: 'system' },
  },
  {
    key: 'platform_general',
    types: [
      'c7i.2xlarge',
      'c7i.4xlarge',
      'r7i.2xlarge',
      'r7i.4xlarge',
      'm7i.2xlarge',
      'm7i.4xlarge',
    ],
    capacity: 'SPOT',
    size: [1, 3, 1],
    disk: 300,
    labels: { NodeGroup: 'platform-general', WorkloadType: 'general' },
    onDemandPct: 40,
  },
  {
    key: 'platform_compute',
    types: ['c7i.2xlarge', 'c7i.4xlarge', 'm7i.2xlarge', 'm7i.4xlarge'],
    capacity: 'SPOT',
    size: [1, 3, 1],
    disk: 500,
    labels: { NodeGroup: 'platform-compute', WorkloadType: 'compute' },
    onDemandPct: 30,
  },
  {
    key: 'platform_memory',
    types: ['r7i.2xlarge', 'r7i.4xlarge', 'm7i.2xlarge', 'm7i.4xlarge'],
    capacity: 'SPOT',
    size: [1, 3, 1],
    disk: 500,
    labels: { NodeGroup: 'platform-memory', WorkloadType: 'memory' },
    onDemandPct: 40,
  },
  {
    key: 'platform_gpu',
    types: ['g6.2xlarge', 'g6.xlarge'],
    capacity: 'SPOT',
    size: [0, 2, 0],
    disk: 500,
    ami: 'BOTTLEROCKET_x86_64_NVIDIA',
    labels: {
      NodeGroup: 'platform-gpu',
      WorkloadType: 'gpu',
      'nvidia.com/gpu': 'true',
    },
    taints:
      '{ key = "nvidia.com/gpu", value = "true", effect = "NO_SCHEDULE" }',
    onDemandPct: 50,
  },
];

const TFVARS = `# Development environment (platform-app-layer-dev, base-app-layer-dev).
environment = "dev"
region      = "us-east-1"

vpc_cidr           = "10.0.0.0/16"
single_nat_gateway = true

# The EKS module creates one managed node group per key (node_group_name =
# key) and applies its labels; taints and mixed_instances_policy are accepted
# by the variable's type but never applied.
platform_cluster_config = {
  cluster_version = "1.33"
  managed_node_groups = {
${PLATFORM_GROUPS.map(nodeGroup).join('\n')}
  }
}

base_cluster_config = {
  cluster_version = "1.33"
  managed_node_groups = {
${nodeGroup({
  key: 'base_apps',
  types: ['m7i.4xlarge', 'm7i.2xlarge'],
  capacity: 'SPOT',
  size: [1, 5, 1],
  disk: 500,
  labels: {
    NodeGroup: 'base-apps',
    Environment: 'dev',
    WorkloadType: 'base-apps',
    CostProfile: 'optimized',
  },
  onDemandPct: 30,
})}
  }
}

enable_karpenter  = true
karpenter_version = "1.6.2"
enable_crossplane = false
`;

interface ProxiedTool {
  name: string;
  location: string;
  upstream: string;
  scheme: 'http' | 'https';
  path: string;
  active: boolean;
  assets?: boolean;
}

const TOOLS: ProxiedTool[] = [
  {
    name: 'argocd',
    location: '/argocd/',
    upstream: 'argocd-server.argocd.svc.cluster.local:443',
    scheme: 'https',
    path: '/argocd/',
    active: true,
    assets: true,
  },
  {
    name: 'vault',
    location: '/vault/',
    upstream: 'vault.vault.svc.cluster.local:8200',
    scheme: 'http',
    path: '/ui/',
    active: true,
    assets: true,
  },
  {
    name: 'airflow',
    location: '/airflow/',
    upstream: 'airflow.airflow.svc.cluster.local:8080',
    scheme: 'http',
    path: '/',
    active: false,
  },
  {
    name: 'mlflow',
    location: '/mlflow/',
    upstream: 'mlflow-tracking-server.mlflow.svc.cluster.local:5000',
    scheme: 'http',
    path: '/',
    active: false,
  },
  {
    name: 'kubeflow',
    location: '/kubeflow/',
    upstream: 'kubeflow-ui-server.kubeflow.svc.cluster.local:3000',
    scheme: 'http',
    path: '/',
    active: false,
  },
  {
    name: 'superset',
    location: '/superset/',
    upstream: 'apache-superset.superset.svc.cluster.local:8088',
    scheme: 'http',
    path: '/',
    active: false,
  },
  {
    name: 'grafana',
    location: '/grafana/',
    upstream: 'grafana.monitoring.svc.cluster.local:3000',
    scheme: 'http',
    path: '/',
    active: false,
  },
  {
    name: 'prometheus',
    location: '/prometheus/',
    upstream: 'prometheus.monitoring.svc.cluster.local:9090',
    scheme: 'http',
    path: '/prometheus/',
    active: false,
  },
  {
    name: 'kiali',
    location: '/kiali/',
    upstream: 'kiali.istio-system.svc.cluster.local:20001',
    scheme: 'http',
    path: '/kiali/',
    active: false,
  },
];

function location(t: ProxiedTool): string {
  const lines = [
    `location ${t.location} {`,
    `    set $${t.name}_upstream ${t.upstream};`,
    `    proxy_pass ${t.scheme}://$${t.name}_upstream${t.path};`,
    '    proxy_set_header Host $host;',
    '    proxy_set_header X-Real-IP $remote_addr;',
    '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '    proxy_set_header X-Forwarded-Proto $scheme;',
    `    proxy_set_header X-Forwarded-Prefix ${t.location.replace(/\/$/, '')};`,
    ...(t.scheme === 'https' ? ['    proxy_ssl_verify off;'] : []),
    '}',
    ...(t.assets
      ? [
          `location ~* ^${t.location}(assets|static|ui)/ {`,
          `    set $${t.name}_upstream ${t.upstream};`,
          `    proxy_pass ${t.scheme}://$${t.name}_upstream;`,
          '    expires 1h;',
          '}',
        ]
      : []),
  ];
  return lines.map(l => `    ${t.active ? '' : '# '}${l}`).join('\n');
}

const DEFAULT_CONF = `resolver 172.20.0.10 valid=5s;

server {
    listen 80;
    server_name _;
    root /usr/share/nginx/html;
    index index.html;

    location / {
        try_files $uri $uri/ /index.html;
    }

    location /health {
        access_log off;
        return 200 "healthy\\n";
        add_header Content-Type text/plain;
    }

${TOOLS.map(location).join('\n\n')}
}
`;

const INDEX_HTML = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>BASE Platform</title></head>
<body>
<h1>BASE Platform</h1>
<ul>
${TOOLS.filter(t => t.active)
  .map(t => `<li><a href="${t.location}">${t.name}</a></li>`)
  .join('\n')}
</ul>
</body>
</html>
`;

function platformUiProxy(): string {
  const labels = { app: 'platform-ui-proxy' };
  return yamlDocs(
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'nginx-proxy-config', namespace: 'platform-ui' },
      data: { 'default.conf': DEFAULT_CONF, 'index.html': INDEX_HTML },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'platform-ui-proxy', namespace: 'platform-ui', labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            nodeSelector: { 'eks.amazonaws.com/nodegroup': 'platform_system' },
            containers: [
              {
                name: 'nginx',
                image: 'nginx:1.25',
                ports: [{ containerPort: 80, name: 'http' }],
                livenessProbe: {
                  httpGet: { path: '/health', port: 80 },
                  periodSeconds: 10,
                },
                readinessProbe: {
                  httpGet: { path: '/health', port: 80 },
                  periodSeconds: 5,
                },
                resources: {
                  requests: { cpu: '50m', memory: '64Mi' },
                  limits: { cpu: '200m', memory: '128Mi' },
                },
                volumeMounts: [
                  {
                    name: 'nginx-config',
                    mountPath: '/etc/nginx/conf.d/default.conf',
                    subPath: 'default.conf',
                  },
                  {
                    name: 'nginx-config',
                    mountPath: '/usr/share/nginx/html/index.html',
                    subPath: 'index.html',
                  },
                ],
              },
            ],
            volumes: [
              {
                name: 'nginx-config',
                configMap: { name: 'nginx-proxy-config' },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'platform-ui-proxy', namespace: 'platform-ui', labels },
      spec: {
        selector: labels,
        ports: [{ name: 'http', port: 80, targetPort: 80 }],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'platform-ui-proxy-ingress',
        namespace: 'platform-ui',
        annotations: {
          'kubernetes.io/ingress.class': 'alb',
          'alb.ingress.kubernetes.io/load-balancer-name': 'fin-vsem-svoim-com',
          'alb.ingress.kubernetes.io/scheme': 'internet-facing',
          'alb.ingress.kubernetes.io/listen-ports':
            '[{"HTTP": 80}, {"HTTPS": 443}]',
          'alb.ingress.kubernetes.io/ssl-redirect': '443',
          'alb.ingress.kubernetes.io/healthcheck-path': '/health',
        },
      },
      spec: {
        rules: [
          {
            host: 'fin.vsem-svoim.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: {
                    service: {
                      name: 'platform-ui-proxy',
                      port: { number: 80 },
                    },
                  },
                },
              ],
            },
          },
        ],
      },
    },
  );
}

/** The platform files outside the modules, as the real repository holds them. */
export function renderPlatformFolders(): RenderedFile[] {
  return [
    { path: KARPENTER_TF, content: KARPENTER_MAIN },
    { path: NODE_GROUPS_TFVARS, content: TFVARS },
    { path: PLATFORM_UI_PROXY, content: platformUiProxy() },
  ];
}

/**
 * The whole platform of a description: every module folder, the module
 * ApplicationSet and the platform files outside the modules.
 */
export function renderPlatform(description: {
  modules: ModuleDescription[];
}): RenderedFile[] {
  return [
    ...description.modules.flatMap(renderModuleFolder),
    {
      path: MODULE_APPLICATIONSET,
      content: moduleApplicationSet(
        description.modules.map(applicationSetElement),
      ),
    },
    ...renderPlatformFolders(),
  ];
}
