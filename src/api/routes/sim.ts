import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { RouteOpts } from '../deps.js';
import { bearer, errors } from '../schemas.js';
import { StationError } from '../../shared/errors.js';
import { SIM_FAULTS, type SimFault, type SimulatedDevice, type StationSimulators } from '../../controller/sim-ports.js';
import type { PressOutcome } from '../../controller/ticket-dispenser.js';

const PowerBody = Type.Object(
  {
    mains: Type.Optional(Type.Boolean()),
    genset: Type.Optional(Type.Boolean()),
    busVoltage: Type.Optional(Type.Number({ minimum: 0, maximum: 32 })),
    currentA: Type.Optional(Type.Number({ minimum: -10, maximum: 10 })),
  },
  { additionalProperties: false },
);
const CardBody = Type.Object(
  {
    // A type A UID (NFCID1) is 4, 7 or 10 bytes.
    uid: Type.String({ pattern: '^([0-9A-Fa-f]{8}|[0-9A-Fa-f]{14}|[0-9A-Fa-f]{20})$' }),
    counter: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
const ScanBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 200 }),
    counter: Type.Optional(Type.Integer({ minimum: 1 })),
    kiosk: Type.Optional(Type.Boolean({ description: 'scan at the entrance scanner (devices.kioskScanner) instead of a counter' })),
  },
  { additionalProperties: false },
);
const FaultBody = Type.Object({ fault: Type.Union(SIM_FAULTS.map((f) => Type.Literal(f))) }, { additionalProperties: false });
/** How long the press route waits for the press's outcome (a held ticket's print included). */
const OUTCOME_WAIT_MS = 10_000;
const IndexParams = Type.Object({ n: Type.String({ pattern: '^[0-9]{1,3}$' }) }, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });

const notSimulated = (what: string) => new StationError('NOT_SIMULATED', `${what} is not simulated on this station`, 404);

function simulatedDevices(s: StationSimulators): SimulatedDevice[] {
  const all: Array<SimulatedDevice | undefined> = [
    s.printer,
    s.supply,
    s.bridge,
    s.kioskScanner,
    ...s.displays,
    ...s.cardReaders,
    ...s.scanners,
  ];
  return all.filter((d): d is SimulatedDevice => d !== undefined);
}

/** What a pressed button did, as the sim console shows it beside the button; null if nothing was heard in time. */
function nextOutcome(
  dispenser: RouteOpts['deps']['dispenser'],
  button: number,
): Promise<{ kind: PressOutcome['kind']; number?: string; reason?: string; problem?: string; message?: string } | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(null);
    }, OUTCOME_WAIT_MS);
    const off = dispenser.onOutcome((b, o) => {
      if (b !== button) return;
      clearTimeout(timer);
      off();
      if (o.kind === 'issued') resolve({ kind: o.kind, number: o.ticket.number });
      else if (o.kind === 'ignored') resolve({ kind: o.kind, reason: o.reason });
      else resolve({ kind: o.kind, reason: o.reason, message: o.message, ...(o.problem ? { problem: o.problem } : {}) });
    });
  });
}

