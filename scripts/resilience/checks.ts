/* The check list and guest sign-in shared by the resilience scripts. */

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
