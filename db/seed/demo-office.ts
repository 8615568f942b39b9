// The demo office "Ausländerbehörde Musterstadt": its structure and rules as data. Every text
// lives in db/seed/locales/<language>.json under the key given here, in all eight languages.

export type UnitSeed = {
  id: string;
  kind: "clearing" | "service_point" | "specialist";
  letterRanges?: Array<[first: string, last: string, caseWorker: string]>;
};

export type RuleSeed = {
  document: string;
  /** Only when the answer to `question` is one of `options`. */
  when?: { question: string; options: string[] };
  count?: number;
  /** Issued within this many days. */
  maxAgeDays?: number;
  /** Still valid for at least this many days (0: not expired). */
  minValidityDays?: number;
};

export type ServiceSeed = {
  id: string;
  unit: string;
  legalBasis: string;
  appointment: "required" | "optional" | "none" | "invitation";
  takesApplication: boolean;
  slots?: { minutes: number; parallel: number; horizonDays: number; minLeadHours: number; releaseMode?: "lottery" };
  questions: Array<{ key: string; options: string[]; hint?: boolean }>;
  rules: RuleSeed[];
};

export const demoOffice = {
  name: "Ausländerbehörde Musterstadt",
  street: "Musterstraße 1",
  postcode: "12345",
  city: "Musterstadt",
  phone: "+49 1234 567-0",
  email: "auslaenderbehoerde@musterstadt.example",
  timeZone: "Europe/Berlin",
  statedProcessingWeeks: 8,
};

export const demoUnits: UnitSeed[] = [
  { id: "clearing", kind: "clearing" },
  { id: "service-point", kind: "service_point" },
  {
    id: "residence",
    kind: "specialist",
    letterRanges: [
      ["A", "F", "Frau Albers"],
      ["G", "L", "Herr Gündoğdu"],
      ["M", "R", "Frau Marković"],
      ["S", "Z", "Herr Schubert"],
    ],
  },
  {
    id: "skilled",
    kind: "specialist",
    letterRanges: [
      ["A", "K", "Frau Kowalski"],
      ["L", "Z", "Herr Lindqvist"],
    ],
  },
  {
    id: "asylum-eu",
    kind: "specialist",
    letterRanges: [
      ["A", "L", "Frau Haddad"],
      ["M", "Z", "Herr Novak"],
    ],
  },
  {
    id: "naturalisation",
    kind: "specialist",
    letterRanges: [
      ["A", "G", "Frau Demir"],
      ["H", "O", "Herr Petrenko"],
      ["P", "Z", "Frau Weber"],
    ],
  },
];

export const demoDocumentTypes = [
  "passport",
  "old-passport",
  "identity-document",
  "residence-card",
  "biometric-photo",
  "registration-certificate",
  "health-insurance",
  "employment-contract",
  "job-offer",
  "employer-declaration",
  "payslip",
  "enrolment-certificate",
  "proof-of-funding",
  "tax-assessment",
  "pension-statement",
  "proof-of-livelihood",
  "marriage-certificate",
  "birth-certificate",
  "pension-record",
  "b1-certificate",
  "language-certificate",
  "lid-certificate",
  "naturalisation-test",
  "tenancy-agreement",
  "cv",
  "commitment-declaration",
  "degree-certificate",
  "zab-statement",
  "toleration-certificate",
  "school-certificate",
  "training-contract",
  "pickup-letter",
  "visitor-passport-copy",
  "eu-citizen-document",
] as const;

const passport: RuleSeed = { document: "passport", minValidityDays: 90 };
const residenceCard: RuleSeed = { document: "residence-card", minValidityDays: 0 };
const photo: RuleSeed = { document: "biometric-photo", maxAgeDays: 180 };
const registration: RuleSeed = { document: "registration-certificate", maxAgeDays: 90 };
const healthInsurance: RuleSeed = { document: "health-insurance", maxAgeDays: 30 };
const when = (question: string, ...options: string[]) => ({ question, options });

