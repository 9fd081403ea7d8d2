export interface Config {
  techdocs?: {
    generator?: {
      mkdocs?: {
        /**
         * Build without the techdocs-core mkdocs plugin (Debian's mkdocs has
         * none). Read by @backstage/plugin-techdocs-node's generator, which
         * does not declare it in this release's schema.
         */
        omitTechdocsCorePlugin?: boolean;
      };
    };
  };
}
