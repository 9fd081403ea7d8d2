import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { BasePermissionPolicy } from './BasePermissionPolicy';

/** Installs {@link BasePermissionPolicy} as the permission backend's policy. */
export const permissionModuleBasePolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'base-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        policy: policyExtensionPoint,
      },
      async init({ config, userInfo, auth, catalog, policy }) {
        policy.setPolicy(
          new BasePermissionPolicy({
            userInfo,
            platformTeam: config.getOptionalString(
              'permission.base.platformTeam',
            ),
            ownedModules: async claims => {
              if (claims.length === 0) return [];
              const { items } = await catalog.getEntities(
                {
                  filter: {
                    kind: 'System',
                    'metadata.annotations.base.io/module':
                      CATALOG_FILTER_EXISTS,
                    'relations.ownedBy': claims,
                  },
                  fields: ['kind', 'metadata.namespace', 'metadata.name'],
                },
                { credentials: await auth.getOwnServiceCredentials() },
              );
              return items.map(e => stringifyEntityRef(e));
            },
          }),
        );
      },
    });
  },
});
