import { PLATFORM_APPS } from '../argocd/buildApplications';
import { KubeObject, NodeInfo, roundRobin, workload } from './buildBaseCluster';
import { Namespace, Node } from './models';

/** The platform cluster (`platform-app-layer-dev`): a managed node group and the tools. */
export function buildPlatformCluster(created: string): KubeObject[] {
  const infos: NodeInfo[] = [0, 1, 2].map(i => ({
    name: `ip-10-1-0-${20 + i}.ec2.internal`,
    instanceType: 'm5.xlarge',
    capacityType: 'on-demand',
    claim: '',
    interrupted: false,
  }));
  const objects: KubeObject[] = infos.map(n => {
    const node = new Node({
      metadata: {
        name: n.name,
        creationTimestamp: created,
        labels: {
          'eks.amazonaws.com/nodegroup': 'platform_system',
          'eks.amazonaws.com/capacityType': 'ON_DEMAND',
          'node.kubernetes.io/instance-type': n.instanceType,
          'kubernetes.io/hostname': n.name,
        },
      },
      status: {
        capacity: { cpu: '4', memory: '16Gi', pods: '58' },
        allocatable: { cpu: '3920m', memory: '15Gi', pods: '58' },
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            lastTransitionTime: created,
          },
        ],
      },
    });
    node.validate();
    return node.toJSON() as KubeObject;
  });
  for (const ns of [...new Set(PLATFORM_APPS.map(a => a.namespace))]) {
    const namespace = new Namespace({
      metadata: {
        name: ns,
        creationTimestamp: created,
        labels: { 'kubernetes.io/metadata.name': ns },
      },
      status: { phase: 'Active' },
    });
    namespace.validate();
    objects.push(namespace.toJSON() as KubeObject);
  }
  const nodeFor = roundRobin(infos);
  for (const tool of PLATFORM_APPS) {
    objects.push(
      ...workload(
        {
          name: tool.name,
          module: '',
          folder: '',
          namespace: tool.namespace,
          type: 'platform-service',
          descriptor: tool.name,
          serviceName: tool.name,
          httpPort: 8080,
          metricsPort: 9090,
          healthPaths: ['/health'],
          minReplicas: 1,
          maxReplicas: 3,
        },
        {
          crashloop: false,
          nodeFor,
          liveNodes: infos,
          interruptedNames: new Set(),
          created,
        },
      ),
    );
  }
  return objects;
}
