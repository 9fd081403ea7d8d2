export interface Config {
  permission?: {
    base?: {
      /**
       * The group whose members may do everything in the portal.
       * Defaults to group:default/platform-team.
       */
      platformTeam?: string;
    };
  };
}
