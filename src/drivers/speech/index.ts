export { createSpeech, type Speech, type SpeechOptions } from './espeak.js';
