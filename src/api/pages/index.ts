/**
 * The screens people use: the waiting-room display, the counter terminal, the
 * technician console and the simulator console, plus the two small routes
 * they need beyond the CONTRACT API (their config, and the voice call WAV).
 * A plain Fastify plugin; its routes are self-contained.
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../shared/log.js';
import type { VoiceLanguage, VoiceSynthesis } from '../../controller/voice-port.js';
import { callSpeechText, isTicketNumber } from '../../controller/voice/call-text.js';
import { findPhrase, type Phrase } from '../../controller/voice/phrases.js';
import type { SayableCalls } from '../../controller/voice/recent-calls.js';
import { findPublicDir, readPublic } from './static.js';

export interface PagesOptions {
  /** Voice calls; without it (or without espeak-ng) the display plays only the chime. */
  speech?: VoiceSynthesis;
  stationName: string;
  /** The regency (kabupaten), for the report's letterhead. */
  regency?: string;
  timeZone?: string;
  /** Devices are simulated: the sim console is useful. */
  simulated?: boolean;
  services?: ReadonlyArray<{ code: string; name: string; steps: readonly string[] }>;
  counters?: ReadonlyArray<{ id: number; name: string; services?: readonly string[] }>;
  /** Calls (call + recalls) before a no-show is allowed. */
  maxCalls?: number;
  /** Ticket buttons in config order (the sim console presses them by index). */
  buttons?: ReadonlyArray<{ service: string; priority?: boolean }>;
  /** The fixed sentences besides calls (the entrance scanner's answers); the phrase route says only these. */
  phrases?: readonly Phrase[];
  /** The calls the station made lately: the call route says only these (none without it). */
  calls?: SayableCalls;
  log?: Logger;
}

const PAGES = ['display', 'counter', 'technician', 'sim', 'admin', 'survey', 'report'] as const;

function apiError(code: string, message: string) {
  return { error: { code, message } };
}

export async function pagesPlugin(app: FastifyInstance, opts: PagesOptions): Promise<void> {
  const dir = findPublicDir();
  const log = opts.log?.child({ ns: 'api.pages' });

  for (const page of PAGES) {
    app.get(`/${page}`, async (_req, reply) => {
      const file = await readPublic(dir, `${page}.html`);
      if (!file) return reply.code(404).send(apiError('NOT_FOUND', `page ${page} missing`));
      return reply.header('cache-control', 'no-cache').type(file.type).send(file.body);
    });
  }

  app.get<{ Params: { name: string } }>('/pages/:name', async (req, reply) => {
    const file = await readPublic(dir, req.params.name);
    if (!file) return reply.code(404).send(apiError('NOT_FOUND', 'no such file'));
    return reply.header('cache-control', 'no-cache').type(file.type).send(file.body);
  });

  app.get('/api/v1/pages/config', async () => ({
    stationName: opts.stationName,
    regency: opts.regency ?? null,
    timeZone: opts.timeZone ?? 'Asia/Jakarta',
    simulated: opts.simulated ?? false,
    services: (opts.services ?? []).map((s) => ({ code: s.code, name: s.name, steps: [...s.steps] })),
    counters: (opts.counters ?? []).map((c) => ({ id: c.id, name: c.name, services: c.services ? [...c.services] : [] })),
    buttons: (opts.buttons ?? []).map((b, index) => ({ index, service: b.service, priority: b.priority ?? false })),
    maxCalls: opts.maxCalls ?? 3,
    voice: opts.speech ? await opts.speech.available() : false,
  }));

  app.get<{ Querystring: { number?: string; counter?: string; priority?: string; recall?: string; lang?: string } }>(
    '/api/v1/voice/call.wav',
    async (req, reply) => {
      const { number = '', counter = '', priority, recall, lang = 'id' } = req.query;
      const counterNo = Number(counter);
      if (!isTicketNumber(number)) return reply.code(400).send(apiError('BAD_NUMBER', 'number must look like A-007'));
      if (!/^\d{1,3}$/.test(counter) || counterNo < 1)
        return reply.code(400).send(apiError('BAD_COUNTER', 'counter must be a number from 1'));
      if (lang !== 'id' && lang !== 'en') return reply.code(400).send(apiError('BAD_LANG', 'lang is id or en'));
      // Only what the station called lately: nobody can have it synthesise (and keep) anything else.
      if (!opts.calls?.isRecentCall(number, counterNo))
        return reply.code(404).send(apiError('NOT_CALLED', `${number} has not been called to counter ${counterNo} lately`));
      const yes = (v?: string) => v === '1' || v === 'true';
      const text = callSpeechText({ number, counter: counterNo, priority: yes(priority), recall: yes(recall) }, lang as VoiceLanguage);
      const file = opts.speech ? await opts.speech.wav(text, lang as VoiceLanguage) : null;
      if (!file) {
        log?.debug('voice call requested but speech is unavailable');
        return reply
          .code(503)
          .send(apiError('VOICE_UNAVAILABLE', 'speech synthesis is not available; the chime and the screen carry the call'));
      }
      return reply.header('cache-control', 'public, max-age=86400').type('audio/wav').send(createReadStream(file));
    },
  );

  app.get<{ Querystring: { name?: string; lang?: string } }>('/api/v1/voice/phrase.wav', async (req, reply) => {
    const { name = '', lang = 'id' } = req.query;
    if (lang !== 'id' && lang !== 'en') return reply.code(400).send(apiError('BAD_LANG', 'lang is id or en'));
    const phrase = findPhrase(opts.phrases ?? [], name);
    if (!phrase)
      return reply
        .code(404)
        .send(apiError('NO_SUCH_PHRASE', `no phrase "${name}" (phrases: ${(opts.phrases ?? []).map((p) => p.name).join(', ') || 'none'})`));
    const words = phrase[lang as VoiceLanguage];
    const file = opts.speech ? await opts.speech.wav(words.speech, lang as VoiceLanguage) : null;
    if (!file) return reply.code(503).send(apiError('VOICE_UNAVAILABLE', 'speech synthesis is not available; the screen shows the answer'));
    return reply
      .header('cache-control', 'no-cache')
      .header('x-spoken-text', encodeURIComponent(words.speech))
      .type('audio/wav')
      .send(createReadStream(file));
  });
}

export default pagesPlugin;
export { pagesOptions } from './options.js';
