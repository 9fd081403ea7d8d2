# Karpenter on the BASE data-processing cluster: the controller (Helm), its
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
        interruptionQueue = "${var.cluster_name}-karpenter"
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
      instanceProfile = "${var.cluster_name}-karpenter-node-instance-profile"
      userData = templatefile("${path.module}/templates/userdata.sh.tpl", {
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
              values   = ["m7i.2xlarge", "m7i.4xlarge", "m7i.8xlarge", "m7i.16xlarge", "c7i.2xlarge", "c7i.4xlarge", "c7i.8xlarge", "c7i.16xlarge", "r7i.2xlarge", "r7i.4xlarge", "r7i.8xlarge", "r7i.16xlarge"]
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
