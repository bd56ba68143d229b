/**
 * A simulated gpiochip: input lines with a bias (idle level) that a simulator
 * can drive low or high, as a finger on a button or an opto-coupler would.
 * Requests behave like the kernel's: a line held by someone is busy, a line
 * past the end does not exist. Edges reach listeners synchronously.
 */
import type { Bias, InputLine, InputLineRequest, Level } from './line.js';
import { EdgeListeners, LineHandle } from './line.js';

interface SimLine {
  bias: Bias;
  driven: Level | null;
  holder: string | null;
  listeners: EdgeListeners;
}

const errno = (code: string) => Object.assign(new Error(code), { code });

export class SimGpioChip {
  private readonly lines: SimLine[];

  constructor(
    readonly name = 'sim-gpiochip',
    size = 128,
  ) {
    this.lines = Array.from({ length: size }, () => ({
      bias: 'as-is' as Bias,
      driven: null,
      holder: null,
      listeners: new EdgeListeners(),
    }));
  }

  /** The level a line sits at: what drives it, else its bias (floating reads 0). */
  level(line: number): Level {
    const l = this.at(line);
    return l.driven ?? (l.bias === 'pull-up' ? 1 : 0);
  }

  /** Drives a line to a level, or releases it to its bias with null. */
  drive(line: number, level: Level | null): void {
    const before = this.level(line);
    this.at(line).driven = level;
    const after = this.level(line);
    if (after !== before) this.at(line).listeners.emit(after);
  }

  isHeld(line: number): boolean {
    return this.at(line).holder !== null;
  }

  request(req: InputLineRequest): InputLine {
    if (req.line < 0 || req.line >= this.lines.length) throw errno('EINVAL');
    const l = this.lines[req.line]!;
    if (l.holder !== null) throw errno('EBUSY');
    l.holder = req.consumer ?? 'ktp-station';
    const before = this.level(req.line);
    l.bias = req.bias ?? 'as-is';
    if (this.level(req.line) !== before) l.listeners.emit(this.level(req.line));
    // The chip's own listeners see only changes; a simulated chip never goes away, so no fault is raised.
    const h = new LineHandle();
    const forward = l.listeners.add((level) => h.edges.emit(level));
    return h.line({ chip: this.name, line: req.line, backend: 'sim', note: '', read: () => this.level(req.line) }, () => {
      forward();
      l.holder = null;
    });
  }

  private at(line: number): SimLine {
    const l = this.lines[line];
    if (!l) throw errno('EINVAL');
    return l;
  }
}
