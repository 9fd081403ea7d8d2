import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The BASE platform repository, read into the catalog: its module
       * folders become Domains, Systems, Components and Resources.
       * Set exactly one of `directory` and `url`.
       */
      basePlatform?: {
        /**
         * A local checkout of the platform tree (development), relative to
         * the backend's working directory or absolute.
         */
        directory?: string;
        /**
         * The platform tree in a repository, read through the UrlReader
         * (production), e.g. https://github.com/org/repo/tree/main.
         */
        url?: string;
        /**
         * Owner of modules whose domain has no owner below and of the
         * platform's own entities; default group:default/platform-team.
         */
        defaultOwner?: string;
        /**
         * Owner group per domain (entity name of the Domain → group ref);
         * the real repository names no owners. Defaults: the domain teams.
         */
        ownersByDomain?: { [domain: string]: string };
        /**
         * Folders whose ApplicationSets ArgoCD applies (not recursive);
         * default platform-services-v2/automation/gitops/applicationsets.
         */
        applicationSetFolders?: string[];
        /** How often to read the tree; default every 2 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
