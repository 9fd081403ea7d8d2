import type { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import type { ArgoApplication } from '../WaveBoard/buildWaveBoard';

/** A node of an Application's resource tree. */
export interface ArgoResourceNode {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  parentRefs?: Array<{ kind: string; name: string; uid?: string }>;
  health?: { status?: string; message?: string };
}

/** The ArgoCD instance the portal reads; the same one Roadie's plugin uses. */
export interface ArgoCdInstance {
  name: string;
  url: string;
  token?: string;
  username?: string;
  password?: string;
}

/**
 * Reads the first instance of `argocd.appLocatorMethods` (owned by Roadie's
 * ArgoCD backend, read here so the portal has one list of instances).
 */
export function readArgoCdInstance(config: Config): ArgoCdInstance | undefined {
  const instance = config
    .getOptionalConfigArray('argocd.appLocatorMethods')
    ?.flatMap(m => m.getOptionalConfigArray('instances') ?? [])[0];
  if (!instance) return undefined;
  return {
    name: instance.getString('name'),
    url: instance.getString('url').replace(/\/$/, ''),
    // the sync-capable account's token where one is configured apart from the
    // read-only token Roadie's backend reads with
    token:
      config.getOptionalString('syncWaves.argocdToken') ??
      instance.getOptionalString('token'),
    username: instance.getOptionalString('username'),
    password: instance.getOptionalString('password'),
  };
}

/** ArgoCD's REST API: list, sync. Every call has a timeout; failures name ArgoCD. */
export class ArgoCdClient {
  private session?: string;

  constructor(
    private readonly instance: ArgoCdInstance,
    private readonly timeoutMs = 5000,
  ) {}

  private async token(): Promise<string> {
    if (this.instance.token) return this.instance.token;
    if (!this.session) {
      const res = await this.call(
        '/api/v1/session',
        {
          method: 'POST',
          body: JSON.stringify({
            username: this.instance.username,
            password: this.instance.password,
          }),
        },
        false,
      );
      this.session = (await res.json()).token;
    }
    return this.session!;
  }

  private async call(
    path: string,
    init: RequestInit = {},
    auth = true,
  ): Promise<Response> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
    };
    if (auth) headers.authorization = `Bearer ${await this.token()}`;
    let res: Response;
    try {
      res = await fetch(`${this.instance.url}${path}`, {
        ...init,
        headers,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError'
          ? `did not answer within ${this.timeoutMs / 1000} s`
          : `is unreachable (${
              (error as Error & { cause?: Error }).cause?.message ??
              (error as Error).message
            })`;
      throw new ServiceUnavailableError(
        `ArgoCD at ${this.instance.url} ${reason}`,
      );
    }
    if (res.status === 401 && auth && !this.instance.token && this.session) {
      this.session = undefined; // expired session: log in again once
      return this.call(path, init, auth);
    }
    if (!res.ok) {
      throw new ServiceUnavailableError(
        `ArgoCD at ${this.instance.url} answered ${res.status} for ${path}`,
      );
    }
    return res;
  }

  /** Every Application, in one list call. */
  async listApplications(): Promise<ArgoApplication[]> {
    return (await (await this.call('/api/v1/applications')).json()).items ?? [];
  }

  /** The resource tree of an Application (its live objects and their parents). */
  async resourceTree(name: string): Promise<{ nodes: ArgoResourceNode[] }> {
    return (
      await this.call(
        `/api/v1/applications/${encodeURIComponent(name)}/resource-tree`,
      )
    ).json();
  }

  /** Starts a sync of an Application. */
  async sync(name: string): Promise<void> {
    await this.call(`/api/v1/applications/${encodeURIComponent(name)}/sync`, {
      method: 'POST',
      body: '{}',
    });
  }
}
