/** Stand-ins for node-libgpiod and onoff, for machines without GPIO hardware. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, dirname } from 'node:path';
import type { LibgpiodModule } from '../../../../src/drivers/transport/gpio/libgpiod-line.js';
import type { OnoffModule } from '../../../../src/drivers/transport/gpio/onoff-line.js';

const errno = (code: string) => Object.assign(new Error(`${code} (fake)`), { code });

export function fakeLibgpiod(chips: Record<string, number>) {
  const values = new Map<string, number>();
  const held = new Map<string, string>();
  const flagsSeen: number[] = [];
  const gone = new Set<string>();
  let reads = 0;
  const mod: LibgpiodModule = {
    Line: { RequestFlags: { BIAS_DISABLE: 8, BIAS_PULL_DOWN: 16, BIAS_PULL_UP: 32 } },
    Chip: class {
      readonly numberOfLines: number;
      constructor(readonly name: string) {
        if (!(name in chips) || gone.has(name)) throw errno('ENOENT');
        this.numberOfLines = chips[name]!;
      }
      getLine(offset: number) {
        const key = `${this.name}:${offset}`;
        return {
          requestInputModeFlags(consumer: string, flags: number) {
            if (held.has(key)) throw errno('EBUSY');
            held.set(key, consumer);
            flagsSeen.push(flags);
          },
          getValue() {
            reads++;
            if (gone.has(key.split(':')[0]!)) throw errno('ENODEV');
            return values.get(key) ?? 1;
          },
          release() {
            held.delete(key);
          },
        };
      }
    },
  };
  return {
    mod,
    set: (chip: string, line: number, v: number) => values.set(`${chip}:${line}`, v),
    hold: (chip: string, line: number) => held.set(`${chip}:${line}`, 'someone'),
    held,
    flagsSeen,
    /** Unplugs (true) or replugs (false) a chip. */
    unplug: (chip: string, out = true) => (out ? gone.add(chip) : gone.delete(chip)),
    reads: () => reads,
  };
}

export function fakeOnoff(accessible = true) {
  const exported = new Map<number, { value: number; watchers: ((e: null, v: number) => void)[] }>();
  const busy = new Set<number>();
  class Gpio {
    static accessible = accessible;
    constructor(
      readonly n: number,
      _dir: 'in',
      _edge: 'both',
    ) {
      if (busy.has(n)) throw errno('EBUSY');
      exported.set(n, { value: 1, watchers: [] });
    }
    readSync() {
      return exported.get(this.n)!.value;
    }
    watch(cb: (e: null, v: number) => void) {
      exported.get(this.n)!.watchers.push(cb);
    }
    unwatchAll() {
      exported.get(this.n)!.watchers = [];
    }
    unexport() {
      exported.delete(this.n);
    }
  }
  return {
    mod: { Gpio } as unknown as OnoffModule,
    exported,
    busy,
    /** An interrupt: the kernel reports the value read after the edge. */
    edge(n: number, value: number) {
      const e = exported.get(n)!;
      e.value = value;
      for (const w of e.watchers) w(null, value);
    },
  };
}

/** A sysfs tree: chips as { chardev: 'gpiochip0', device: 'platform/soc/x.gpio', legacy: [{ base, ngpio, label }] }. */
export function fakeSysfs(
  chips: { chardev: string; device: string; legacy: { base: number; ngpio: number; label: string }[]; legacyUnderChip?: boolean }[],
) {
  const root = mkdtempSync(join(tmpdir(), 'ktp-sysfs-'));
  mkdirSync(join(root, 'bus/gpio/devices'), { recursive: true });
  mkdirSync(join(root, 'class/gpio'), { recursive: true });
  for (const c of chips) {
    const dev = join(root, 'devices', c.device);
    const gdev = join(dev, c.chardev);
    mkdirSync(gdev, { recursive: true });
    const link = join(root, 'bus/gpio/devices', c.chardev);
    symlinkSync(relative(dirname(link), gdev), link);
    for (const l of c.legacy) {
      const dir = join(c.legacyUnderChip ? gdev : dev, 'gpio', `gpiochip${l.base}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'base'), `${l.base}\n`);
      writeFileSync(join(dir, 'ngpio'), `${l.ngpio}\n`);
      writeFileSync(join(dir, 'label'), `${l.label}\n`);
      const classLink = join(root, 'class/gpio', `gpiochip${l.base}`);
      symlinkSync(relative(dirname(classLink), dir), classLink);
    }
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
