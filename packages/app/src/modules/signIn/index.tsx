import { OAuth2 } from '@backstage/core-app-api';
import { SignInPage, SignInProviderConfig } from '@backstage/core-components';
import {
  ApiBlueprint,
  BackstageIdentityApi,
  configApiRef,
  createApiRef,
  createFrontendModule,
  discoveryApiRef,
  githubAuthApiRef,
  oauthRequestApiRef,
  OpenIdConnectApi,
  ProfileInfoApi,
  SessionApi,
  useApi,
} from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { MemberAuthApi, memberAuthApiRef } from './memberSignIn';

/** The company IdP, through the auth backend's `oidc` provider. */
export const oidcAuthApiRef = createApiRef<
  OpenIdConnectApi & ProfileInfoApi & BackstageIdentityApi & SessionApi
>({ id: 'internal.auth.oidc' });

const oidcAuthApi = ApiBlueprint.make({
  name: 'oidc',
  params: defineParams =>
    defineParams({
      api: oidcAuthApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        oauthRequestApi: oauthRequestApiRef,
        configApi: configApiRef,
      },
      factory: ({ discoveryApi, oauthRequestApi, configApi }) =>
        OAuth2.create({
          configApi,
          discoveryApi,
          oauthRequestApi,
          provider: { id: 'oidc', title: 'Company IdP', icon: () => null },
          environment: configApi.getOptionalString('auth.environment'),
          defaultScopes: ['openid', 'profile', 'email', 'offline_access'],
        }),
    }),
});

const memberAuthApi = ApiBlueprint.make({
  name: 'member',
  params: defineParams =>
    defineParams({
      api: memberAuthApiRef,
      deps: { discoveryApi: discoveryApiRef },
      factory: ({ discoveryApi }) => new MemberAuthApi(discoveryApi),
    }),
});

const PROVIDERS: Record<string, SignInProviderConfig | 'guest'> = {
  guest: 'guest',
  member: {
    id: 'member-auth-provider',
    title: 'Member (development)',
    message:
      'Enter as boris.petrov of data-foundation-team: owns the data-foundation modules, not in platform-team',
    apiRef: memberAuthApiRef,
  },
  oidc: {
    id: 'oidc-auth-provider',
    title: 'Company account',
    message: 'Sign in with the company identity provider',
    apiRef: oidcAuthApiRef,
  },
  github: {
    id: 'github-auth-provider',
    title: 'GitHub',
    message: 'Sign in with your GitHub account',
    apiRef: githubAuthApiRef,
  },
};

/**
 * The sign-in page offers the providers `app.signInProviders` names: guest
 * (platform-team) and member (an ordinary person) in the development config
 * only, the company IdP and GitHub in production.
 */
const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props => {
      const configApi = useApi(configApiRef);
      const names = configApi.getOptionalStringArray('app.signInProviders') ?? [
        'guest',
      ];
      const providers = names.flatMap(n =>
        PROVIDERS[n] ? [PROVIDERS[n]] : [],
      );
      return <SignInPage {...props} providers={providers} />;
    },
  },
});

/** Sign-in: the page and the company IdP's auth API. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [oidcAuthApi, memberAuthApi, signInPage],
});
