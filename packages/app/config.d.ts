export interface Config {
  app?: {
    /**
     * Sign-in providers the sign-in page offers, in order: `guest`
     * (development config only), `oidc` (the company IdP), `github`.
     * @visibility frontend
     */
    signInProviders?: string[];
  };
  /** Settings of the BASE Developer Portal. */
  base?: {
    /**
     * The platform tools listed on the Home page, each reached through the
     * platform's public entry point (https://fin.vsem-svoim.com/<tool>/).
     */
    tools?: Array<{
      /**
       * Stable identifier, e.g. `argocd`.
       * @visibility frontend
       */
      id: string;
      /**
       * Display name, e.g. `ArgoCD`.
       * @visibility frontend
       */
      title: string;
      /**
       * One line on what the tool is for.
       * @visibility frontend
       */
      description?: string;
      /**
       * Where the tool's UI lives.
       * @visibility frontend
       */
      url: string;
      /**
       * What the portal backend checks for the tool's live status: the
       * tool's in-cluster Service at its own health path; the browser never
       * sees it. Overridden by apiStatus.toolHealthUrls.
       */
      healthUrl?: string;
      /**
       * What the tool answers at healthUrl when healthy; anything else is
       * "down" (an SPA fallback, an error page, another service).
       */
      expect?: {
        /** Status code(s) of a healthy answer. Default 200. */
        status?: number | number[];
        /** Regular expression the trimmed body must match. */
        body?: string;
        /** JSON the body must contain (a deep subset). */
        json?: any;
        /** Header name → regular expression its value must match. */
        headers?: { [name: string]: string };
      };
    }>;
  };
}
