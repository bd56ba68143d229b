/**
 * The guest side of the VM tier: named checks run one after another, each with
 * its own deadline, and each result printed as one line the host test parses:
 *   KTP-HIL-CHECK {"group":"i2c","name":"…","ok":true,"ms":12}
 */
export const CHECK_PREFIX = 'KTP-HIL-CHECK ';
/** Printed first, one line per check, so the host notices a check that never reported. */
export const PLAN_PREFIX = 'KTP-HIL-PLAN ';

export interface CheckResult {
  group: string;
  name: string;
  ok: boolean;
  ms: number;
  detail?: string;
}

type CheckFn = () => Promise<void>;

export interface Group {
  name: string;
  checks: Array<{ name: string; fn: CheckFn }>;
}

export function group(name: string): Group & { check(name: string, fn: CheckFn): void } {
  const g: Group = { name, checks: [] };
  return Object.assign(g, { check: (n: string, fn: CheckFn) => void g.checks.push({ name: n, fn }) });
}

export class CheckFailed extends Error {}

export function expect(cond: unknown, what: string): asserts cond {
  if (!cond) throw new CheckFailed(what);
}

export function expectEqual<T>(actual: T, wanted: T, what: string): void {
  const a = JSON.stringify(actual);
  const w = JSON.stringify(wanted);
  if (a !== w) throw new CheckFailed(`${what}: got ${a}, wanted ${w}`);
}

/** Resolves when `predicate` holds, polling every `everyMs`; rejects after `withinMs`. */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  what: string | (() => string),
  withinMs = 10_000,
  everyMs = 5,
): Promise<void> {
  const until = Date.now() + withinMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > until) throw new CheckFailed(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Runs every check of the groups, prints one result line each, returns the failures. */
export async function runGroups(groups: Group[], perCheckMs = 60_000): Promise<number> {
  let failures = 0;
  for (const g of groups) {
    for (const c of g.checks) process.stdout.write(PLAN_PREFIX + JSON.stringify({ group: g.name, name: c.name }) + '\n');
  }
  for (const g of groups) {
    for (const c of g.checks) {
      const t0 = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CheckFailed(`no result within ${perCheckMs} ms`)), perCheckMs);
      });
      const result: CheckResult = { group: g.name, name: c.name, ok: true, ms: 0 };
      try {
        await Promise.race([c.fn(), deadline]);
      } catch (err) {
        result.ok = false;
        result.detail = err instanceof Error ? (err instanceof CheckFailed ? err.message : (err.stack ?? err.message)) : String(err);
        failures++;
      } finally {
        clearTimeout(timer);
      }
      result.ms = Date.now() - t0;
      process.stdout.write(CHECK_PREFIX + JSON.stringify(result) + '\n');
    }
  }
  return failures;
}
