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
       * What the portal backend checks for the tool's live status (2xx is up);
       * the browser never sees it. Overridden by apiStatus.toolHealthUrls.
       */
      healthUrl?: string;
    }>;
  };
}
