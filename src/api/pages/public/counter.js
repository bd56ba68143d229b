// @ts-check
// The counter terminal: call, recall, run the SOP steps with their timers,
// complete, no-show, transfer, report a device fault; shows this counter's
// card taps and scans. Its token is kept in sessionStorage (this tab only).
import {
  api,
  followEvents,
  t,
  langSwitch,
  onLangChange,
  applyText,
  clockTime,
  duration,
  maskCode,
  stepName,
  h,
  $,
  session,
  loadConfig,
  toast,
  errorMessage,
  tokenLogin,
  probeStream,
} from './common.js';
import { counterRules } from './counter-rules.js';
import { showCardReady } from './counter-card-ready.js';

const FAULT_DEVICES = ['fingerprint', 'iris', 'camera', 'signature-pad', 'recording-pc', 'network', 'other'];

const state = {
  config: null,
  auth: null,
  ticket: null,
  /** Bumped whenever an action's answer sets the ticket: a queue read begun before it is older and must not undo it. */
  ticketVersion: 0,
  localSteps: {},
  queue: null,
  events: [],
  busy: false,
  faults: [],
  confirm: null,
  /** Counters the station pauses for the outage once their ticket is done (the power view's `counters.pausing`). */
  pausing: [],
};

const counterId = () => Number(state.auth?.counter);
const myCounter = () => state.config.counters.find((c) => c.id === counterId());
const serviceOf = (code) => state.config.services.find((s) => s.code === code);
const active = (tk) => tk && (tk.status === 'called' || tk.status === 'serving');
/** This counter as the queue view has it: state, who paused it. */
const myCounterView = () => state.queue?.counters?.find((c) => c.id === counterId()) ?? null;
/** The mains failed while this counter holds a ticket: it keeps serving it and pauses after. */
const pausingForPower = () => myCounterView()?.state === 'open' && active(state.ticket) && state.pausing.includes(counterId());
const myServices = () => (myCounter()?.services?.length ? myCounter().services : state.config.services.map((s) => s.code));

/** What may be done now, and why not (see counter-rules.js). */
function rules() {
  const tk = active(state.ticket) ? state.ticket : null;
  const view = myCounterView();
  const codes = myServices();
  const waiting = (state.queue?.services ?? []).filter((s) => codes.includes(s.code)).reduce((n, s) => n + s.waiting, 0);
  return counterRules({
    counter: { state: view?.state ?? 'open', pausedBy: view?.pausedBy ?? null },
    ticket: tk ? { ...tk, steps: stepsOf(tk) } : null,
    stepsOfService: serviceOf(tk?.service)?.steps ?? [],
    otherServices: state.config.services.filter((s) => s.code !== tk?.service).length,
    waiting,
    maxCalls: state.config.maxCalls ?? 3,
    busy: state.busy,
    pausingForPower: pausingForPower(),
  });
}

/** The counter's state with its reason in words, and the hint under the buttons. */
function renderState() {
  const view = myCounterView();
  const kind = view?.state === 'paused' && view.pausedBy === 'power' ? 'power' : pausingForPower() ? 'pausing' : (view?.state ?? 'open');
  const box = $('#state');
  box.dataset.state = kind;
  $('#state-label').textContent = t(`counter.state.${kind}`);
  $('#state-reason').textContent = t(kind === 'paused' ? 'counter.reason.officer' : `counter.reason.${kind}`);
}

function stepsOf(tk) {
  if (!tk) return [];
  return tk.steps ?? state.localSteps[tk.number] ?? [];
}

/** The step buttons, in order (keys 1-9). */
const stepButtons = () => /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('.c-step'));

