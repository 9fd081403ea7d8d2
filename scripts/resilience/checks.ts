/* The check list, guest sign-in and slow scaffolder run shared by the resilience scripts. */
import path from 'node:path';

/**
 * Named checks, each printed as it is made; `run` ends the process with
 * "[tag] N passed, M failed", the line ./portal test counts.
 */
export function checkList(tag: string) {
  const results: Array<{ check: string; ok: boolean; detail?: string }> = [];
  const check = (name: string, ok: boolean, detail?: string) => {
    results.push({ check: name, ok, detail });
    console.log(
      `[${tag}] ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`,
    );
  };
  const run = (main: () => Promise<void>, logs: string) =>
    main()
      .catch(error => {
        check(`the ${tag} run completed`, false, String(error?.stack ?? error));
      })
      .finally(() => {
        const failed = results.filter(r => !r.ok).length;
        console.log(
          `[${tag}] ${
            results.length - failed
          } passed, ${failed} failed; logs in ${logs}`,
        );
        process.exit(failed > 0 ? 1 : 0);
      });
  return { check, run };
}

/** A user token from the guest provider of the development config. */
export async function guestToken(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/guest/refresh?env=development`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in: HTTP ${res.status}`);
  return (await res.json()).backstageIdentity.token as string;
}

/**
 * Config for a scaffolder run to kill: the slow module template and the org
 * (its owner must be a Group of the catalog) as the catalog's locations —
 * arrays replace app-config.yaml's — and a run whose worker stopped sending
 * heartbeats failed after 15 s (minutes: 0 replaces app-config.yaml's
 * minutes: the objects merge).
 */
export const slowRunConfig = {
  locations: [
    {
      type: 'file',
      target: path.join(__dirname, 'slow-module-template.yaml'),
      rules: [{ allow: ['Template'] }],
    },
    {
      type: 'file',
      target: path.join(__dirname, '../../examples/org.yaml'),
      rules: [{ allow: ['User', 'Group'] }],
    },
  ],
  scaffolder: {
    taskTimeout: { minutes: 0, seconds: 15 },
    taskTimeoutJanitorFrequency: { minutes: 0, seconds: 5 },
  },
};
