export {
  callText,
  callSpeechText,
  spokenTicketNumber,
  angka,
  numberWord,
  isTicketNumber,
  type CallSpeech,
  type VoiceLanguage,
} from './call-text.js';
