/**
 * The station config: one TypeBox schema serves validation (check-config and
 * start-up), the TypeScript types, and the README's configuration table.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Str = (description: string, opts: Record<string, unknown> = {}) => Type.String({ description, minLength: 1, ...opts });
const Int = (description: string, opts: Record<string, unknown> = {}) => Type.Integer({ description, ...opts });
const Obj = <T extends Record<string, TSchema>>(props: T, description: string) =>
  Type.Object(props, { additionalProperties: false, description });

const SerialPortCfg = {
  port: Str('serial device path (a pseudo-terminal works too)'),
  baudRate: Type.Optional(Int('baud rate', { minimum: 1200, maximum: 921600 })),
};

const SimDriver = Type.Literal('sim');

export const PrinterConfig = Type.Union([
  Obj({ driver: SimDriver, columns: Type.Optional(Int('characters per line', { minimum: 24, maximum: 64 })) }, 'simulated ESC/POS printer'),
  Obj(
    {
      driver: Type.Literal('escpos'),
      ...SerialPortCfg,
      columns: Type.Optional(Int('characters per line (32 for 58 mm, 42 or 48 for 80 mm)', { minimum: 24, maximum: 64 })),
    },
    'ESC/POS thermal printer on a serial port',
  ),
]);

export const CardReaderConfig = Type.Union([
  Obj({ driver: SimDriver, counter: Int('counter whose stream receives taps', { minimum: 1 }) }, 'simulated PN532 reader'),
  Obj(
    { driver: Type.Literal('pn532'), ...SerialPortCfg, counter: Int('counter whose stream receives taps', { minimum: 1 }) },
    'PN532 over HSU serial',
  ),
]);

export const ScannerConfig = Type.Union([
  Obj({ driver: SimDriver, counter: Int('counter whose stream receives scans', { minimum: 1 }) }, 'simulated barcode scanner'),
  Obj(
    { driver: Type.Literal('serial-line'), ...SerialPortCfg, counter: Int('counter whose stream receives scans', { minimum: 1 }) },
    'barcode/QR scanner in serial mode, CR/LF terminated lines',
  ),
]);

export const KioskScannerConfig = Type.Union([
  Obj({ driver: SimDriver }, 'simulated entrance scanner'),
  Obj(
    { driver: Type.Literal('serial-line'), ...SerialPortCfg },
    'barcode/QR scanner at the entrance in serial mode, CR/LF terminated lines',
  ),
]);

const I2cCfg = {
  bus: Int('I2C bus number (/dev/i2c-N)', { minimum: 0 }),
  address: Int('7-bit I2C address', { minimum: 0x03, maximum: 0x77 }),
};

export const DisplayConfig = Type.Union([
  Obj({ driver: SimDriver, counter: Int('counter shown', { minimum: 1 }) }, 'simulated HT16K33 display'),
  Obj(
    {
      driver: Type.Literal('ht16k33'),
      counter: Int('counter shown', { minimum: 1 }),
      ...I2cCfg,
      segments: Type.Optional(
        Type.Union([Type.Literal(14), Type.Literal(7)], { description: '14-segment alphanumeric (default) or 7-segment' }),
      ),
      brightness: Type.Optional(Int('brightness 0..15', { minimum: 0, maximum: 15 })),
    },
    'HT16K33 LED backpack',
  ),
]);

const GpioBackend = Type.Union([Type.Literal('auto'), Type.Literal('cdev'), Type.Literal('libgpiod'), Type.Literal('onoff')], {
  description: "GPIO backend (auto: the kernel's GPIO uAPI v2 through the station's addon, else libgpiod 1.x, else onoff)",
});
const GpioCfg = {
  chip: Str('gpiochip name, e.g. gpiochip0'),
  line: Int('line offset on that chip (not a sysfs number)', { minimum: 0 }),
  backend: Type.Optional(GpioBackend),
  activeLow: Type.Optional(Type.Boolean({ description: 'line reads 0 when active' })),
};

export const ButtonConfig = Type.Union([
  Obj(
    {
      driver: SimDriver,
      service: Str('service code'),
      priority: Type.Optional(Type.Boolean({ description: 'priority ticket button (UU 25/2009)' })),
    },
    'simulated ticket button',
  ),
  Obj(
    {
      driver: Type.Literal('gpio'),
      service: Str('service code'),
      priority: Type.Optional(Type.Boolean({ description: 'priority ticket button (UU 25/2009)' })),
      ...GpioCfg,
    },
    'push button to ground with pull-up',
  ),
]);

export const SenseConfig = Type.Union([
  Obj({ driver: SimDriver, activeLow: Type.Optional(Type.Boolean()) }, 'simulated sense line'),
  Obj({ driver: Type.Literal('gpio'), ...GpioCfg }, 'opto-isolated sense input'),
]);

export const PowerMonitorConfig = Type.Union([
  Obj(
    {
      driver: SimDriver,
      shuntOhms: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      maxCurrentA: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      sampleMs: Type.Optional(Int('sampling period', { minimum: 50 })),
    },
    'simulated INA219',
  ),
  Obj(
    {
      driver: Type.Literal('ina219'),
      ...I2cCfg,
      shuntOhms: Type.Number({ exclusiveMinimum: 0, description: 'shunt resistor in ohms' }),
      maxCurrentA: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'expected maximum current, sets calibration' })),
      sampleMs: Type.Optional(Int('sampling period', { minimum: 50 })),
    },
    'INA219 supply monitor',
  ),
]);

export const BridgeChannel = Obj(
  {
    name: Str('reading name: gensetBatteryV, fuelPercent, acPresent or your own'),
    pin: Type.Union([Str('pin, e.g. A0 or 7'), Int('digital pin', { minimum: 0 })]),
    kind: Type.Optional(Type.Union([Type.Literal('analog'), Type.Literal('digital')])),
    divider: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'voltage divider ratio (volts = pin volts x divider)' })),
    scale: Type.Optional(Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[at 0 V, at 5 V] linear mapping' })),
    unit: Type.Optional(Type.String()),
  },
  'a companion-board channel',
);

const BridgeSampling = Type.Optional(Int('Firmata analog sampling interval in ms (default 100)', { minimum: 10, maximum: 16_383 }));

export const BridgeConfig = Type.Union([
  Obj({ driver: SimDriver, channels: Type.Optional(Type.Array(BridgeChannel)), samplingMs: BridgeSampling }, 'simulated companion board'),
  Obj(
    { driver: Type.Literal('firmata'), ...SerialPortCfg, channels: Type.Optional(Type.Array(BridgeChannel)), samplingMs: BridgeSampling },
    'ATmega328P companion board speaking Firmata',
  ),
]);

export const FleetMqttConfig = Obj(
  {
    url: Type.String({ pattern: '^mqtts?://[^\\s/]+', description: 'regency broker: mqtt://host:1883 or mqtts://host:8883 (TLS)' }),
    username: Type.Optional(Str('broker user name (e.g. the station id)')),
    password: Type.Optional(Str('broker password (prefer passwordFile)')),
    passwordFile: Type.Optional(Str('file holding the broker password; must be readable only by the station user (chmod 600)')),
    caFile: Type.Optional(Str('CA certificate (PEM) that signed the broker certificate, for mqtts://')),
    certFile: Type.Optional(Str('client certificate (PEM), for brokers that ask for one')),
    keyFile: Type.Optional(Str('client key (PEM) of certFile; readable only by the station user')),
    topicPrefix: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$', description: 'topic prefix (default ktp)' })),
    clientId: Type.Optional(Str('MQTT client id (default ktp-STATIONID)')),
    keepaliveSeconds: Type.Optional(
      Int('MQTT keepalive; a dead link is noticed after 1.5x this (default 30)', { minimum: 1, maximum: 1200 }),
    ),
    inflight: Type.Optional(Int('events sent but not yet acknowledged at once (default 16)', { minimum: 1, maximum: 64 })),
    reconnectMaxSeconds: Type.Optional(Int('longest wait between two connection attempts (default 60)', { minimum: 1, maximum: 3600 })),
    heartbeatSeconds: Type.Optional(Int('how often the retained state is refreshed (default 60)', { minimum: 5, maximum: 3600 })),
    outboxMaxEvents: Type.Optional(
      Int('events kept for the regency while the link is down; older ones are dropped (default 50000, two weeks of busy days)', {
        minimum: 100,
      }),
    ),
    outboxWarnEvents: Type.Optional(Int('outbox depth that raises a technician alert (default 2000, a busy day)', { minimum: 1 })),
  },
  'fleet telemetry to the regency broker (MQTT)',
);

const OneOrMany = <T extends TSchema>(s: T) => Type.Union([s, Type.Array(s)]);

export const ServiceTargets = Obj(
  {
    waitMinutes: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, description: 'a wait (issue to last call) longer than this is over target' }),
    ),
    stepSeconds: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^[a-z][a-z0-9-]*$' }),
        Type.Number({ exclusiveMinimum: 0, description: 'target seconds for this SOP step' }),
        { additionalProperties: false, description: 'target seconds per SOP step, by step name' },
      ),
    ),
  },
  'service targets the daily report measures against',
);

export const CoverageConfig = Obj(
  {
    obliged: Int('residents obliged to hold an e-KTP in the area', { minimum: 1 }),
    recordedBefore: Int('of those, recorded before `since`', { minimum: 0 }),
    since: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'first day (YYYY-MM-DD) the station counts recordings' }),
  },
  'recording coverage target of the area',
);

export const ServiceConfig = Obj(
  {
    code: Type.String({ pattern: '^[A-Z]$', description: 'ticket prefix, one capital letter' }),
    name: Str('service name shown and printed'),
    dailyQuota: Int('tickets per local day', { minimum: 1, maximum: 999 }),
    steps: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]*$' }), { minItems: 1, uniqueItems: true, description: 'SOP steps in order' }),
    expectedMinutes: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, description: 'service time used for wait estimates until real ones exist' }),
    ),
    recording: Type.Optional(
      Type.Boolean({ description: 'a done ticket of this service is one person recorded (counts toward coverage)' }),
    ),
    targets: Type.Optional(ServiceTargets),
  },
  'a queue service',
);

export const CounterConfig = Obj(
  {
    id: Int('counter number', { minimum: 1, maximum: 99 }),
    name: Str('counter name, e.g. Loket 1'),
    services: Type.Array(Type.String({ pattern: '^[A-Z]$' }), { minItems: 1, uniqueItems: true }),
    recording: Type.Optional(Type.Boolean({ description: 'has a recording set (paused on outage when configured)' })),
  },
  'a counter (loket)',
);

export const TokenConfig = Type.Union([
  Obj(
    {
      token: Type.String({ minLength: 8 }),
      role: Type.Union([Type.Literal('kiosk'), Type.Literal('counter'), Type.Literal('technician'), Type.Literal('admin')]),
      counter: Type.Optional(Int('counter', { minimum: 1 })),
      name: Type.Optional(Type.String()),
    },
    'a bearer token',
  ),
  Obj(
    {
      sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'hex SHA-256 of the token' }),
      role: Type.Union([Type.Literal('kiosk'), Type.Literal('counter'), Type.Literal('technician'), Type.Literal('admin')]),
      counter: Type.Optional(Int('counter', { minimum: 1 })),
      name: Type.Optional(Type.String()),
    },
    'a bearer token stored as its hash',
  ),
]);

export const StationConfigSchema = Type.Object(
  {
    station: Obj(
      {
        id: Str('station id'),
        name: Str('office name, printed and shown'),
        regency: Str('regency (kabupaten)'),
        timezone: Type.Optional(Str('IANA time zone', { default: 'Asia/Jakarta' })),
      },
      'who this station is',
    ),
    http: Type.Optional(
      Obj(
        {
          host: Type.Optional(Type.String()),
          port: Type.Optional(Int('port', { minimum: 0, maximum: 65535 })),
          limits: Type.Optional(
            Obj(
              {
                ticketsPerMinutePerToken: Type.Optional(Int('tickets one token may issue per minute (default 30)', { minimum: 1 })),
                ticketsPerMinutePerAddress: Type.Optional(Int('tickets issued per minute from one address (default 60)', { minimum: 1 })),
                requestsPerMinutePerAddress: Type.Optional(
                  Int('requests per minute from one address, loopback excepted (default 600)', { minimum: 1 }),
                ),
                requestTimeoutMs: Type.Optional(Int('longest a whole request may take to arrive (default 30000)', { minimum: 100 })),
                headersTimeoutMs: Type.Optional(Int('longest the request headers may take (default 10000)', { minimum: 100 })),
                idleTimeoutMs: Type.Optional(Int('an idle connection is closed after this (default 60000)', { minimum: 100 })),
                maxConnections: Type.Optional(Int('connections at once (default 512)', { minimum: 8 })),
                sseClients: Type.Optional(Int('event-stream clients at once (default 200)', { minimum: 1 })),
                sseClientsPerAddress: Type.Optional(Int('event-stream clients at once from one address (default 16)', { minimum: 1 })),
                sseMaxUnsentBytes: Type.Optional(
                  Int('unsent bytes before a stuck event-stream client is dropped (default 262144)', { minimum: 1024 }),
                ),
              },
              'limits on what clients can make the station do',
            ),
          ),
        },
        'API listener',
      ),
    ),
    dataDir: Type.Optional(Str('where the database lives')),
    auth: Obj({ tokens: Type.Array(TokenConfig, { minItems: 1 }) }, 'bearer tokens'),
    services: Type.Array(ServiceConfig, { minItems: 1 }),
    counters: Type.Array(CounterConfig, { minItems: 1 }),
    queue: Type.Optional(
      Obj(
        {
          maxCalls: Type.Optional(Int('calls (call + recalls) before no-show is allowed', { minimum: 1, maximum: 9 })),
          buttonMinIntervalMs: Type.Optional(Int('minimum time between two tickets from one button', { minimum: 0 })),
          buttonDebounceMs: Type.Optional(Int('debounce of button edges', { minimum: 0 })),
        },
        'queue behaviour',
      ),
    ),
    power: Type.Optional(
      Obj(
        {
          recordingSets: Int('recording sets on site', { minimum: 1 }),
          gensetRatedW: Type.Number({ minimum: 0, description: 'genset rated watts' }),
          pauseRecordingOnOutage: Type.Optional(
            Type.Boolean({ description: 'pause recording counters while neither mains nor genset powers them (default true)' }),
          ),
          debounceSeconds: Type.Optional(
            Type.Number({ minimum: 0, maximum: 600, description: 'a power source must hold this long before it counts (default 5)' }),
          ),
        },
        'power budget',
      ),
    ),
    coverage: Type.Optional(CoverageConfig),
    alerts: Type.Optional(
      Obj(
        {
          supplyMinV: Type.Optional(
            Type.Number({
              minimum: 0,
              maximum: 32,
              description: "board's 12 V supply rail (INA219 bus voltage) below this is an alert (default 11.5)",
            }),
          ),
          gensetBatteryMinV: Type.Optional(
            Type.Number({ minimum: 0, maximum: 60, description: 'genset starter battery below this is an alert (default 11.8)' }),
          ),
          fuelMinPercent: Type.Optional(
            Type.Number({ minimum: 0, maximum: 100, description: 'genset fuel below this is an alert (default 20)' }),
          ),
          gensetMaxRunMinutes: Type.Optional(
            Type.Number({ exclusiveMinimum: 0, description: 'genset running longer than this is an alert (default 240)' }),
          ),
          deviceOfflineMinutes: Type.Optional(
            Type.Number({ exclusiveMinimum: 0, description: 'a device offline longer than this is an alert (default 5)' }),
          ),
          storageMinFreeMB: Type.Optional(
            Type.Number({ minimum: 0, description: 'free space for the data directory below this many MB is an alert (default 200)' }),
          ),
        },
        'alert thresholds for technicians',
      ),
    ),
    fleet: Type.Optional(Obj({ mqtt: Type.Optional(FleetMqttConfig) }, 'telemetry to the regency (CONTRACT v2)')),
    devices: Type.Optional(
      Obj(
        {
          printer: Type.Optional(PrinterConfig),
          cardReader: Type.Optional(OneOrMany(CardReaderConfig)),
          scanner: Type.Optional(OneOrMany(ScannerConfig)),
          kioskScanner: Type.Optional(KioskScannerConfig),
          displays: Type.Optional(Type.Array(DisplayConfig)),
          buttons: Type.Optional(Type.Array(ButtonConfig)),
          mainsSense: Type.Optional(SenseConfig),
          gensetSense: Type.Optional(SenseConfig),
          powerMonitor: Type.Optional(PowerMonitorConfig),
          bridge: Type.Optional(BridgeConfig),
        },
        'attached devices; driver: sim uses the built-in simulator',
      ),
    ),
  },
  { additionalProperties: false, description: 'station config' },
);

export type StationConfig = Static<typeof StationConfigSchema>;
export type PrinterConfig = Static<typeof PrinterConfig>;
export type CardReaderConfig = Static<typeof CardReaderConfig>;
export type ScannerConfig = Static<typeof ScannerConfig>;
export type KioskScannerConfig = Static<typeof KioskScannerConfig>;
export type DisplayConfig = Static<typeof DisplayConfig>;
export type ButtonConfig = Static<typeof ButtonConfig>;
export type SenseConfig = Static<typeof SenseConfig>;
export type PowerMonitorConfig = Static<typeof PowerMonitorConfig>;
export type BridgeConfig = Static<typeof BridgeConfig>;
export type BridgeChannelConfig = Static<typeof BridgeChannel>;
export type ServiceConfig = Static<typeof ServiceConfig>;
export type ServiceTargets = Static<typeof ServiceTargets>;
export type CoverageConfig = Static<typeof CoverageConfig>;
export type CounterConfig = Static<typeof CounterConfig>;
export type TokenConfig = Static<typeof TokenConfig>;
export type FleetMqttConfig = Static<typeof FleetMqttConfig>;
