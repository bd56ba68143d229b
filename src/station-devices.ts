/**
 * The station's devices as one table (part of the composition root): where
 * each kind sits in the config, which factory builds its driver (and, for
 * `driver: sim`, its simulator), and which part of the station it serves.
 * Adding a kind of device is one row here and one factory.
 */
import type { ResolvedConfig } from './config/load.js';
import type { ButtonConfig } from './config/schema.js';
import type {
  BarcodeScanner,
  CardReader,
  CounterDisplay,
  Device,
  EntranceScanner,
  TicketButton,
  TicketPrinter,
} from './controller/ports.js';
import type { SimulatorEntry } from './controller/sim-ports.js';
import type { PowerPorts } from './controller/power/supervisor.js';
import type { DeviceRegistry } from './controller/device-registry.js';
import type { DriverContext } from './drivers/context.js';
import type { DeviceFactories } from './drivers/factory-types.js';

/** The drivers, sorted by the part of the station they serve. */
export interface StationDevices {
  printer: TicketPrinter | null;
  displays: CounterDisplay[];
  cardReaders: CardReader[];
  scanners: BarcodeScanner[];
  /** The entrance scanner (devices.kioskScanner), or null. */
  entrance: EntranceScanner | null;
  buttons: Array<{ device: TicketButton; cfg: ButtonConfig; index: number }>;
  power: PowerPorts;
}

type Slot = SimulatorEntry['slot'];
type SimulatorIn<S extends Slot> = Extract<SimulatorEntry, { slot: S }>['simulator'];

interface DeviceSpec<C, D extends Device, S extends Slot> {
  /** The configured devices of this kind, in config order. */
  configs(config: ResolvedConfig): readonly C[];
  make(f: DeviceFactories, cfg: C, index: number, ctx: DriverContext, config: ResolvedConfig): { device: D; simulator?: SimulatorIn<S> };
  /** Where the sim routes find its simulator (StationSimulators). */
  slot: S;
  wire(parts: StationDevices, device: D, cfg: C, index: number): void;
}

type AnySpec = DeviceSpec<unknown, Device, Slot>;
/** Checks each row against its own config, device and simulator types, then lets the table hold them side by side. */
const row = <C, D extends Device, S extends Slot>(spec: DeviceSpec<C, D, S>) => spec as unknown as AnySpec;
const one = <C>(cfg: C | undefined): C[] => (cfg ? [cfg] : []);

export const DEVICE_SPECS: readonly AnySpec[] = [
  row({
    configs: (c) => one(c.devices?.printer),
    make: (f, cfg, _i, ctx) => f.printer(cfg, ctx),
    slot: 'printer',
    wire: (p, device) => void (p.printer = device),
  }),
  row({
    configs: (c) => c.devices?.displays ?? [],
    make: (f, cfg, _i, ctx) => f.display(cfg, ctx),
    slot: 'displays',
    wire: (p, device) => void p.displays.push(device),
  }),
  row({
    configs: (c) => c.cardReaders,
    make: (f, cfg, _i, ctx) => f.cardReader(cfg, ctx),
    slot: 'cardReaders',
    wire: (p, device) => void p.cardReaders.push(device),
  }),
  row({
    configs: (c) => c.scanners,
    make: (f, cfg, _i, ctx) => f.scanner(cfg, ctx),
    slot: 'scanners',
    wire: (p, device) => void p.scanners.push(device),
  }),
  row({
    configs: (c) => one(c.devices?.kioskScanner),
    make: (f, cfg, _i, ctx) => f.kioskScanner(cfg, ctx),
    slot: 'kioskScanner',
    wire: (p, device) => void (p.entrance = device),
  }),
  row({
    configs: (c) => c.devices?.buttons ?? [],
    make: (f, cfg, index, ctx, c) => f.button(cfg, index, ctx, { debounceMs: c.queue.buttonDebounceMs }),
    slot: 'buttons',
    wire: (p, device, cfg, index) => void p.buttons.push({ device, cfg, index }),
  }),
  row({
    configs: (c) => one(c.devices?.mainsSense),
    make: (f, cfg, _i, ctx) => f.senseLine(cfg, 'mains-sense', ctx),
    slot: 'mains',
    wire: (p, device) => void (p.power.mains = device),
  }),
  row({
    configs: (c) => one(c.devices?.gensetSense),
    make: (f, cfg, _i, ctx) => f.senseLine(cfg, 'genset-sense', ctx),
    slot: 'genset',
    wire: (p, device) => void (p.power.genset = device),
  }),
  row({
    configs: (c) => one(c.devices?.powerMonitor),
    make: (f, cfg, _i, ctx) => f.powerMonitor(cfg, ctx),
    slot: 'supply',
    wire: (p, device) => void (p.power.supply = device),
  }),
  row({
    configs: (c) => one(c.devices?.bridge),
    make: (f, cfg, _i, ctx) => f.bridge(cfg, ctx),
    slot: 'bridge',
    wire: (p, device) => void (p.power.bridge = device),
  }),
];

/** Builds every configured device, registers it (with its simulator) and sorts it by what it serves. */
export function buildDevices(
  config: ResolvedConfig,
  factories: DeviceFactories,
  ctx: DriverContext,
  registry: DeviceRegistry,
): StationDevices {
  const parts: StationDevices = { printer: null, displays: [], cardReaders: [], scanners: [], entrance: null, buttons: [], power: {} };
  for (const spec of DEVICE_SPECS) {
    spec.configs(config).forEach((cfg, index) => {
      const made = spec.make(factories, cfg, index, ctx, config);
      registry.add(made.device, made.simulator ? ({ slot: spec.slot, simulator: made.simulator } as SimulatorEntry) : undefined);
      spec.wire(parts, made.device, cfg, index);
    });
  }
  return parts;
}
