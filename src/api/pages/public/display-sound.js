// @ts-check
// The chime (two tones made with WebAudio, no file needed) and then the voice
// call from the station (/api/v1/voice/call.wav). Calls queue one after the
// other; without a voice the chime and the screen carry the call.
import { getLang } from './common.js';

let ctx = null;
const queue = [];
let playing = false;

function audio() {
  // Older Safari and WebViews name it webkitAudioContext.
  ctx ??= new (window.AudioContext || /** @type {any} */ (window).webkitAudioContext)();
  return ctx;
}

export async function soundBlocked() {
  try {
    return audio().state === 'suspended';
  } catch {
    return false;
  }
}

export async function unlockSound() {
  try {
    await audio().resume();
  } catch {
    /* no audio device */
  }
}

function chime() {
  return new Promise((resolve) => {
    let ac;
    try {
      ac = audio();
    } catch {
      resolve();
      return;
    }
    const start = ac.currentTime + 0.05;
    // "ding-dong": E5 then C5, soft attack, long decay.
    [
      [659.25, 0],
      [523.25, 0.55],
    ].forEach(([freq, at]) => {
      const osc = ac.createOscillator();
      const gain = ac.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + at);
      gain.gain.exponentialRampToValueAtTime(0.5, start + at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + at + 1.1);
      osc.connect(gain).connect(ac.destination);
      osc.start(start + at);
      osc.stop(start + at + 1.2);
    });
    setTimeout(resolve, 1500);
  });
}

function voice(call, recalled) {
  const q = new URLSearchParams({ number: call.number, counter: String(call.counter), lang: getLang() });
  if (call.priority) q.set('priority', '1');
  if (recalled) q.set('recall', '1');
  return play(`/api/v1/voice/call.wav?${q}`);
}

/** Time for the station to make a WAV and the screen to start it; then the WAV's own length is waited for. */
const START_MS = 8_000;

/**
 * Plays a WAV from the station; resolves when it ends, fails or overruns its own length (a screen
 * whose sound output is gone must not hold the calls behind it): the next call waits for this one
 * at most its length plus a moment, not a fixed quarter of a minute.
 */
function play(url) {
  return new Promise((resolve) => {
    const player = new Audio(url);
    let guard = setTimeout(() => done(), START_MS);
    const done = () => {
      clearTimeout(guard);
      player.pause();
      resolve();
    };
    player.addEventListener('loadedmetadata', () => {
      if (!Number.isFinite(player.duration)) return;
      clearTimeout(guard);
      guard = setTimeout(() => done(), player.duration * 1000 + 1500);
    });
    player.addEventListener('ended', done);
    player.addEventListener('error', done);
    player.play().catch(done);
  });
}

async function drain() {
  if (playing) return;
  playing = true;
  while (queue.length) {
    if (queue[0].phrase) {
      const { phrase, caption, withVoice } = queue.shift();
      document.body.dataset.speaking = caption;
      await chime();
      if (withVoice) await play(`/api/v1/voice/phrase.wav?${new URLSearchParams({ name: phrase, lang: getLang() })}`);
      delete document.body.dataset.speaking;
      continue;
    }
    const { call, recalled, withVoice, onStart } = queue.shift();
    document.body.dataset.announcing = call.number;
    onStart?.();
    await chime();
    if (withVoice) await voice(call, recalled);
    delete document.body.dataset.announcing;
  }
  playing = false;
}

/** Chime, then the voice call; calls wait their turn. onStart runs as this call's turn begins (the panel shows it then). */
export function announce(call, { recalled = false, voice: withVoice = false, onStart = undefined } = {}) {
  queue.push({ call, recalled, withVoice, onStart });
  drain();
}

/** One of the station's fixed phrases (the entrance scanner's answer), after the calls already waiting. */
export function sayPhrase(phrase, { voice: withVoice = false, caption = '' } = {}) {
  queue.push({ phrase, caption, withVoice });
  drain();
}
