/**
 * The power budget of a recording site (FIELD.md): 3,500 W for the first
 * recording set plus 350 W for each additional one, carried by the genset
 * when mains is out.
 */
export const FIRST_SET_W = 3_500;
export const EXTRA_SET_W = 350;

export interface PowerBudget {
  recordingSets: number;
  /** What the configured recording sets need. */
  requiredW: number;
  /** What the genset is rated for. */
  availableW: number;
  /** How many recording sets the genset can carry. */
  gensetCanCarry: number;
  /** Spare watts (negative: short). */
  marginW: number;
  /** Set when the config asks more of the genset than it can give. */
  warning: string | null;
}

export const requiredWatts = (sets: number): number => (sets <= 0 ? 0 : FIRST_SET_W + EXTRA_SET_W * (sets - 1));

export function setsCarried(ratedW: number): number {
  if (ratedW < FIRST_SET_W) return 0;
  return 1 + Math.floor((ratedW - FIRST_SET_W) / EXTRA_SET_W);
}

export function powerBudget(power: { recordingSets: number; gensetRatedW: number }): PowerBudget {
  const requiredW = requiredWatts(power.recordingSets);
  const availableW = power.gensetRatedW;
  const carry = setsCarried(availableW);
  let warning: string | null = null;
  if (availableW <= 0) {
    warning = `no genset configured (power.gensetRatedW is 0): ${power.recordingSets} recording set(s) need ${requiredW} W during an outage — set power.gensetRatedW to the genset's rated watts`;
  } else if (carry < power.recordingSets) {
    warning = `genset rated ${availableW} W carries ${carry} recording set(s) but ${power.recordingSets} are configured (need ${requiredW} W = 3500 W + 350 W x ${power.recordingSets - 1}): during an outage run at most ${carry} set(s) or get a genset of at least ${requiredW} W`;
  }
  return { recordingSets: power.recordingSets, requiredW, availableW, gensetCanCarry: carry, marginW: availableW - requiredW, warning };
}

/** For check-config: the budget warning with its config path, or nothing. */
export function budgetWarnings(
  power: { recordingSets?: number; gensetRatedW?: number } | undefined,
): Array<{ path: string; message: string }> {
  if (!power) return [];
  const b = powerBudget({ recordingSets: power.recordingSets ?? 1, gensetRatedW: power.gensetRatedW ?? 0 });
  return b.warning ? [{ path: 'power.gensetRatedW', message: `warning: ${b.warning}` }] : [];
}
