import { startStub, newStubState } from './stub-station.js';
import { createSpeech } from '../../../src/drivers/speech/espeak.js';
const s = await startStub({ state: newStubState(), port: 8099, speech: createSpeech({ cacheDir: '/tmp/ktp-voice-cache' }) });
console.log(s.url);