function renderTicket() {
  const tk = active(state.ticket) ? state.ticket : null;
  $('#number').textContent = tk ? tk.number : '—';
  $('#service').textContent = tk
    ? `${serviceOf(tk.service)?.name ?? tk.service}${tk.priority ? ` · ${t('display.priority')}` : ''}`
    : t('counter.none');
  $('#status').textContent = tk ? t(`status.${tk.status}`) : '';
  $('#called').textContent =
    tk && tk.calledAt
      ? t('counter.calledAt', { time: clockTime(Date.parse(tk.calledAt), state.config.timeZone), calls: tk.calls ?? 1 })
      : '';
  const r = rules();
  const buttons = {
    call: r.call,
    recall: r.recall,
    complete: r.complete,
    noshow: r.noShow,
    transfer: r.transfer,
    open: r.open,
    pause: r.pause,
    close: r.close,
  };
  for (const [id, rule] of Object.entries(buttons)) {
    const b = /** @type {HTMLButtonElement} */ ($(`#${id}`));
    b.disabled = !rule.ok;
    b.title = rule.ok ? '' : t(rule.why);
  }
  const hint = tk ? r.complete : r.call;
  $('#hint').textContent = hint.ok || hint.why === 'why.busy' ? '' : t(hint.why);
  renderState();
  renderSteps();
  renderTimers();
}

function renderSteps() {
  const tk = active(state.ticket) ? state.ticket : null;
  const service = serviceOf(tk?.service ?? myCounter()?.services?.[0] ?? state.config.services[0]?.code);
  const steps = service?.steps ?? [];
  $('#steps').replaceChildren(
    ...steps.map((code, i) =>
      h(
        'button',
        {
          class: 'c-step',
          dataset: { step: code },
          disabled: !tk,
          onclick: () => startStep(code),
        },
        h('span', { class: 'key' }, i < 9 ? String(i + 1) : ''),
        h('span', { class: 'name' }, stepName(code)),
        h('span', { class: 'timer' }, ''),
      ),
    ),
  );
}

/** Refreshes the running clocks once a second without rebuilding the buttons. */
function renderTimers() {
  const tk = active(state.ticket) ? state.ticket : null;
  const now = Date.now();
  $('#elapsed').textContent = tk?.calledAt ? duration((now - Date.parse(tk.calledAt)) / 1000) : '';
  const records = stepsOf(tk);
  for (const btn of stepButtons()) {
    const rec = [...records].reverse().find((r) => r.step === btn.dataset.step);
    const running = rec && !rec.endedAt;
    btn.classList.toggle('running', Boolean(running));
    btn.classList.toggle('done', Boolean(rec && rec.endedAt));
    const secs = !rec
      ? null
      : rec.endedAt
        ? (rec.durationS ?? (Date.parse(rec.endedAt) - Date.parse(rec.startedAt)) / 1000)
        : (now - Date.parse(rec.startedAt)) / 1000;
    btn.querySelector('.timer').textContent = secs === null ? '' : duration(secs);
  }
}

function renderWaiting() {
  const codes = myCounter()?.services?.length ? myCounter().services : state.config.services.map((s) => s.code);
  const services = (state.queue?.services ?? []).filter((s) => codes.includes(s.code));
  $('#waiting').replaceChildren(
    ...services.map((s) =>
      h(
        'div',
        { dataset: { service: s.code } },
        h('span', {}, `${s.code} · ${s.name ?? serviceOf(s.code)?.name ?? ''}`),
        h('b', {}, String(s.waiting)),
      ),
    ),
  );
}

function renderEvents() {
  const list = $('#events');
  if (!state.events.length) {
    list.replaceChildren(h('li', { class: 'muted' }, t('counter.noDeviceEvents')));
    return;
  }
  list.replaceChildren(
    ...state.events.map((e) =>
      h(
        'li',
        {},
        h('span', { class: 'when' }, clockTime(Date.parse(e.at), state.config.timeZone, true)),
        e.kind === 'card'
          ? `${t('counter.card')}: ${e.tag ?? ''}`
          : `${t('counter.scan')} (${e.codeKind}): ${maskCode(e.code)}${e.ticket ? ` → ${e.ticket}` : ''}`,
      ),
    ),
  );
}

