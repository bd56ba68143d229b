/**
 * The station's layers, checked on every `npm run lint` (and so on every `npm test`):
 *
 *   transport → protocol → driver → controller → api,  one composition root.
 *
 *   src/shared, src/config   used by every layer; they import no layer (src/native, the C addon's loader, likewise)
 *   src/drivers/transport    serial, I2C, GPIO adapters and their simulated twins
 *   protocol files           pure bytes ↔ frames (PROTOCOL below): no transport, no driver
 *   src/drivers              one driver per device; implements the controller's ports
 *   src/controller           the station's domain; ports.ts, sim-ports.ts, voice-port.ts, fleet-port.ts are what it asks of devices
 *   src/api, src/systemd     what the station offers over the controller: HTTP routes and pages; systemd notify
 *   src/regency              the regency view (ktp-station regency), a program of its own over shared, config and api
 *   src/*.ts                 the composition root (main.ts, station.ts, …): may import everything, imported by nothing
 *   src/simulate-day         a tool beside the composition root (ktp-station simulate-day): starts a station and drives
 *                            it over HTTP; may import everything, imported only by the composition root
 *
 * An arrow says "is used by": a file may import its own layer and layers to its left, never
 * to its right. Drivers see the controller only through its ports.
 */
const PORTS = '^src/controller/(ports|sim-ports|voice-port|fleet-port)[.]ts$';
const PROTOCOL =
  '^src/drivers/(card-reader/(frame|commands)|printer/(escpos|status|interpreter)|scanner/(codes|lines)|display/(font7|font14|ht16k33-protocol)|power-monitor/ina219-registers|bridge/(firmata-frames|channels))[.]ts$';
const HARDWARE_LIBS = '^(serialport|@serialport/|i2c-bus|node-libgpiod|onoff|johnny-five|firmata-io)';

module.exports = {
  forbidden: [
    {
      name: 'layers: shared and config import no layer',
      comment: 'src/shared and src/config sit under every layer: they may not import drivers, controller, api or the composition root.',
      severity: 'error',
      from: { path: '^src/(shared|config|native)/' },
      to: { path: '^src/(drivers|controller|api)/|^src/[^/]+[.]ts$' },
    },
    {
      name: 'layers: transport imports only transport',
      comment: 'A transport (serial, I2C, GPIO) knows nothing of devices, drivers, the domain or the API.',
      severity: 'error',
      from: { path: '^src/drivers/transport/' },
      to: { path: '^src/(controller|api)/|^src/[^/]+[.]ts$|^src/drivers/(?!transport/)' },
    },
    {
      name: 'layers: protocol is pure',
      comment: 'Protocol code turns bytes into frames and back: no transport, no driver, no hardware library.',
      severity: 'error',
      from: { path: PROTOCOL },
      to: { path: '^src/drivers/', pathNot: PROTOCOL },
    },
    {
      name: 'layers: drivers see the controller only through its ports',
      comment:
        'A driver implements a port (src/controller/ports.ts, sim-ports.ts, voice-port.ts); it never reaches into the domain or the API.',
      severity: 'error',
      from: { path: '^src/drivers/' },
      to: { path: '^src/(controller|api)/|^src/[^/]+[.]ts$', pathNot: PORTS },
    },
    {
      name: 'layers: controller imports no driver and no api',
      comment: 'The domain asks for devices through its ports; the composition root hands it drivers.',
      severity: 'error',
      from: { path: '^src/controller/' },
      to: { path: '^src/(drivers|api)/|^src/[^/]+[.]ts$' },
    },
    {
      name: 'layers: api imports no driver',
      comment:
        'Routes, pages and systemd notify talk to the controller (and its ports); drivers and speech engines are wired in by the composition root.',
      severity: 'error',
      from: { path: '^src/(api|systemd)/' },
      to: { path: '^src/drivers/|^src/[^/]+[.]ts$' },
    },
    {
      name: 'layers: every folder of src has a layer',
      comment: 'A new top-level folder under src/ needs its place in the layers (and in this file) before it imports anything.',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: '^src/(shared|config|native|drivers|controller|api|systemd|simulate-day|regency)/' },
      to: {},
    },
    {
      name: 'layers: the simulated day is a tool of the composition root',
      comment: 'src/simulate-day drives a whole station; only the command line (src/*.ts) may start it.',
      severity: 'error',
      from: { path: '^src/(?!simulate-day/)[^/]+/' },
      to: { path: '^src/simulate-day/' },
    },
    {
      name: 'layers: the regency view stands on shared, config and api alone',
      comment: 'ktp-station regency is a program of its own: it reads what stations publish, never the station domain or its drivers.',
      severity: 'error',
      from: { path: '^src/regency/' },
      to: { path: '^src/(controller|drivers|systemd|native)/|^src/[^/]+[.]ts$' },
    },
    {
      name: 'layers: only the composition root starts the regency view',
      comment: 'Nothing of the station imports the regency view; main.ts dispatches the command to it.',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: '^src/regency/' },
      to: { path: '^src/regency/' },
    },
    {
      name: 'layers: hardware libraries only in drivers',
      comment: 'serialport, i2c-bus, GPIO and Firmata libraries are loaded by src/drivers alone.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/drivers/' },
      to: { path: HARDWARE_LIBS },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.d.ts'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
