/**
 * The hooks that the built-in simulators offer to the sim console, demo scripts
 * and tests (the CONTRACT's /api/v1/sim routes). Only devices whose driver is
 * `sim` have one. Each simulator sits on the far side of a simulated transport
 * and speaks the device's real protocol to the real driver.
 */
export const SIM_FAULTS = ['offline', 'paper-out', 'cover-open', 'garbled', 'stall', 'none'] as const;
/** CONTRACT faults, and `cover-open` for the printer. */
export type SimFault = (typeof SIM_FAULTS)[number];

export interface SimulatedDevice {
  /** Id of the device it simulates, as in /api/v1/devices. */
  readonly deviceId: string;
  /** Faults this simulator can play; others are refused with a 400. */
  readonly faults: readonly SimFault[];
  injectFault(fault: SimFault): void;
}

export interface PrintedTicket {
  /** Epoch ms the cut arrived. */
  at: number;
  /** Text decoded from the ESC/POS bytes; enlarged text marked as in the bytes. */
  text: string;
  /** Raw bytes on the wire for this ticket. */
  bytes: number;
}

export interface PrinterSimulator extends SimulatedDevice {
  tickets(): PrintedTicket[];
}

export interface DisplaySimulator extends SimulatedDevice {
  readonly counter: number;
  /** What the LEDs show now, decoded from the HT16K33 display RAM. */
  shows(): { text: string; blinking: boolean; on: boolean; brightness: number };
}

export interface ButtonSimulator {
  readonly index: number;
  /** Pulls the line low then releases it, as a finger would. */
  press(): Promise<void>;
}

export interface SenseLineSimulator {
  set(present: boolean): void;
}

export interface SupplySimulator extends SimulatedDevice {
  set(r: { busVoltage?: number; currentA?: number }): void;
}

export interface CardReaderSimulator extends SimulatedDevice {
  readonly counter: number;
  /** Presents a card (hex UID) for one poll cycle. */
  tap(uidHex: string): void;
}

export interface ScannerSimulator extends SimulatedDevice {
  readonly counter: number;
  scan(code: string): void;
}

export interface BridgeSimulator extends SimulatedDevice {
  /** Sets an analog input in millivolts or a digital input level. */
  setInput(pin: string | number, value: number | boolean): void;
}

/** Everything the composition root collects for the sim routes. */
export interface StationSimulators {
  printer?: PrinterSimulator;
  displays: DisplaySimulator[];
  buttons: ButtonSimulator[];
  mains?: SenseLineSimulator;
  genset?: SenseLineSimulator;
  supply?: SupplySimulator;
  cardReaders: CardReaderSimulator[];
  scanners: ScannerSimulator[];
  /** The entrance scanner (`devices.kioskScanner`), answered on the display. */
  kioskScanner?: ScannerSimulator;
  bridge?: BridgeSimulator;
}

type ListSlot = 'displays' | 'buttons' | 'cardReaders' | 'scanners';
type OneSlot = Exclude<keyof StationSimulators, ListSlot>;

/** A simulator and where the sim routes find it: a list (displays, buttons, …) or a single slot (printer, bridge, …). */
export type SimulatorEntry =
  | { [K in ListSlot]: { slot: K; simulator: StationSimulators[K][number] } }[ListSlot]
  | { [K in OneSlot]: { slot: K; simulator: NonNullable<StationSimulators[K]> } }[OneSlot];

/** Collects simulators into the shape the sim routes address, in the order they came. */
export function stationSimulators(entries: Iterable<SimulatorEntry>): StationSimulators {
  const s: StationSimulators = { displays: [], buttons: [], cardReaders: [], scanners: [] };
  for (const e of entries) {
    const slot: unknown = s[e.slot];
    if (Array.isArray(slot)) slot.push(e.simulator);
    else Object.assign(s, { [e.slot]: e.simulator });
  }
  return s;
}
