export interface Config {
  base?: {
    /** How the BASE templates publish. */
    scaffolder?: {
      /** `local`: a commit in the platform tree the catalog reads (development); `github`: a pull request. Default local. */
      publish?: 'local' | 'github';
      /** For `github`: the platform repository as publish:github:pull-request takes it, e.g. github.com?owner=vsem-svoim&repo=base-app-layer. */
      repoUrl?: string;
      /** The branch pull requests target and modules' Applications track. Default main. */
      branch?: string;
      /** The platform repository's git URL for the modules' ArgoCD Applications. */
      gitUrl?: string;
    };
  };
}