function renderFaults() {
  const list = $('#my-faults');
  if (!state.faults.length) {
    list.replaceChildren(h('li', { class: 'muted' }, t('counter.noFaults')));
    return;
  }
  list.replaceChildren(
    ...state.faults.map((f) =>
      h(
        'li',
        { class: f.open ? 'open' : 'fixed', dataset: { fault: String(f.id) } },
        h('b', {}, deviceName(f.device)),
        ' — ',
        f.open
          ? t('counter.faultOpen')
          : t('counter.faultFixed', { time: clockTime(Date.parse(f.resolvedAt), state.config.timeZone), note: f.resolution ?? '' }),
      ),
    ),
  );
}

/** "fingerprint (Loket 1)" → "Pemindai sidik jari". */
function deviceName(device) {
  const code = String(device).split(' (')[0];
  const name = t(`dev.${code}`);
  return name === `dev.${code}` ? device : name;
}

function onFault(f) {
  const before = state.faults.find((x) => x.id === f.id);
  if (before?.open && !f.open) toast(t('counter.faultFixedToast', { device: deviceName(f.device) }));
  state.faults = [f, ...state.faults.filter((x) => x.id !== f.id)];
  renderFaults();
}

function render() {
  renderTicket();
  renderFaults();
  renderWaiting();
  renderEvents();
}

function setTicket(tk) {
  state.ticketVersion++;
  if (!tk) {
    state.ticket = null;
    render();
    return;
  }
  if (!active(tk) && state.ticket && tk.number === state.ticket.number && tk.status === 'done')
    toast(t('counter.done', { number: tk.number }));
  state.ticket = active(tk) ? tk : null;
  render();
}

async function act(path, body) {
  if (state.busy) return null;
  state.busy = true;
  renderTicket();
  try {
    const res = await api(`/api/v1/counters/${counterId()}/${path}`, { token: state.auth.token, method: 'POST', body: body ?? {} });
    return res?.ticket ?? null;
  } catch (err) {
    toast(errorMessage(err), 'error');
    return null;
  } finally {
    state.busy = false;
    renderTicket();
  }
}

async function call() {
  if (!rules().call.ok) return;
  const tk = await act('call');
  if (tk) setTicket(tk);
}
async function recall() {
  if (!rules().recall.ok) return;
  const tk = await act('recall');
  if (tk) setTicket(tk);
}
/** Complete and no-show cannot be undone: each asks first (Enter confirms, Esc keeps the ticket). */
function complete() {
  if (!rules().complete.ok) return;
  const number = state.ticket.number;
  ask(t('counter.confirmComplete', { number }), async () => {
    const tk = await act('complete');
    if (tk) setTicket(tk);
  });
}
function noShow() {
  if (!rules().noShow.ok) return;
  const number = state.ticket.number;
  ask(t('counter.confirmNoShow', { number }), async () => {
    const tk = await act('no-show');
    if (tk) setTicket(tk);
  });
}

function ask(text, action) {
  state.confirm = action;
  $('#confirm-text').textContent = text;
  $('#confirm').hidden = false;
  $('#confirm-yes').focus();
}
function answer(yes) {
  const action = state.confirm;
  state.confirm = null;
  $('#confirm').hidden = true;
  if (yes && action) action();
}

/** Buka / Istirahat / Tutup. */
async function setCounterState(next) {
  if (!rules()[next === 'open' ? 'open' : next === 'paused' ? 'pause' : 'close'].ok || state.busy) return;
  state.busy = true;
  renderTicket();
  try {
    await api(`/api/v1/counters/${counterId()}/state`, { token: state.auth.token, method: 'POST', body: { state: next } });
    state.queue = await api('/api/v1/queue');
  } catch (err) {
    toast(errorMessage(err), 'error');
  } finally {
    state.busy = false;
    renderTicket();
  }
}

async function startStep(code) {
  const tk = state.ticket;
  if (!active(tk) || state.confirm) return;
  const res = await act('steps', { step: code });
  if (!res) return;
  if (!res.steps) {
    // The API did not return step records: keep the timers locally.
    const now = new Date().toISOString();
    const list = (state.localSteps[tk.number] ??= []);
    for (const r of list) if (!r.endedAt) r.endedAt = now;
    list.push({ step: code, startedAt: now, endedAt: null, durationS: null });
  }
  setTicket(res);
}

