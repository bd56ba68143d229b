/**
 * Secrets on the board's disk (a broker password, a TLS key): read only when
 * private to the user the program runs as, and URLs shown without credentials.
 */
import { readFileSync, statSync } from 'node:fs';

/** A problem a technician fixes on the machine (a file's mode, a missing file); the program keeps running and retries. */
export class SetupError extends Error {
  override name = 'SetupError';
}

/**
 * Reads a file that must be private to this program's user: one that others
 * on the machine can read is refused, with the command that fixes it.
 */
export function readPrivateFile(path: string, what: string): string {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new SetupError(`${what} ${path} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!st.isFile()) throw new SetupError(`${what} ${path} is not a file`);
  const mode = st.mode & 0o777;
  if ((mode & 0o077) !== 0)
    throw new SetupError(
      `${what} ${path} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${path} (owner: the station's user)`,
    );
  const uid = process.getuid?.();
  if (uid !== undefined && uid !== 0 && st.uid !== uid)
    throw new SetupError(`${what} ${path} belongs to uid ${st.uid}, not to this program's user (uid ${uid}); chown it`);
  return readFileSync(path, 'utf8');
}

/** Reads a file anyone may read (a CA certificate), as a SetupError when it cannot. */
export function readSetupFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new SetupError(`${what} ${path} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** A URL without the user name and password it may carry, for logs and screens. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}
