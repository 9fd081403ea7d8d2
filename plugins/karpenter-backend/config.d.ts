export interface Config {
  /** The karpenter plugin. It reads the clusters of kubernetes.clusterLocatorMethods through the Kubernetes backend. */
  karpenter?: {
    /** How long one read of a cluster is served before it is read again, in seconds. Default 30. */
    cacheSeconds?: number;
    /** Timeout of each list call, in seconds. Default 5. */
    timeoutSeconds?: number;
    /** Target share of spot capacity among the nodes Karpenter launched (0..1). Default 0.8. */
    spotTarget?: number;
  };
}
