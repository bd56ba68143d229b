/**
 * What the station's domain needs from devices, in its own words. Drivers (real
 * or over simulated transports) implement these; the controller never imports a
 * driver, serialport, i2c-bus or a GPIO library.
 */
/** What a technician sees for every device in `/api/v1/devices`. */
export type DeviceStatus = 'ok' | 'degraded' | 'fault' | 'offline';

export type DeviceKind =
  'printer' | 'card-reader' | 'scanner' | 'display' | 'button' | 'mains-sense' | 'genset-sense' | 'power-monitor' | 'bridge';

export interface DeviceState {
  id: string;
  kind: DeviceKind;
  status: DeviceStatus;
  /** One line a technician can act on ("paper end: load a new roll"). */
  detail: string;
  /** A stable code for the condition where the driver names one (printer: PAPER_OUT, COVER_OPEN, …): pages translate it. */
  code?: string;
  /** Last time the device answered, ISO 8601 with offset; null if never. */
  lastSeen: string | null;
}

/**
 * Every driver is a Device: it starts without throwing (a missing device is
 * `offline` and retried), reports its status, and stops cleanly.
 */
export interface Device {
  readonly id: string;
  readonly kind: DeviceKind;
  state(): DeviceState;
  start(): Promise<void>;
  stop(): Promise<void>;
  onStatus(listener: (state: DeviceState) => void): () => void;
}

/** Everything printed on a queue ticket. */
export interface PrintJob {
  stationName: string;
  regency: string;
  serviceCode: string;
  serviceName: string;
  /** "A-007" */
  number: string;
  priority: boolean;
  /** Epoch ms the ticket was issued. */
  issuedAt: number;
  timeZone: string;
  /** Tickets ahead of this one in its service. */
  ahead: number;
  /** Estimated minutes until called, or null when unknown. */
  estimatedWaitMinutes: number | null;
}

export interface TicketPrinter extends Device {
  /** Resolves when the last byte is written; rejects with a DeviceError naming the fault. */
  print(job: PrintJob): Promise<void>;
}

/** What a counter's number display shows. */
export type DisplayContent =
  | { kind: 'number'; text: string; blink: boolean } // text "A007" (no dash: 4 digits)
  | { kind: 'closed' } // "----"
  | { kind: 'blank' };

export interface CounterDisplay extends Device {
  readonly counter: number;
  show(content: DisplayContent): Promise<void>;
}

/** A physical ticket button. Emits a press once per debounced push. */
export interface TicketButton extends Device {
  onPress(listener: () => void): () => void;
}

/** A digital sense line (mains present, genset running). */
export interface SenseLine extends Device {
  /** Current level after debounce; null until first read. */
  present(): boolean | null;
  onChange(listener: (present: boolean) => void): () => void;
}

export interface SupplyReading {
  busVoltage: number; // V
  shuntMillivolts: number; // mV
  currentA: number; // A
  powerW: number; // W
}

export interface SupplyMonitor extends Device {
  latest(): SupplyReading | null;
  onReading(listener: (r: SupplyReading) => void): () => void;
}

export interface CardTap {
  /** Card UID, hex upper-case. Personal data: only the counter's own stream carries it. */
  uid: string;
  /** ISO 14443 type: 'A' or 'B'. */
  type: 'A' | 'B';
}

export interface CardReader extends Device {
  readonly counter: number;
  onCard(listener: (tap: CardTap) => void): () => void;
}

export interface Scan {
  /** The code as scanned (a NIK stays only on its counter's stream). */
  code: string;
  kind: 'nik' | 'summons' | 'other';
}

export interface BarcodeScanner extends Device {
  readonly counter: number;
  onScan(listener: (scan: Scan) => void): () => void;
}

/** The scanner at the entrance (`devices.kioskScanner`): belongs to no counter; its scans are answered on the display. */
export interface EntranceScanner extends Device {
  onScan(listener: (scan: Scan) => void): () => void;
}

/** Readings from the companion board (genset battery, fuel, AC presence). */
export interface BridgeReadings {
  gensetBatteryV?: number;
  fuelPercent?: number;
  acPresent?: boolean;
  [channel: string]: number | boolean | undefined;
}

export interface CompanionBridge extends Device {
  latest(): BridgeReadings;
  onReadings(listener: (r: BridgeReadings) => void): () => void;
}
