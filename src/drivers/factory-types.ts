import type { DriverContext } from './context.js';
import type {
  BridgeConfig,
  ButtonConfig,
  CardReaderConfig,
  DisplayConfig,
  PowerMonitorConfig,
  PrinterConfig,
  ScannerConfig,
  KioskScannerConfig,
  SenseConfig,
} from '../config/schema.js';
import type {
  BarcodeScanner,
  CardReader,
  CompanionBridge,
  CounterDisplay,
  EntranceScanner,
  SenseLine,
  SupplyMonitor,
  TicketButton,
  TicketPrinter,
} from '../controller/ports.js';
import type {
  BridgeSimulator,
  ButtonSimulator,
  CardReaderSimulator,
  DisplaySimulator,
  PrinterSimulator,
  ScannerSimulator,
  SenseLineSimulator,
  SupplySimulator,
} from '../controller/sim-ports.js';

type Made<D, S> = { device: D; simulator?: S };

/** One factory per device kind: real driver over a real or simulated transport, plus its simulator when `driver: sim`. */
export interface DeviceFactories {
  printer(cfg: PrinterConfig, ctx: DriverContext): Made<TicketPrinter, PrinterSimulator>;
  cardReader(cfg: CardReaderConfig, ctx: DriverContext): Made<CardReader, CardReaderSimulator>;
  scanner(cfg: ScannerConfig, ctx: DriverContext): Made<BarcodeScanner, ScannerSimulator>;
  kioskScanner(cfg: KioskScannerConfig, ctx: DriverContext): Made<EntranceScanner, ScannerSimulator>;
  display(cfg: DisplayConfig, ctx: DriverContext): Made<CounterDisplay, DisplaySimulator>;
  powerMonitor(cfg: PowerMonitorConfig, ctx: DriverContext): Made<SupplyMonitor, SupplySimulator>;
  button(cfg: ButtonConfig, index: number, ctx: DriverContext, opts?: { debounceMs?: number }): Made<TicketButton, ButtonSimulator>;
  senseLine(cfg: SenseConfig, id: 'mains-sense' | 'genset-sense', ctx: DriverContext): Made<SenseLine, SenseLineSimulator>;
  bridge(cfg: BridgeConfig, ctx: DriverContext): Made<CompanionBridge, BridgeSimulator>;
}