/** The CONTRACT's simulator control: admin only, 404 for devices that are not simulated. */
export async function simRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const sims = () => {
    if (!deps.simulators)
      throw new StationError('NOT_SIMULATED', 'no device is simulated on this station (every device has a real driver)', 404);
    return deps.simulators;
  };
  const opts = (summary: string, extra: Record<string, unknown> = {}) => ({
    schema: { summary, security: bearer, tags: ['sim'], response: errors(400, 401, 403, 404), ...extra },
  });

  app.post<{ Params: Static<typeof IndexParams> }>(
    '/sim/buttons/:n/press',
    opts('Press the n-th configured button (from 0)', { params: IndexParams }),
    async (req) => {
      const n = Number(req.params.n);
      const button = sims().buttons.find((b) => b.index === n);
      if (!button) throw notSimulated(`button ${n}`);
      const outcome = nextOutcome(deps.dispenser, n);
      await button.press();
      return { pressed: n, outcome: await outcome };
    },
  );

  app.get('/sim/devices', opts('Simulated devices and the faults each can play'), async () => ({
    devices: simulatedDevices(sims()).map((d) => ({ id: d.deviceId, faults: d.faults.filter((f) => f !== 'none') })),
  }));

  app.post<{ Body: Static<typeof PowerBody> }>(
    '/sim/power',
    opts('Set the simulated sense lines and supply readings', { body: PowerBody }),
    async (req) => {
      const s = sims();
      const b = req.body;
      if (b.mains !== undefined) {
        if (!s.mains) throw notSimulated('the mains sense line');
      }
      if (b.genset !== undefined) {
        if (!s.genset) throw notSimulated('the genset sense line');
      }
      if ((b.busVoltage !== undefined || b.currentA !== undefined) && !s.supply) throw notSimulated('the supply monitor');
      if (b.mains !== undefined) s.mains!.set(b.mains);
      if (b.genset !== undefined) s.genset!.set(b.genset);
      if (b.busVoltage !== undefined || b.currentA !== undefined) {
        s.supply!.set({
          ...(b.busVoltage !== undefined ? { busVoltage: b.busVoltage } : {}),
          ...(b.currentA !== undefined ? { currentA: b.currentA } : {}),
        });
      }
      return { ok: true };
    },
  );

  app.post<{ Body: Static<typeof CardBody> }>(
    '/sim/card',
    opts('Tap a card (hex UID) on a simulated reader', { body: CardBody }),
    async (req) => {
      const readers = sims().cardReaders;
      const reader = req.body.counter === undefined ? readers[0] : readers.find((r) => r.counter === req.body.counter);
      if (!reader) throw notSimulated('the card reader');
      reader.tap(req.body.uid.toUpperCase());
      return { ok: true, counter: reader.counter };
    },
  );

  app.post<{ Body: Static<typeof ScanBody> }>(
    '/sim/scan',
    opts('Scan a code with a simulated scanner (kiosk: true for the entrance scanner)', { body: ScanBody }),
    async (req) => {
      if (req.body.kiosk) {
        if (req.body.counter !== undefined)
          throw new StationError('VALIDATION_ERROR', 'kiosk: true scans at the entrance; leave out counter', 400);
        const kiosk = sims().kioskScanner;
        if (!kiosk) throw notSimulated('the entrance scanner (devices.kioskScanner)');
        kiosk.scan(req.body.code);
        return { ok: true, kiosk: true };
      }
      const scanners = sims().scanners;
      const scanner = req.body.counter === undefined ? scanners[0] : scanners.find((r) => r.counter === req.body.counter);
      if (!scanner) throw notSimulated('the scanner');
      scanner.scan(req.body.code);
      return { ok: true, counter: scanner.counter };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof FaultBody> }>(
    '/sim/devices/:id/fault',
    opts('Inject a fault into a simulated device', { params: IdParams, body: FaultBody }),
    async (req) => {
      const device = simulatedDevices(sims()).find((d) => d.deviceId === req.params.id);
      if (!device) throw notSimulated(`device ${req.params.id}`);
      const fault = req.body.fault as SimFault;
      if (fault !== 'none' && !device.faults.includes(fault)) {
        throw new StationError(
          'FAULT_NOT_SUPPORTED',
          `${req.params.id} cannot simulate "${fault}" (can: ${device.faults.join(', ')})`,
          400,
        );
      }
      device.injectFault(fault);
      return { device: req.params.id, fault };
    },
  );

  app.get('/sim/printer', opts("The simulated printer's tickets, decoded from ESC/POS"), async () => {
    const p = sims().printer;
    if (!p) throw notSimulated('the printer');
    return { tickets: p.tickets() };
  });

  app.get('/sim/displays', opts('What each simulated counter display shows now'), async () => {
    return { displays: sims().displays.map((d) => ({ counter: d.counter, ...d.shows() })) };
  });
}