export const demoServices: ServiceSeed[] = [
  {
    id: "residence-extension",
    unit: "residence",
    legalBasis: "§ 8 AufenthG",
    appointment: "required",
    takesApplication: true,
    slots: { minutes: 20, parallel: 4, horizonDays: 42, minLeadHours: 12 },
    questions: [{ key: "purpose", options: ["employment", "study", "self_employment", "family_spouse", "family_child"], hint: true }],
    rules: [
      passport,
      residenceCard,
      photo,
      registration,
      healthInsurance,
      { document: "employment-contract", when: when("purpose", "employment"), minValidityDays: 0 },
      { document: "payslip", when: when("purpose", "employment"), count: 3, maxAgeDays: 90 },
      { document: "enrolment-certificate", when: when("purpose", "study"), maxAgeDays: 90 },
      { document: "proof-of-funding", when: when("purpose", "study"), maxAgeDays: 30 },
      { document: "tax-assessment", when: when("purpose", "self_employment"), maxAgeDays: 540 },
      { document: "marriage-certificate", when: when("purpose", "family_spouse") },
      { document: "birth-certificate", when: when("purpose", "family_child") },
    ],
  },
  {
    id: "settlement-permit",
    unit: "residence",
    legalBasis: "§ 9 AufenthG",
    appointment: "required",
    takesApplication: true,
    // Settlement permits are scarce: times are released a week at a time by fair lottery.
    slots: { minutes: 30, parallel: 3, horizonDays: 56, minLeadHours: 24, releaseMode: "lottery" },
    questions: [
      { key: "livelihood", options: ["employment", "self_employment"] },
      { key: "married", options: ["yes", "no"] },
    ],
    rules: [
      passport,
      residenceCard,
      photo,
      registration,
      healthInsurance,
      { document: "employment-contract", when: when("livelihood", "employment"), minValidityDays: 0 },
      { document: "payslip", when: when("livelihood", "employment"), count: 3, maxAgeDays: 90 },
      { document: "tax-assessment", when: when("livelihood", "self_employment"), maxAgeDays: 540 },
      { document: "marriage-certificate", when: when("married", "yes") },
      { document: "pension-record", maxAgeDays: 90 },
      { document: "b1-certificate" },
      { document: "lid-certificate" },
      { document: "tenancy-agreement" },
    ],
  },
  {
    id: "blue-card",
    unit: "skilled",
    legalBasis: "§ 18g, § 18a, § 18b AufenthG",
    appointment: "required",
    takesApplication: true,
    slots: { minutes: 30, parallel: 2, horizonDays: 42, minLeadHours: 12 },
    questions: [{ key: "degree_country", options: ["germany", "abroad"], hint: true }],
    rules: [
      passport,
      photo,
      { document: "job-offer" },
      { document: "employer-declaration", maxAgeDays: 90 },
      { document: "degree-certificate" },
      { document: "zab-statement", when: when("degree_country", "abroad") },
      registration,
      healthInsurance,
    ],
  },
  {
    id: "naturalisation",
    unit: "naturalisation",
    legalBasis: "§ 10 StAG",
    appointment: "optional",
    takesApplication: true,
    slots: { minutes: 45, parallel: 2, horizonDays: 90, minLeadHours: 48 },
    questions: [
      { key: "married", options: ["yes", "no"] },
      { key: "livelihood", options: ["employment", "self_employment", "other"], hint: true },
    ],
    rules: [
      { document: "passport", minValidityDays: 0 },
      { document: "birth-certificate" },
      { document: "marriage-certificate", when: when("married", "yes") },
      residenceCard,
      { document: "b1-certificate" },
      { document: "naturalisation-test" },
      { document: "employment-contract", when: when("livelihood", "employment"), minValidityDays: 0 },
      { document: "payslip", when: when("livelihood", "employment"), count: 6, maxAgeDays: 180 },
      { document: "tax-assessment", when: when("livelihood", "self_employment"), maxAgeDays: 540 },
      { document: "proof-of-livelihood", when: when("livelihood", "other"), maxAgeDays: 90 },
      { document: "pension-record", maxAgeDays: 90 },
      { document: "tenancy-agreement" },
      { document: "cv" },
      { document: "commitment-declaration" },
    ],
  },
  {
    id: "eu-residence-card",
    unit: "asylum-eu",
    legalBasis: "§ 5 FreizügG/EU",
    appointment: "required",
    takesApplication: true,
    slots: { minutes: 20, parallel: 2, horizonDays: 42, minLeadHours: 12 },
    questions: [{ key: "relation", options: ["spouse", "child"] }],
    rules: [
      passport,
      photo,
      { document: "eu-citizen-document", minValidityDays: 0 },
      { document: "marriage-certificate", when: when("relation", "spouse") },
      { document: "birth-certificate", when: when("relation", "child") },
      registration,
    ],
  },
  {
    id: "work-permission-tolerated",
    unit: "asylum-eu",
    legalBasis: "§ 4a Abs. 4, § 60a AufenthG; § 32 BeschV",
    appointment: "none",
    takesApplication: true,
    questions: [{ key: "activity", options: ["employment", "training"] }],
    rules: [
      { document: "identity-document" },
      { document: "toleration-certificate", minValidityDays: 0 },
      { document: "job-offer", when: when("activity", "employment") },
      { document: "employer-declaration", when: when("activity", "employment"), maxAgeDays: 90 },
      { document: "training-contract", when: when("activity", "training") },
    ],
  },
  {
    id: "right-to-stay",
    unit: "asylum-eu",
    legalBasis: "§ 25a, § 25b AufenthG",
    appointment: "optional",
    takesApplication: true,
    slots: { minutes: 30, parallel: 1, horizonDays: 56, minLeadHours: 24 },
    questions: [{ key: "occupation", options: ["school", "employment"], hint: true }],
    rules: [
      { document: "identity-document" },
      { document: "toleration-certificate", minValidityDays: 0 },
      { document: "school-certificate", when: when("occupation", "school"), maxAgeDays: 180 },
      { document: "employment-contract", when: when("occupation", "employment"), minValidityDays: 0 },
      { document: "payslip", when: when("occupation", "employment"), count: 3, maxAgeDays: 90 },
      { document: "language-certificate" },
      registration,
    ],
  },
  {
    id: "passport-transfer",
    unit: "service-point",
    legalBasis: "§ 78 AufenthG",
    appointment: "required",
    takesApplication: false,
    slots: { minutes: 15, parallel: 3, horizonDays: 28, minLeadHours: 2 },
    questions: [],
    rules: [{ document: "old-passport" }, { document: "passport", minValidityDays: 90 }, residenceCard],
  },
  {
    id: "eat-pickup",
    unit: "service-point",
    legalBasis: "§ 78 AufenthG",
    appointment: "invitation",
    takesApplication: false,
    slots: { minutes: 10, parallel: 3, horizonDays: 28, minLeadHours: 2 },
    questions: [],
    rules: [{ document: "passport", minValidityDays: 0 }, { document: "pickup-letter" }],
  },
  {
    id: "formal-obligation",
    unit: "service-point",
    legalBasis: "§ 66, § 68 AufenthG",
    appointment: "required",
    takesApplication: false,
    slots: { minutes: 20, parallel: 2, horizonDays: 42, minLeadHours: 12 },
    questions: [{ key: "income", options: ["employment", "self_employment", "pension"] }],
    rules: [
      { document: "identity-document", minValidityDays: 0 },
      { document: "payslip", when: when("income", "employment"), count: 3, maxAgeDays: 90 },
      { document: "tax-assessment", when: when("income", "self_employment"), maxAgeDays: 540 },
      { document: "pension-statement", when: when("income", "pension"), maxAgeDays: 360 },
      { document: "tenancy-agreement" },
      { document: "visitor-passport-copy" },
    ],
  },
  {
    id: "general-enquiry",
    unit: "clearing",
    legalBasis: "§ 25 VwVfG",
    appointment: "none",
    takesApplication: false,
    questions: [],
    rules: [],
  },
];

