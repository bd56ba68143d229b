/**
 * The station's ticket button and mains/genset sense lines, built by their
 * factories from hardware config, on gpio-sim lines moved from sysfs, with each
 * GPIO backend: the station's uAPI v2 addon (kernel edge events and debounce), node-libgpiod
 * (polled) and onoff (sysfs edges, base found from the chip). Each reports the backend it runs on.
 */
import { createButton, createSenseLine } from '../../../src/drivers/gpio/index.js';
import { ctx, statusBecomes, using } from './context.js';
import { hil } from './env.js';
import { eventually, expect, expectEqual, group } from './harness.js';
import { pull } from './sim-gpio.js';

const g = group('gpio-drivers');
export default g;

const BACKENDS = [
  { backend: 'cdev', button: 18, mains: 19, genset: 20 },
  { backend: 'libgpiod', button: 4, mains: 5, genset: 6 },
  { backend: 'onoff', button: 12, mains: 13, genset: 14 },
] as const;

const settle = () => new Promise((r) => setTimeout(r, 150)); // longer than any debounce, so "nothing more" can be seen

for (const b of BACKENDS) {
  g.check(`ticket button (${b.backend}): one press per push`, async () => {
    pull(b.button, 'up'); // released: the pull-up holds it high
    const { device } = createButton({ driver: 'gpio', service: 'A', chip: hil.gpioChip(), line: b.button, backend: b.backend }, 1, ctx, {
      debounceMs: 20,
    });
    await using(device, async (d) => {
      let presses = 0;
      d.onPress(() => presses++);
      const now = () => `(${presses} presses; button says ${JSON.stringify(d.state())})`;
      await statusBecomes(d, 'ok');
      expect(d.state().detail.includes(`(${b.backend})`), `the status names the backend: ${d.state().detail}`);
      if (b.backend === 'cdev') expect(/kernel debounce 20 ms/.test(d.state().detail), `kernel debounce in use: ${d.state().detail}`);
      pull(b.button, 'down');
      await eventually(
        () => presses === 1,
        () => `the first press ${now()}`,
      );
      pull(b.button, 'up');
      await settle();
      expectEqual(presses, 1, 'presses after release');
      pull(b.button, 'down');
      await eventually(
        () => presses === 2,
        () => `the second press ${now()}`,
      );
      pull(b.button, 'up');
      await settle();
      expectEqual(presses, 2, 'presses in all');
    });
  });

  g.check(`mains and genset sense lines (${b.backend}): level and changes`, async () => {
    pull(b.mains, 'up'); // mains present
    pull(b.genset, 'down'); // genset stopped
    const mains = createSenseLine({ driver: 'gpio', chip: hil.gpioChip(), line: b.mains, backend: b.backend }, 'mains-sense', ctx).device;
    const genset = createSenseLine(
      { driver: 'gpio', chip: hil.gpioChip(), line: b.genset, backend: b.backend },
      'genset-sense',
      ctx,
    ).device;
    await using(mains, async (m) =>
      using(genset, async (gs) => {
        const changes: string[] = [];
        m.onChange((p) => changes.push(`mains ${p}`));
        gs.onChange((p) => changes.push(`genset ${p}`));
        await eventually(
          () => m.present() === true && gs.present() === false,
          `initial levels (mains ${m.present()}, genset ${gs.present()})`,
        );
        pull(b.mains, 'down'); // outage
        await eventually(() => m.present() === false, 'mains to drop');
        pull(b.genset, 'up'); // genset starts
        await eventually(() => gs.present() === true, 'genset to run');
        pull(b.mains, 'up'); // mains back
        await eventually(() => m.present() === true, 'mains to return');
        expectEqual(changes, ['mains false', 'genset true', 'mains true'], 'changes reported');
      }),
    );
  });
}
