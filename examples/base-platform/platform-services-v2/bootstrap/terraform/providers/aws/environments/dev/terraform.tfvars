# Development environment (platform-app-layer-dev, base-app-layer-dev).
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
      platform_system = {
        instance_types = ["c7i.2xlarge", "c7i.4xlarge", "m7i.2xlarge", "m7i.4xlarge"]
        capacity_type  = "ON_DEMAND"
        min_size       = 1
        max_size       = 2
        desired_size   = 2
        disk_size      = 200
        ami_type       = "BOTTLEROCKET_x86_64"
        labels = {
          NodeGroup = "platform-system"
          WorkloadType = "system"
        }
      }
      platform_general = {
        instance_types = ["c7i.2xlarge", "c7i.4xlarge", "r7i.2xlarge", "r7i.4xlarge", "m7i.2xlarge", "m7i.4xlarge"]
        capacity_type  = "SPOT"
        min_size       = 1
        max_size       = 3
        desired_size   = 1
        disk_size      = 300
        ami_type       = "BOTTLEROCKET_x86_64"
        labels = {
          NodeGroup = "platform-general"
          WorkloadType = "general"
        }
        mixed_instances_policy = {
          on_demand_percentage_above_base_capacity = 40
        }
      }
      platform_compute = {
        instance_types = ["c7i.2xlarge", "c7i.4xlarge", "m7i.2xlarge", "m7i.4xlarge"]
        capacity_type  = "SPOT"
        min_size       = 1
        max_size       = 3
        desired_size   = 1
        disk_size      = 500
        ami_type       = "BOTTLEROCKET_x86_64"
        labels = {
          NodeGroup = "platform-compute"
          WorkloadType = "compute"
        }
        mixed_instances_policy = {
          on_demand_percentage_above_base_capacity = 30
        }
      }
      platform_memory = {
        instance_types = ["r7i.2xlarge", "r7i.4xlarge", "m7i.2xlarge", "m7i.4xlarge"]
        capacity_type  = "SPOT"
        min_size       = 1
        max_size       = 3
        desired_size   = 1
        disk_size      = 500
        ami_type       = "BOTTLEROCKET_x86_64"
        labels = {
          NodeGroup = "platform-memory"
          WorkloadType = "memory"
        }
        mixed_instances_policy = {
          on_demand_percentage_above_base_capacity = 40
        }
      }
      platform_gpu = {
        instance_types = ["g6.2xlarge", "g6.xlarge"]
        capacity_type  = "SPOT"
        min_size       = 0
        max_size       = 2
        desired_size   = 0
        disk_size      = 500
        ami_type       = "BOTTLEROCKET_x86_64_NVIDIA"
        labels = {
          NodeGroup = "platform-gpu"
          WorkloadType = "gpu"
          "nvidia.com/gpu" = "true"
        }
        taints = [{ key = "nvidia.com/gpu", value = "true", effect = "NO_SCHEDULE" }]
        mixed_instances_policy = {
          on_demand_percentage_above_base_capacity = 50
        }
      }
  }
}

base_cluster_config = {
  cluster_version = "1.33"
  managed_node_groups = {
      base_apps = {
        instance_types = ["m7i.4xlarge", "m7i.2xlarge"]
        capacity_type  = "SPOT"
        min_size       = 1
        max_size       = 5
        desired_size   = 1
        disk_size      = 500
        ami_type       = "BOTTLEROCKET_x86_64"
        labels = {
          NodeGroup = "base-apps"
          Environment = "dev"
          WorkloadType = "base-apps"
          CostProfile = "optimized"
        }
        mixed_instances_policy = {
          on_demand_percentage_above_base_capacity = 30
        }
      }
  }
}

enable_karpenter  = true
karpenter_version = "1.6.2"
enable_crossplane = false
