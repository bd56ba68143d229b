/**
 * The nine elements (unsur) of the public satisfaction survey (Survei
 * Kepuasan Masyarakat, SKM) of PermenPAN-RB 14/2017, in the regulation's
 * order, with the question a resident reads and its four answers, worst (1)
 * to best (4). The words are the station's own, short for a tablet; the
 * elements and the 1–4 scale are the regulation's.
 */
export interface SurveyElement {
  /** U1…U9 */
  key: string;
  name: { id: string; en: string };
  question: { id: string; en: string };
  /** Answers 1..4 */
  answers: { id: [string, string, string, string]; en: [string, string, string, string] };
}

export const SURVEY_ELEMENTS: readonly SurveyElement[] = [
  {
    key: 'U1',
    name: { id: 'Persyaratan', en: 'Requirements' },
    question: { id: 'Apakah persyaratan pelayanan sesuai dengan yang diumumkan?', en: 'Did the requirements match what was announced?' },
    answers: { id: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'], en: ['Not at all', 'Partly', 'Yes', 'Fully'] },
  },
  {
    key: 'U2',
    name: { id: 'Sistem, mekanisme, dan prosedur', en: 'Procedure' },
    question: { id: 'Apakah prosedur pelayanan mudah diikuti?', en: 'Was the procedure easy to follow?' },
    answers: { id: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'], en: ['Not easy', 'Fairly hard', 'Easy', 'Very easy'] },
  },
  {
    key: 'U3',
    name: { id: 'Waktu penyelesaian', en: 'Time taken' },
    question: { id: 'Bagaimana kecepatan pelayanan hari ini?', en: 'How quick was the service today?' },
    answers: { id: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'], en: ['Slow', 'Rather slow', 'Quick', 'Very quick'] },
  },
  {
    key: 'U4',
    name: { id: 'Biaya/tarif', en: 'Cost' },
    question: { id: 'Apakah Anda dimintai biaya? (Layanan e-KTP gratis)', en: 'Were you asked to pay? (e-KTP service is free)' },
    answers: { id: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'], en: ['Very expensive', 'Expensive', 'Cheap', 'Free'] },
  },
  {
    key: 'U5',
    name: { id: 'Produk spesifikasi jenis pelayanan', en: 'What was delivered' },
    question: { id: 'Apakah hasil pelayanan sesuai dengan yang dijanjikan?', en: 'Did you get what the service promises?' },
    answers: { id: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'], en: ['Not at all', 'Partly', 'Yes', 'Fully'] },
  },
  {
    key: 'U6',
    name: { id: 'Kompetensi pelaksana', en: 'Staff competence' },
    question: { id: 'Apakah petugas menguasai pekerjaannya?', en: 'Did the staff know their work?' },
    answers: {
      id: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
      en: ['Not competent', 'Barely', 'Competent', 'Very competent'],
    },
  },
  {
    key: 'U7',
    name: { id: 'Perilaku pelaksana', en: 'Staff behaviour' },
    question: { id: 'Apakah petugas sopan dan ramah?', en: 'Were the staff polite and friendly?' },
    answers: {
      id: ['Tidak sopan', 'Kurang sopan', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
      en: ['Impolite', 'Not very', 'Polite', 'Very polite'],
    },
  },
  {
    key: 'U8',
    name: { id: 'Penanganan pengaduan, saran dan masukan', en: 'Complaints and suggestions' },
    question: { id: 'Apakah ada tempat menyampaikan pengaduan dan saran?', en: 'Is there a way to make a complaint or suggestion?' },
    answers: {
      id: ['Tidak ada', 'Ada, tidak berfungsi', 'Berfungsi kurang baik', 'Dikelola dengan baik'],
      en: ['None', 'Exists, unused', 'Works poorly', 'Well handled'],
    },
  },
  {
    key: 'U9',
    name: { id: 'Sarana dan prasarana', en: 'Facilities' },
    question: { id: 'Bagaimana ruang tunggu, kursi, dan toilet?', en: 'How were the waiting room, seats and toilet?' },
    answers: { id: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'], en: ['Poor', 'Fair', 'Good', 'Very good'] },
  },
];
