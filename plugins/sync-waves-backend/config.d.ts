export interface Config {
  /** The sync-waves plugin: ArgoCD Applications by wave. It reads the ArgoCD instance from `argocd.appLocatorMethods`. */
  syncWaves?: {
    /** How long one list of all Applications is served before ArgoCD is asked again, in seconds. Default 30. */
    cacheTtlSeconds?: number;
    /** Timeout of each call to ArgoCD, in seconds. Default 5. */
    timeoutSeconds?: number;
    /**
     * The token of the ArgoCD account that may sync. Where set, only this
     * plugin holds it; `argocd.appLocatorMethods[].instances[].token` (what
     * Roadie's backend reads with) can then be a read-only account's.
     * Default: that instance's token.
     * @visibility secret
     */
    argocdToken?: string;
    /** The drift comparison of the platform tree (catalog.providers.basePlatform) with the clusters. */
    drift?: {
      /** How long one read of the platform tree is used, in seconds. Default 120. */
      treeSeconds?: number;
    };
  };
}
