export interface Config {
  /** The karpenter plugin. It reads the clusters of kubernetes.clusterLocatorMethods through the Kubernetes backend. */
  karpenter?: {
    /** How long one read of a cluster is served before it is read again, in seconds. Default 30. */
    cacheSeconds?: number;
    /** Timeout of each list call, in seconds. Default 5. */
    timeoutSeconds?: number;
    /** Target share of spot capacity among the nodes Karpenter launched (0..1). Default 0.8. */
    spotTarget?: number;
    /**
     * The price table the Cost cards work from: each node's hourly price is
     * attributed to the pods on it by their share of its CPU and memory.
     * Absent: the Cost cards say that no price table is configured.
     */
    prices?: {
      /** Default USD. */
      currency?: string;
      /** The AWS region the prices are for, e.g. us-east-1. */
      region: string;
      /** Where the table's figures come from (shown on the cards). */
      source: string;
      /** When they were taken (shown on the cards), e.g. 2026-11-30. */
      date: string;
      /** Hourly prices per instance type; spot is used when the live feed has none. */
      instanceTypes: Array<{ type: string; onDemand: number; spot?: number }>;
      /** Relative hourly rate of one vCPU, to split a node's price between CPU and memory. Default OpenCost's 0.031611. */
      cpuRate?: number;
      /** Relative hourly rate of one GiB of memory. Default OpenCost's 0.004237. */
      memoryGiBRate?: number;
    };
    /**
     * Live spot prices from EC2 DescribeSpotPriceHistory (Linux/UNIX), per
     * instance type and zone. Needs `prices`. Absent: the table's spot prices.
     */
    spotPriceHistory?: {
      /** Default: the region's EC2 endpoint. The sandbox serves a stand-in. */
      endpoint?: string;
      /** Default: prices.region. */
      region?: string;
      /** How often to read the prices again, in minutes. Default 60. */
      refreshMinutes?: number;
      /** Static keys, for the sandbox only; production uses the default chain (IRSA). */
      accessKeyId?: string;
      /** @visibility secret */
      secretAccessKey?: string;
    };
  };
}
