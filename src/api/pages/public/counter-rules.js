// @ts-check
// What the counter terminal may do right now, with the reason when it may not
// (an i18n key). The rules mirror the station's own: no call while the counter
// is paused, closed or busy; no completion before an SOP step of the ticket's
// current service; recall up to the call limit, no-show only after it.

/**
 * @typedef {{ ok: boolean, why?: string }} Rule
 * @typedef {{ status: string, service: string, calls?: number, steps?: Array<{ service?: string }> }} HeldTicket
 * @typedef {{
 *   counter: { state: string, pausedBy?: string | null },
 *   ticket: HeldTicket | null,
 *   stepsOfService: readonly string[],
 *   otherServices: number,
 *   waiting: number,
 *   maxCalls: number,
 *   busy?: boolean,
 *   pausingForPower?: boolean,
 * }} CounterSituation
 */

/** @returns {Rule} */
const yes = () => ({ ok: true });
/** @param {string} why @returns {Rule} */
const no = (why) => ({ ok: false, why });

/** @param {CounterSituation} s */
export function counterRules(s) {
  const tk = s.ticket && (s.ticket.status === 'called' || s.ticket.status === 'serving') ? s.ticket : null;
  const state = s.counter.state;
  const power = (state === 'paused' && s.counter.pausedBy === 'power') || Boolean(s.pausingForPower);
  const calls = tk?.calls ?? 1;
  const stepHere = Boolean(tk?.steps?.some((r) => (r.service ?? tk.service) === tk.service));

  /** @returns {Rule} */
  const call = () => {
    if (s.busy) return no('why.busy');
    if (tk) return no('why.call.holding');
    if (power) return no('why.call.power');
    if (state === 'paused') return no('why.call.paused');
    if (state === 'closed') return no('why.call.closed');
    if (s.waiting <= 0) return no('why.call.empty');
    return yes();
  };
  /** @returns {Rule} */
  const withTicket = (rule) => (s.busy ? no('why.busy') : !tk ? no('why.noTicket') : rule());

  return {
    call: call(),
    recall: withTicket(() => (tk.status === 'serving' ? no('why.recall.serving') : calls >= s.maxCalls ? no('why.recall.limit') : yes())),
    noShow: withTicket(() => (tk.status === 'serving' ? no('why.noShow.serving') : calls < s.maxCalls ? no('why.noShow.early') : yes())),
    complete: withTicket(() => (s.stepsOfService.length > 0 && !stepHere ? no('why.complete.noStep') : yes())),
    transfer: withTicket(() => (s.otherServices > 0 ? yes() : no('why.transfer.none'))),
    open: s.busy ? no('why.busy') : state === 'open' ? no('why.open.already') : yes(),
    pause: s.busy
      ? no('why.busy')
      : power
        ? no('why.call.power')
        : state !== 'open'
          ? no('why.pause.notOpen')
          : tk
            ? no('why.state.holding')
            : yes(),
    close: s.busy ? no('why.busy') : state === 'closed' ? no('why.close.already') : tk ? no('why.state.holding') : yes(),
  };
}
