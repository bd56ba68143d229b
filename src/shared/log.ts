import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { maskNiksInText } from './privacy.js';

export type { Logger } from 'pino';

/** Keys whose values are personal data or secrets, wherever they appear in a log object. */
const REDACT_PATHS = [
  'nik',
  '*.nik',
  'uid',
  '*.uid',
  'cardUid',
  '*.cardUid',
  'token',
  '*.token',
  'req.headers.authorization',
  'headers.authorization',
];

export interface LogOptions {
  level?: string;
  /** Pretty, human-readable lines (default: when stdout is a TTY). */
  pretty?: boolean;
  /** Where to write; default stdout. Tests pass a stream to read what was logged. */
  destination?: NodeJS.WritableStream;
}

/** The one root logger. Subsystems take `log.child({ ns: 'drivers.pn532' })`. */
export function createLogger(opts: LogOptions = {}): Logger {
  const options: LoggerOptions = {
    level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    formatters: {
      // …and a NIK inside any string value, whatever the key or the line's format (a scanned `NIK:…;NAMA:…`).
      log: (object) => maskStrings(object, 0) as Record<string, unknown>,
    },
    hooks: {
      // A NIK typed into a message string is masked too, not only NIK-named keys.
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskNiksInText(a) : a));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
  };
  const pretty = opts.pretty ?? (!opts.destination && process.stdout.isTTY === true);
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  return opts.destination ? pino(options, opts.destination as DestinationStream) : pino(options);
}

/** Masks NIK-shaped numbers in every string of a log object (plain objects and arrays, a few levels deep; errors are left to their serializer). */
function maskStrings(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskNiksInText(value);
  if (depth > 4 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskStrings(v, depth + 1);
  return out;
}

/** A logger that writes nothing (for tests that do not look at logs). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
