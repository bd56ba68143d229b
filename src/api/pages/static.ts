/**
 * The pages' files (HTML, CSS, plain JS modules) are served as they are, with
 * no build step. They live beside the source in src/api/pages/public; when the
 * station runs compiled from dist/, the same folder is found from there.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/** Only plain names: no folders, no dots but the extension. */
const SAFE_NAME = /^[a-z0-9][a-z0-9-]*\.(html|css|js|svg|json)$/;

/**
 * The page files stay in src/api/pages/public (no build step): found beside
 * this module when run from source, or by walking up from the compiled or
 * bundled module to the project folder.
 */
export function findPublicDir(): string {
  const tried: string[] = [];
  let dir = fileURLToPath(new URL('.', import.meta.url));
  for (let i = 0; i < 8; i++) {
    for (const candidate of [join(dir, 'public'), join(dir, 'src/api/pages/public')]) {
      if (existsSync(join(candidate, 'display.html'))) return candidate;
      tried.push(candidate);
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`pages: public files not found (looked in ${tried.join(', ')})`);
}

export interface StaticFile {
  body: Buffer;
  type: string;
}

export async function readPublic(dir: string, name: string): Promise<StaticFile | null> {
  if (!SAFE_NAME.test(name)) return null;
  try {
    return { body: await readFile(join(dir, name)), type: TYPES[extname(name)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
