/**
 * Builds ticket buttons and sense lines from their config: a real GPIO line
 * (libgpiod or onoff), or the same driver over the simulated gpiochip.
 */
import type { ButtonConfig, SenseConfig } from '../../config/schema.js';
import type { SenseLine, TicketButton } from '../../controller/ports.js';
import type { DriverContext } from '../context.js';
import type { ButtonSimulator, SenseLineSimulator } from '../../controller/sim-ports.js';
import { openInputLine } from '../transport/gpio/open.js';
import { GpioTicketButton } from './button.js';
import { GpioSenseLine } from './sense-line.js';
import { SimButtonFinger, SimSenseInput } from './simulators.js';

/** Lines of the simulated chip: button n on line n, sense lines further up. */
export const SIM_SENSE_LINES = { 'mains-sense': 100, 'genset-sense': 101 } as const;

export function createButton(
  cfg: ButtonConfig,
  index: number,
  ctx: DriverContext,
  opts: { debounceMs?: number } = {},
): { device: TicketButton; simulator?: ButtonSimulator } {
  if (cfg.driver === 'sim') {
    const chip = ctx.board.gpio;
    const device = new GpioTicketButton(
      {
        index,
        chip: chip.name,
        line: index,
        debounceMs: opts.debounceMs,
        openLine: async () => chip.request({ chip: chip.name, line: index, bias: 'pull-up', consumer: `button-${index}` }),
      },
      ctx,
    );
    return { device, simulator: new SimButtonFinger(index, chip, index, ctx.clock) };
  }
  const device = new GpioTicketButton(
    {
      index,
      chip: cfg.chip,
      line: cfg.line,
      debounceMs: opts.debounceMs,
      activeLow: cfg.activeLow ?? true,
      openLine: () =>
        openInputLine(
          {
            chip: cfg.chip,
            line: cfg.line,
            bias: 'pull-up',
            consumer: `ktp-button-${index}`,
            debounceMs: opts.debounceMs ?? ctx.timeouts.buttonDebounceMs,
          },
          { backend: cfg.backend, clock: ctx.clock, pollMs: ctx.timeouts.gpioPollMs },
        ),
    },
    ctx,
  );
  return { device };
}

export function createSenseLine(
  cfg: SenseConfig,
  id: 'mains-sense' | 'genset-sense',
  ctx: DriverContext,
): { device: SenseLine; simulator?: SenseLineSimulator } {
  const activeLow = cfg.activeLow ?? false;
  if (cfg.driver === 'sim') {
    const chip = ctx.board.gpio;
    const line = SIM_SENSE_LINES[id];
    const simulator = new SimSenseInput(chip, line, activeLow);
    simulator.set(true); // the simulated office starts on mains, genset stopped
    if (id === 'genset-sense') simulator.set(false);
    const device = new GpioSenseLine(
      {
        id,
        chip: chip.name,
        line,
        activeLow,
        openLine: async () => chip.request({ chip: chip.name, line, consumer: id }),
      },
      ctx,
    );
    return { device, simulator };
  }
  const device = new GpioSenseLine(
    {
      id,
      chip: cfg.chip,
      line: cfg.line,
      activeLow,
      openLine: () =>
        openInputLine(
          { chip: cfg.chip, line: cfg.line, bias: 'as-is', consumer: `ktp-${id}`, debounceMs: ctx.timeouts.senseDebounceMs },
          { backend: cfg.backend, clock: ctx.clock, pollMs: ctx.timeouts.gpioPollMs },
        ),
    },
    ctx,
  );
  return { device };
}

export { GpioTicketButton } from './button.js';
export { GpioSenseLine } from './sense-line.js';
