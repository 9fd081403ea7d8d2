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
        /** How often to read the tree; default every 2 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