function transfer() {
  if (!active(state.ticket)) return;
  if (!rules().transfer.ok) return;
  const dlg = $('#transfer-dialog');
  const others = state.config.services.filter((s) => s.code !== state.ticket.service);
  $('#transfer-choices').replaceChildren(
    ...others.map((s, i) =>
      h(
        'label',
        {},
        h('input', { type: 'radio', name: 'service', value: s.code, checked: i === 0 }),
        h('kbd', {}, String(i + 1)),
        `${s.code} · ${s.name}`,
      ),
    ),
  );
  dlg.onclose = async () => {
    const picked = /** @type {HTMLInputElement | null} */ (dlg.querySelector('input[name=service]:checked'));
    if (dlg.returnValue !== 'ok' || !picked) return;
    const tk = await act('transfer', { service: picked.value });
    if (tk) {
      toast(`${tk.number} → ${picked.value}`);
      setTicket(tk.counter === counterId() ? tk : null);
    }
  };
  dlg.returnValue = '';
  dlg.showModal();
}

function reportFault() {
  const dlg = $('#fault-dialog');
  const form = dlg.querySelector('form');
  $('#fault-device').replaceChildren(
    ...FAULT_DEVICES.map((d, i) =>
      h('label', {}, h('input', { type: 'radio', name: 'device', value: d, required: true }), h('kbd', {}, String(i + 1)), t(`dev.${d}`)),
    ),
  );
  form.reset();
  dlg.returnValue = '';
  dlg.onclose = async () => {
    if (dlg.returnValue !== 'ok') return;
    const data = Object.fromEntries(new FormData(form).entries());
    const device = `${data.device} (${myCounter()?.name ?? `loket ${counterId()}`})`;
    try {
      const res = await api('/api/v1/faults', {
        token: state.auth.token,
        method: 'POST',
        body: { device, description: String(data.description) },
      });
      toast(t('fault.sent', { id: res?.fault?.id ?? '' }));
      if (res?.fault) onFault(res.fault);
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  };
  dlg.showModal();
}

async function refresh() {
  const version = state.ticketVersion;
  const busyAtStart = state.busy;
  try {
    const queue = await api('/api/v1/queue');
    state.queue = queue;
    state.faults = (
      await api(`/api/v1/counters/${counterId()}/faults`, { token: state.auth.token }).catch(() => ({ faults: state.faults }))
    ).faults;
    const mine = queue.counters.find((c) => c.id === counterId());
    const cur = mine?.current ?? null;
    // A call, recall or completion answered while this read was on its way is newer than the read: keep it.
    const stale = busyAtStart || state.busy || version !== state.ticketVersion;
    // Keep step records we already hold when the queue's copy has none.
    if (!stale)
      state.ticket = active(cur)
        ? { ...cur, steps: cur.steps ?? (state.ticket?.number === cur.number ? state.ticket.steps : undefined) }
        : null;
    render();
  } catch {
    /* the connection indicator says so */
  }
}

function setConnected(ok) {
  const conn = $('#conn');
  conn.classList.toggle('lost', !ok);
  conn.textContent = ok ? t('conn.ok') : `${t('conn.lost')} — ${t('conn.retrying')}`;
  if (ok) refresh();
}

/** Keys inside the two dialogs: digits pick a choice, Enter sends, Esc cancels (the browser's own). */
function onDialogKey(ev) {
  const dlg = /** @type {HTMLDialogElement} */ (ev.currentTarget);
  const inText = ev.target instanceof HTMLTextAreaElement || (ev.target instanceof HTMLInputElement && ev.target.type === 'text');
  if (/^[1-9]$/.test(ev.key) && !inText) {
    const choice = /** @type {HTMLInputElement | undefined} */ ([...dlg.querySelectorAll('input[type=radio]')][Number(ev.key) - 1]);
    if (choice) {
      ev.preventDefault();
      choice.checked = true;
      choice.focus();
    }
    return;
  }
  if (ev.key === 'Enter' && !ev.shiftKey) {
    ev.preventDefault();
    const form = dlg.querySelector('form');
    if (form.reportValidity()) dlg.close('ok');
  }
}

function onKey(ev) {
  if (document.querySelector('dialog[open]') || $('#work').hidden) return;
  if (state.confirm) {
    if (ev.key === 'Enter' || ev.key === 'Escape') {
      ev.preventDefault();
      answer(ev.key === 'Enter');
    } else if (ev.key.startsWith('F')) ev.preventDefault();
    return;
  }
  const typing =
    ev.target instanceof HTMLInputElement || ev.target instanceof HTMLTextAreaElement || ev.target instanceof HTMLSelectElement;
  const keys = {
    F1: call,
    F2: recall,
    F4: noShow,
    F6: transfer,
    F8: reportFault,
    F9: () => setCounterState('open'),
    F10: () => setCounterState('paused'),
    F11: () => setCounterState('closed'),
  };
  if (keys[ev.key]) {
    ev.preventDefault();
    keys[ev.key]();
    return;
  }
  if (typing) return;
  if (ev.key === 'Enter') {
    ev.preventDefault();
    complete();
    return;
  }
  if (/^[1-9]$/.test(ev.key)) {
    const btn = stepButtons()[Number(ev.key) - 1];
    if (btn && !btn.disabled) {
      ev.preventDefault();
      startStep(btn.dataset.step);
    }
  }
}

async function main() {
  langSwitch($('#lang'));
  applyText();
  state.config = await loadConfig();
  const sel = $('#login-counter');
  sel.replaceChildren(...state.config.counters.map((c) => h('option', { value: c.id }, c.name)));
  const wanted = new URLSearchParams(location.search).get('counter');
  if (wanted) sel.value = wanted;
  state.auth = await tokenLogin({
    key: 'counter',
    form: $('#login'),
    check: ({ token, counter }) => probeStream(`/api/v1/counters/${Number(counter)}/events`, token),
  });
  $('#counter-name').textContent = myCounter()?.name ?? `Loket ${counterId()}`;
  document.title = `${myCounter()?.name ?? ''} · ${t('counter.title')}`;
  $('#logout').hidden = false;
  $('#logout').onclick = () => {
    session.clear('counter');
    location.reload();
  };
  $('#call').onclick = call;
  $('#recall').onclick = recall;
  $('#complete').onclick = complete;
  $('#noshow').onclick = noShow;
  $('#transfer').onclick = transfer;
  $('#fault').onclick = reportFault;
  $('#open').onclick = () => setCounterState('open');
  $('#pause').onclick = () => setCounterState('paused');
  $('#close').onclick = () => setCounterState('closed');
  $('#confirm-yes').onclick = () => answer(true);
  $('#confirm-no').onclick = () => answer(false);
  for (const id of ['#transfer-dialog', '#fault-dialog']) $(id).addEventListener('keydown', onDialogKey);
  document.addEventListener('keydown', onKey);
  onLangChange(render);
  render();
  await refresh();
  // Shown once it knows the queue and its ticket: before that F1 and the buttons could only be refused.
  $('#work').hidden = false;
  followEvents(`/api/v1/counters/${counterId()}/events`, {
    token: state.auth.token,
    onState: setConnected,
    handlers: {
      queue: (q) => {
        state.queue = q;
        renderWaiting();
        renderTicket();
      },
      fault: onFault,
      power: (p) => {
        state.pausing = p?.counters?.pausing ?? [];
        renderTicket();
      },
      ticket: (tk) => {
        if (tk.counter === counterId()) setTicket(tk);
      },
      card: (c) => {
        state.events = [{ kind: 'card', ...c }, ...state.events].slice(0, 30);
        renderEvents();
      },
      scan: (s) => {
        state.events = [{ ...s, kind: 'scan', codeKind: s.kind }, ...state.events].slice(0, 30);
        renderEvents();
      },
      'card-ready': (hint) => showCardReady(hint, state.config.timeZone),
    },
  });
  setInterval(renderTimers, 1000);
}

main().catch((err) => {
  console.error(err);
  toast(errorMessage(err), 'error');
});
