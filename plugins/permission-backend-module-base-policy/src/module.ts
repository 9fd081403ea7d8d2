import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
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
        policy: policyExtensionPoint,
      },
      async init({ config, userInfo, policy }) {
        policy.setPolicy(
          new BasePermissionPolicy({
            userInfo,
            platformTeam: config.getOptionalString(
              'permission.base.platformTeam',
            ),
          }),
        );
      },
    });
  },
});
