import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The sign-in providers that exist for development only. */
export const DEVELOPMENT_PROVIDERS = ['guest', 'member'];

/**
 * Refuses to start a production backend (`NODE_ENV=production`, as the image
 * runs) whose config enables a development sign-in, whatever config files
 * were merged: `--config app-config.yaml --config app-config.production.yaml`
 * would otherwise publish the guest, an unauthenticated platform-team member.
 */
export function assertNoDevelopmentSignIn(
  providers: string[],
  nodeEnv = process.env.NODE_ENV,
) {
  const enabled = DEVELOPMENT_PROVIDERS.filter(p => providers.includes(p));
  if (nodeEnv === 'production' && enabled.length > 0) {
    throw new Error(
      `Refusing to start: auth.providers.${enabled.join(
        ', auth.providers.',
      )} is a development sign-in and NODE_ENV is production. ` +
        'Production loads app-config.production.yaml alone (see the Dockerfile); ' +
        'app-config.yaml is for development.',
    );
  }
}

const memberAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize: () => ({ disabled: process.env.NODE_ENV !== 'development' }),
  async authenticate(_, { disabled }) {
    if (disabled) {
      throw new NotAllowedError(
        'The member sign-in exists in development only (NODE_ENV=development)',
      );
    }
    return { result: {} };
  },
});

/**
 * Development sign-in besides the guest: `member` enters as an ordinary
 * person of the catalog (`auth.providers.member.userEntityRef`, by default
 * boris.petrov of data-foundation-team), who owns some modules and is not in
 * platform-team, so the policy's refusals can be tried in the browser. Its
 * groups come from the catalog, as a real sign-in's do. The module also makes
 * a production backend with a development sign-in refuse to start.
 */
export const developmentSignInModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'development-sign-in',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        providers: authProvidersExtensionPoint,
      },
      async init({ config, providers }) {
        assertNoDevelopmentSignIn(
          config.getOptionalConfig('auth.providers')?.keys() ?? [],
        );
        const member = config.getOptionalConfig('auth.providers.member');
        if (!member) return;
        const userEntityRef =
          member.getOptionalString('userEntityRef') ??
          'user:default/boris.petrov';
        providers.registerProvider({
          providerId: 'member',
          factory: createProxyAuthProviderFactory({
            authenticator: memberAuthenticator,
            async signInResolver(_, ctx) {
              return ctx.signInWithCatalogUser({ entityRef: userEntityRef });
            },
          }),
        });
      },
    });
  },
});
