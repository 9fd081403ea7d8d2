import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

/** One audit event as a plugin reported it, with the actor its request carried. */
export interface Recorded {
  plugin: string;
  eventId: string;
  meta?: Record<string, unknown>;
  actor?: string;
  at: Date;
  status: 'initiated' | 'succeeded' | 'failed';
  error?: string;
}

/**
 * An auditor that keeps what it is told in `events`, with the actor the
 * request carries (as the default one logs).
 */
export const recordingAuditor = (events: Recorded[]) =>
  createServiceFactory({
    service: coreServices.auditor,
    deps: {
      plugin: coreServices.pluginMetadata,
      httpAuth: coreServices.httpAuth,
    },
    factory({ plugin, httpAuth }) {
      return {
        async createEvent(options) {
          let actor: string | undefined;
          if (options.request) {
            const credentials = await httpAuth
              .credentials(options.request as any)
              .catch(() => undefined);
            const p = credentials?.principal as any;
            actor = p?.userEntityRef ?? p?.subject;
          }
          const base = {
            plugin: plugin.getId(),
            eventId: options.eventId,
            meta: options.meta as Record<string, unknown> | undefined,
            actor,
          };
          events.push({ ...base, at: new Date(), status: 'initiated' });
          return {
            async success(params) {
              events.push({
                ...base,
                meta: { ...base.meta, ...(params?.meta ?? {}) },
                at: new Date(),
                status: 'succeeded',
              });
            },
            async fail(params) {
              events.push({
                ...base,
                meta: { ...base.meta, ...(params.meta ?? {}) },
                at: new Date(),
                status: 'failed',
                error: `${params.error.name}: ${params.error.message}`,
              });
            },
          };
        },
      };
    },
  });

/**
 * The mock auth, but a token a plugin gets on behalf of a user names that
 * plugin as its actor, as real on-behalf-of tokens do: the permission backend
 * refuses resource checks of users who call it directly.
 */
export const onBehalfOfAuth = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return Object.assign(Object.create(auth), {
      async getPluginRequestToken(
        options: Parameters<typeof auth.getPluginRequestToken>[0],
      ) {
        const p = options.onBehalfOf.principal as any;
        if (p.type !== 'user') return auth.getPluginRequestToken(options);
        return {
          token: mockCredentials.user.token(p.userEntityRef, {
            actor: { subject: `plugin:${plugin.getId()}` },
          }),
        };
      },
    });
  },
});

/** Resolves to what `read` gives once it gives something; 60 s at most. */
export async function until<T>(
  what: string,
  read: () => Promise<T | undefined>,
  seconds = 60,
): Promise<T> {
  for (let i = 0; i < seconds * 2; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The user-info service of a test: each user owns itself and its groups. */
export const groupsUserInfo = (groups: Record<string, string[]>) =>
  mockServices.userInfo.mock({
    async getUserInfo(credentials) {
      const ref = (credentials.principal as any).userEntityRef as string;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(groups[ref] ?? [])],
      };
    },
  }).factory;
