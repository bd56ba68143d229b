/**
 * The walls CI relies on: a wrong-way import fails `npm run lint:layers` (part
 * of `npm run lint`, run before every `npm test`) with the rule's name, and
 * `npm run typecheck` covers every test file.
 */
import t, { type Test } from 'tap';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Files under dir (relative to ROOT) whose names end with ext. */
const filesUnder = (dir: string, ext: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => join(dir, f));
const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;

/** Runs the project's own `lint:layers` command line over a small tree of files. */
async function lintLayers(t: Test, files: Record<string, string>) {
  const dir = t.testdir({ 'tsconfig.json': readFileSync(join(ROOT, 'tsconfig.json'), 'utf8') });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const [bin, ...args] = scripts['lint:layers']!.split(' ');
  t.equal(bin, 'depcruise');
  const argv = args.map((a) => (a.startsWith('.dependency-cruiser') ? join(ROOT, a) : a));
  try {
    const out = await run(join(ROOT, 'node_modules/.bin/depcruise'), argv, { cwd: dir });
    return { code: 0, output: out.stdout + out.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

t.test('npm run lint runs the layer rule, and npm test runs lint and typecheck first', async (t) => {
  t.match(scripts.lint, /npm run -s lint:layers/);
  t.match(scripts.lint, /eslint \./);
  const prepare = readFileSync(join(ROOT, 'scripts/test-prepare.sh'), 'utf8');
  t.match(scripts.pretest, /test-prepare\.sh/);
  t.match(prepare, /npm run -s lint\n/);
  t.match(prepare, /npm run -s typecheck\n/);
});

t.test('a controller file importing a driver fails with the rule named', async (t) => {
  const r = await lintLayers(t, {
    'src/drivers/printer/driver.ts': 'export const PRINTER = 1;\n',
    'src/controller/dispenser.ts': "import { PRINTER } from '../drivers/printer/driver.js';\nexport const x = PRINTER;\n",
  });
  t.not(r.code, 0, 'lint fails');
  t.match(r.output, 'layers: controller imports no driver and no api');
  t.match(r.output, 'src/controller/dispenser.ts → src/drivers/printer/driver.ts');
});

t.test('a type-only import the wrong way fails too', async (t) => {
  const r = await lintLayers(t, {
    'src/controller/ports.ts': 'export interface Port { id: string }\n',
    'src/api/routes.ts': "import type { Thing } from '../drivers/thing.js';\nexport type T = Thing;\n",
    'src/drivers/thing.ts': "import type { Port } from '../controller/ports.js';\nexport type Thing = Port;\n",
  });
  t.not(r.code, 0);
  t.match(r.output, 'layers: api imports no driver');
  t.notMatch(r.output, 'src/drivers/thing.ts →', 'a driver implementing a port is the right way');
});

t.test('the transport does not see drivers, and drivers see only the ports of the controller', async (t) => {
  const r = await lintLayers(t, {
    'src/drivers/context.ts': 'export const CTX = 1;\n',
    'src/drivers/transport/serial/line.ts': "import { CTX } from '../../context.js';\nexport const y = CTX;\n",
    'src/controller/voice/call-text.ts': 'export const say = 1;\n',
    'src/drivers/speech/espeak.ts': "import { say } from '../../controller/voice/call-text.js';\nexport const z = say;\n",
  });
  t.not(r.code, 0);
  t.match(r.output, 'layers: transport imports only transport');
  t.match(r.output, 'layers: drivers see the controller only through its ports');
});

t.test('imports the right way pass', async (t) => {
  const r = await lintLayers(t, {
    'src/shared/clock.ts': 'export const now = () => 0;\n',
    'src/controller/ports.ts': "import { now } from '../shared/clock.js';\nexport const n = now;\n",
    'src/drivers/printer/driver.ts': "import { n } from '../../controller/ports.js';\nexport const p = n;\n",
    'src/api/app.ts': "import { n } from '../controller/ports.js';\nexport const a = n;\n",
    'src/station.ts': "import { p } from './drivers/printer/driver.js';\nimport { a } from './api/app.js';\nexport const s = [p, a];\n",
  });
  t.equal(r.code, 0, r.output);
});

t.test('typecheck covers every TypeScript file under tests/ and the pages with // @ts-check', async (t) => {
  t.match(scripts.typecheck, /tsc -p tsconfig\.tests\.json/);
  t.match(scripts.typecheck, /tsc -p tsconfig\.pages\.json/);
  const { stdout } = await run(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.tests.json', '--listFilesOnly'],
    {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const listed = new Set(stdout.split('\n').map((l) => l.trim()));
  const testFiles = filesUnder('tests', '.ts');
  t.ok(testFiles.length > 50);
  t.same(
    testFiles.filter((f) => !listed.has(join(ROOT, f))),
    [],
    'no test file is left out',
  );
  const pages = filesUnder('src/api/pages/public', '.js');
  for (const f of pages) t.match(readFileSync(join(ROOT, f), 'utf8'), /^\/\/ @ts-check\n/, `${f} says // @ts-check`);
});
