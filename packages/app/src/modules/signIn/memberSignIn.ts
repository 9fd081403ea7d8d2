import {
  BackstageIdentityApi,
  BackstageIdentityResponse,
  createApiRef,
  DiscoveryApi,
  ProfileInfo,
  ProfileInfoApi,
  SessionApi,
  SessionState,
} from '@backstage/frontend-plugin-api';
import type { Observable } from '@backstage/types';

/** The development sign-in as an ordinary person (auth provider `member`). */
export const memberAuthApiRef = createApiRef<
  ProfileInfoApi & BackstageIdentityApi & SessionApi
>({ id: 'internal.auth.member' });

interface Session {
  profile: ProfileInfo;
  backstageIdentity: BackstageIdentityResponse;
  expiresAt: number;
}

/** How long before a token's expiry it is fetched again. */
const MARGIN_MS = 60_000;

/**
 * The auth backend's `member` provider (development only), a proxy provider
 * like the guest: `GET /api/auth/member/refresh` answers the session of the
 * person the backend's config names. Kept until a minute before its token
 * expires.
 */
export class MemberAuthApi
  implements ProfileInfoApi, BackstageIdentityApi, SessionApi
{
  private session?: Promise<Session>;
  private state: SessionState = SessionState.SignedOut;
  private readonly observers = new Set<(s: SessionState) => void>();

  constructor(private readonly discoveryApi: DiscoveryApi) {}

  private async fetchSession(): Promise<Session> {
    const baseUrl = await this.discoveryApi.getBaseUrl('auth');
    const res = await fetch(`${baseUrl}/member/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      credentials: 'include',
    });
    if (!res.ok) {
      throw new Error(
        `member sign-in failed: HTTP ${res.status} ${await res.text()}`,
      );
    }
    const body = await res.json();
    const expiresInMs =
      (body.backstageIdentity.expiresInSeconds ?? 3600) * 1000;
    return {
      profile: body.profile ?? {},
      backstageIdentity: body.backstageIdentity,
      expiresAt: Date.now() + expiresInMs - MARGIN_MS,
    };
  }

  private async current(optional?: boolean): Promise<Session | undefined> {
    const cached = this.session && (await this.session.catch(() => undefined));
    if (cached && cached.expiresAt > Date.now()) return cached;
    this.session = this.fetchSession();
    try {
      const session = await this.session;
      this.setState(SessionState.SignedIn);
      return session;
    } catch (error) {
      this.session = undefined;
      this.setState(SessionState.SignedOut);
      if (optional) return undefined;
      throw error;
    }
  }

  private setState(state: SessionState) {
    if (state === this.state) return;
    this.state = state;
    this.observers.forEach(o => o(state));
  }

  async getBackstageIdentity(options?: { optional?: boolean }) {
    return (await this.current(options?.optional))?.backstageIdentity;
  }

  async getProfile(options?: { optional?: boolean }) {
    return (await this.current(options?.optional))?.profile;
  }

  async signIn() {
    await this.current();
  }

  async signOut() {
    this.session = undefined;
    this.setState(SessionState.SignedOut);
  }

  sessionState$(): Observable<SessionState> {
    const observable: Observable<SessionState> = {
      [Symbol.observable]: () => observable,
      subscribe: (next?: any) => {
        const fn =
          typeof next === 'function'
            ? next
            : (s: SessionState) => next?.next?.(s);
        this.observers.add(fn);
        fn(this.state);
        let closed = false;
        return {
          get closed() {
            return closed;
          },
          unsubscribe: () => {
            closed = true;
            this.observers.delete(fn);
          },
        };
      },
    };
    return observable;
  }
}