export const demoReasonCodes = [
  "illegible",
  "expired",
  "too-old",
  "wrong-document",
  "pages-missing",
  "translation-missing",
  "not-signed",
  "photo-not-biometric",
  "name-mismatch",
] as const;

/** Opening hours: `null` unit = the building's public hours. Weekday 1 = Monday. */
export const demoOpeningHours: Array<{ unit: string | null; weekday: number; opens: string; closes: string; counters: number }> = [
  ...[1, 2, 4, 5].map((weekday) => ({ unit: null, weekday, opens: "08:00", closes: "12:00", counters: 1 })),
  { unit: null, weekday: 2, opens: "13:30", closes: "15:30", counters: 1 },
  { unit: null, weekday: 4, opens: "14:00", closes: "18:00", counters: 1 },
  ...[1, 2, 3, 4, 5].map((weekday) => ({ unit: "clearing", weekday, opens: "08:00", closes: "15:00", counters: 4 })),
  { unit: "clearing", weekday: 4, opens: "15:00", closes: "18:00", counters: 2 },
  ...[1, 2, 4, 5].map((weekday) => ({ unit: "service-point", weekday, opens: "08:00", closes: "12:00", counters: 3 })),
  { unit: "service-point", weekday: 4, opens: "14:00", closes: "18:00", counters: 2 },
];
