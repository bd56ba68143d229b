// @ts-check
// One table of messages per error code, shared by every page: an officer, a
// technician or a resident reads a sentence in their language, never a code.
// A code the table does not know (a newer station) still reads as a sentence.

/** @type {Record<string, { id: string, en: string }>} */
export const ERROR_TEXT = {
  // Counter work
  QUEUE_EMPTY: { id: 'Tidak ada nomor antrean yang menunggu untuk loket ini.', en: 'No ticket is waiting for this counter.' },
  COUNTER_NOT_OPEN: {
    id: 'Loket sedang tidak buka. Tekan Buka (F9) sebelum memanggil.',
    en: 'The counter is not open. Press Open (F9) before calling.',
  },
  COUNTER_BUSY: {
    id: 'Loket masih melayani satu nomor. Selesaikan, alihkan atau tandai tidak hadir dulu.',
    en: 'The counter is still serving a ticket. Complete, transfer or mark it absent first.',
  },
  COUNTER_NOT_FOUND: { id: 'Loket ini tidak dikenal oleh stasiun.', en: 'The station does not know this counter.' },
  NO_CURRENT_TICKET: { id: 'Loket ini sedang tidak memegang nomor antrean.', en: 'This counter holds no ticket right now.' },
  TICKET_BEING_SERVED: {
    id: 'Nomor ini sudah dilayani; panggilan ulang dan tidak hadir tidak berlaku lagi.',
    en: 'This ticket is already being served; recall and no-show no longer apply.',
  },
  RECALL_LIMIT: {
    id: 'Nomor ini sudah dipanggil sebanyak batas panggilan. Tandai tidak hadir bila pemohon tidak datang.',
    en: 'This ticket has been called the maximum number of times. Mark it absent if the resident does not come.',
  },
  NO_SHOW_TOO_EARLY: {
    id: 'Belum bisa ditandai tidak hadir: panggil ulang nomor ini sampai batas panggilan dulu.',
    en: 'Not yet: recall this ticket up to the call limit before marking it absent.',
  },
  NO_STEP_RECORDED: {
    id: 'Belum ada langkah SOP yang dicatat untuk nomor ini. Pilih langkah yang dikerjakan sebelum menyelesaikan.',
    en: 'No SOP step is recorded for this ticket yet. Choose the step you did before completing.',
  },
  UNKNOWN_STEP: { id: 'Langkah SOP itu tidak ada pada layanan ini.', en: 'That SOP step does not belong to this service.' },
  SAME_SERVICE: {
    id: 'Nomor ini sudah berada di layanan itu. Pilih layanan lain untuk mengalihkan.',
    en: 'The ticket is already in that service. Choose another service to transfer it to.',
  },
  UNKNOWN_SERVICE: { id: 'Layanan itu tidak dikenal oleh stasiun.', en: 'The station does not know that service.' },
  QUOTA_EXHAUSTED: {
    id: 'Kuota hari ini untuk layanan ini sudah habis. Silakan datang kembali besok.',
    en: "Today's quota for this service is used up. Please come back tomorrow.",
  },
  TICKET_NOT_FOUND: { id: 'Nomor antrean itu tidak ditemukan hari ini.', en: 'That ticket was not found today.' },
  BAD_NUMBER: { id: 'Nomor antrean itu tidak berbentuk benar (contoh: A-001).', en: 'That ticket number is not well formed (e.g. A-001).' },
  BAD_COUNTER: { id: 'Nomor loket itu tidak berlaku.', en: 'That counter number is not valid.' },

  // Faults
  FAULT_NOT_FOUND: { id: 'Laporan gangguan itu tidak ditemukan.', en: 'That fault report was not found.' },
  FAULT_RESOLVED: { id: 'Gangguan itu sudah ditandai diperbaiki.', en: 'That fault is already marked repaired.' },
  REPAIR_NOTE_REQUIRED: {
    id: 'Tuliskan apa yang diperbaiki sebelum menandai gangguan selesai.',
    en: 'Write down what was repaired before marking the fault resolved.',
  },
  FAULT_NOT_SUPPORTED: { id: 'Perangkat ini tidak dapat mengalami gangguan itu.', en: 'This device cannot have that fault.' },
  NOT_CONFIGURED: { id: 'Fitur ini belum diatur di stasiun ini.', en: 'This feature is not set up on this station.' },

  // Residents
  SURVEY_ANSWERED: {
    id: 'Survei untuk nomor ini sudah diisi. Terima kasih.',
    en: 'The survey for this ticket was already answered. Thank you.',
  },
  BAD_LIST: {
    id: 'Daftar KTP siap ambil tidak dapat dibaca; tidak ada yang diubah. Periksa isi berkasnya.',
    en: 'The card-ready list could not be read; nothing was changed. Check the file.',
  },
  BAD_LANG: { id: 'Bahasa itu tidak tersedia.', en: 'That language is not available.' },
  VOICE_UNAVAILABLE: { id: 'Suara panggilan sedang tidak tersedia.', en: 'The call voice is not available right now.' },
  NO_SUCH_PHRASE: { id: 'Kalimat itu tidak dapat diucapkan oleh stasiun.', en: 'The station cannot say that phrase.' },

  // Clock
  CLOCK_MISMATCH: {
    id: 'Tanggal yang dikonfirmasi tidak sama dengan jam stasiun. Atur jam stasiun dulu.',
    en: "The confirmed date does not match the station's clock. Set the station's clock first.",
  },
  BAD_TIME: { id: 'Waktu itu tidak berlaku.', en: 'That time is not valid.' },
  NOT_SIMULATED: { id: 'Jam stasiun ini tidak disimulasikan.', en: "This station's clock is not simulated." },

  // Station and access
  STORAGE_UNAVAILABLE: {
    id: 'Penyimpanan stasiun sedang bermasalah; tidak ada yang disimpan. Hubungi teknisi, lalu coba lagi.',
    en: "The station's storage has a problem; nothing was saved. Call the technician, then try again.",
  },
  UNAUTHORIZED: {
    id: 'Token tidak diterima. Masuk lagi dengan token yang benar.',
    en: 'The token was not accepted. Sign in again with the right token.',
  },
  FORBIDDEN: { id: 'Token ini tidak berhak melakukan tindakan itu.', en: 'This token is not allowed to do that.' },
  NOT_FOUND: { id: 'Yang diminta tidak ada di stasiun.', en: 'What was asked for does not exist on the station.' },
  VALIDATION_ERROR: {
    id: 'Isian tidak lengkap atau tidak sesuai. Periksa lalu coba lagi.',
    en: 'Some input is missing or not valid. Check it and try again.',
  },
  BAD_REQUEST: {
    id: 'Permintaan tidak dapat diproses. Periksa isian lalu coba lagi.',
    en: 'The request could not be processed. Check the input and try again.',
  },
  BAD_JSON: { id: 'Permintaan tidak dapat dibaca oleh stasiun.', en: 'The station could not read the request.' },
  BODY_TOO_LARGE: { id: 'Isian atau berkas terlalu besar untuk stasiun.', en: 'The input or file is too large for the station.' },
  UNSUPPORTED_MEDIA_TYPE: { id: 'Jenis berkas itu tidak diterima oleh stasiun.', en: 'The station does not accept that kind of file.' },
  TIMEOUT: {
    id: 'Perangkat tidak menjawab tepat waktu. Coba lagi sebentar lagi.',
    en: 'A device did not answer in time. Try again shortly.',
  },
  INTERNAL: {
    id: 'Terjadi gangguan di stasiun. Coba lagi; bila berulang, hubungi teknisi.',
    en: 'Something went wrong in the station. Try again; if it repeats, call the technician.',
  },
  NOT_CALLED: {
    id: 'Nomor ini tidak sedang dipanggil di loket ini; suara panggilan hanya untuk panggilan terbaru.',
    en: 'This number is not being called at this counter; the call voice is only for recent calls.',
  },
  TOO_MANY_STREAMS: {
    id: 'Terlalu banyak layar tersambung ke stasiun. Tutup layar lain yang tidak dipakai; sambungan dicoba lagi sebentar lagi.',
    en: 'Too many screens are connected to the station. Close screens not in use; the connection is tried again shortly.',
  },
  VOICE_BUSY: {
    id: 'Suara panggilan sedang antre; layar tetap menampilkan panggilan ini.',
    en: 'Call voices are queued; the screen still shows this call.',
  },
  RATE_LIMITED: {
    id: 'Terlalu banyak permintaan dalam waktu singkat. Tunggu sebentar lalu coba lagi.',
    en: 'Too many requests in a short time. Wait a moment and try again.',
  },
  NETWORK: {
    id: 'Tidak terhubung ke stasiun. Periksa kabel jaringan; halaman mencoba lagi sendiri.',
    en: 'Not connected to the station. Check the network cable; the page keeps trying.',
  },
};

const FALLBACK = {
  id: 'Permintaan tidak berhasil. Coba lagi; bila berulang, hubungi teknisi.',
  en: 'The request did not succeed. Try again; if it repeats, call the technician.',
};
const SERVER = {
  id: 'Terjadi gangguan di stasiun. Coba lagi; bila berulang, hubungi teknisi.',
  en: 'Something went wrong in the station. Try again; if it repeats, call the technician.',
};

/**
 * The sentence for an API error code (or `HTTP_<status>` when the answer had no code).
 * @param {string | null | undefined} code
 * @param {'id' | 'en'} [lang]
 */
export function errorText(code, lang = 'id') {
  const entry = code ? ERROR_TEXT[code] : undefined;
  if (entry) return entry[lang];
  const status = code && /^HTTP_(\d{3})$/.exec(code);
  if (status && Number(status[1]) >= 500) return SERVER[lang];
  return FALLBACK[lang];
}
