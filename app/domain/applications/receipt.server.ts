// The receipt (Eingangsbestätigung) an applicant gets on submitting an application: a PDF that
// proves when the office received it (§ 81 (4) AufenthG), for an employer or another authority.
// First in the applicant's language, then always in German, which the office reads. Texts are in
// locales/<lng>/receipt.json. See docs/decisions/0012-receipt-pdf.md.
import type { TFunction } from "i18next";
import { PDFDocument, grayscale, rgb } from "pdf-lib";
import { formatDay } from "#app/lib/i18n/format";
import { serverI18n } from "#app/lib/i18n/instance.server";
import { type Language, directionOf } from "#app/lib/i18n/languages";
import { PageFlow, leading } from "./page-flow.server";
import { type TextStyle, Typesetter } from "./typesetting.server";

/** The same text in the applicant's language and in German. */
export type ReceiptText = { applicant: string; de: string };

export type ReceiptInput = {
  /** The applicant's language; ar and fa are right to left. */
  language: Language;
  /** The case's reference, e.g. "LT-7K4M-9QXD". */
  reference: string;
  /** The instant of submission. */
  submittedAt: Date;
  /** The office's time zone, e.g. "Europe/Berlin". */
  timeZone: string;
  office: { name: string; street: string; postcode: string; city: string; phone: string; email: string };
  service: ReceiptText;
  /** Names as the applicant wrote them, in any script; birthDate as yyyy-mm-dd. */
  applicant: { familyName: string; givenNames: string; birthDate: string };
  answers: Array<{ question: ReceiptText; answer: ReceiptText }>;
  /** Documents received, per document type. */
  documents: Array<{ name: ReceiptText; files: number; pages: number }>;
  /** Documents still missing at submission. */
  missing: ReceiptText[];
  /** Where the applicant follows the case (no secret in it). */
  statusUrl: string;
};

const ink = grayscale(0.08);
const muted = grayscale(0.38);
const accent = rgb(0.09, 0.27, 0.47);

const style = {
  title: { face: "bold", size: 19, color: accent },
  lead: { face: "regular", size: 10.5, color: ink },
  note: { face: "regular", size: 9, color: muted },
  label: { face: "regular", size: 9, color: muted },
  value: { face: "regular", size: 10.5, color: ink },
  strong: { face: "bold", size: 10.5, color: ink },
  reference: { face: "mono", size: 20, color: ink },
  heading: { face: "bold", size: 12.5, color: accent },
  question: { face: "bold", size: 9.5, color: grayscale(0.25) },
  head: { face: "bold", size: 9, color: muted },
  footer: { face: "regular", size: 8, color: muted },
  url: { face: "regular", size: 10.5, color: accent },
} satisfies Record<string, TextStyle>;

function locale(lng: Language): string {
  return `${lng}-u-ca-gregory`;
}

/**
 * The instant of submission in the office's time zone, to the second and with the zone's name or
 * offset: "Donnerstag, 5. März 2026 um 14:07:09 MEZ", and its date ("5. März 2026") and time
 * ("14:07:09 MEZ") for a sentence.
 */
export function formatSubmission(lng: Language, instant: Date, timeZone: string): { dateTime: string; date: string; time: string } {
  const dateTime = new Intl.DateTimeFormat(locale(lng), { dateStyle: "full", timeStyle: "long", timeZone }).format(instant);
  const date = new Intl.DateTimeFormat(locale(lng), { dateStyle: "long", timeZone }).format(instant);
  const time = new Intl.DateTimeFormat(locale(lng), { timeStyle: "long", timeZone }).format(instant);
  return { dateTime, date, time };
}

function formatNumber(lng: Language, n: number): string {
  return new Intl.NumberFormat(lng).format(n);
}

type Part = { lng: Language; t: TFunction; pick: (text: ReceiptText) => string };

/** One language's part, starting on a new page. */
function writePart(flow: PageFlow, part: Part, input: ReceiptInput): void {
  const { lng, t, pick } = part;
  const full = flow.width;
  flow.startPart(directionOf(lng));

  flow.text(t("title"), style.title);
  flow.space(4);
  flow.text(t("lead"), style.lead);
  if (lng !== "de") flow.text(t("germanFollows"), style.note);
  flow.space(10);

  flow.text(t("reference"), style.label);
  // Codes, numbers, addresses and URLs are left to right in every language.
  flow.text(input.reference, style.reference, { direction: "ltr" });
  flow.space(8);
  flow.rule();
  flow.space(2);

  const labelWidth = 130;
  const field = (label: string, value: string, options: { direction?: "ltr"; valueStyle?: TextStyle } = {}) =>
    flow.row([
      { text: label, style: style.label, from: 0, width: labelWidth - 10 },
      { text: value, style: options.valueStyle ?? style.value, from: labelWidth, width: full - labelWidth, direction: options.direction },
    ]);
  const when = formatSubmission(lng, input.submittedAt, input.timeZone);
  field(t("submittedAt"), `${when.dateTime} (${input.timeZone})`, { valueStyle: style.strong });
  field(t("service"), pick(input.service));
  field(t("familyName"), input.applicant.familyName);
  field(t("givenNames"), input.applicant.givenNames);
  field(t("birthDate"), formatDay(lng, input.applicant.birthDate));
  const office = input.office;
  field(t("office"), `${office.name}\n${office.street}\n${office.postcode} ${office.city}`, { direction: "ltr" });
  field(t("phone"), office.phone, { direction: "ltr" });
  field(t("email"), office.email, { direction: "ltr" });

  if (input.answers.length > 0) {
    heading(flow, t("answers"));
    for (const { question, answer } of input.answers) {
      // A question stays with (the first two lines of) its answer.
      const answerStart = Math.min(flow.heightOf(pick(answer), style.value), 2 * lineOf(style.value));
      flow.row([{ text: pick(question), style: style.question, from: 0, width: full }], { keepWith: answerStart });
      flow.text(pick(answer), style.value);
      flow.space(5);
    }
  }

  heading(flow, t("documents"));
  if (input.documents.length === 0) {
    flow.text(t("noDocuments"), style.value);
  } else {
    const numberWidth = 70;
    const nameWidth = full - 2 * numberWidth;
    flow.withHead(
      () => {
        flow.row([
          { text: t("document"), style: style.head, from: 0, width: nameWidth - 10 },
          { text: t("files"), style: style.head, from: nameWidth, width: numberWidth, align: "center" },
          { text: t("pages"), style: style.head, from: nameWidth + numberWidth, width: numberWidth, align: "center" },
        ]);
        flow.rule({ thickness: 0.4 });
      },
      () => {
        for (const doc of input.documents) {
          flow.row([
            { text: pick(doc.name), style: style.value, from: 0, width: nameWidth - 10 },
            { text: formatNumber(lng, doc.files), style: style.value, from: nameWidth, width: numberWidth, align: "center" },
            { text: formatNumber(lng, doc.pages), style: style.value, from: nameWidth + numberWidth, width: numberWidth, align: "center" },
          ]);
          flow.space(3);
        }
      },
    );
  }

  if (input.missing.length > 0) {
    heading(flow, t("missing"));
    for (const item of input.missing) {
      flow.row([
        { text: "•", style: style.value, from: 0, width: 12 },
        { text: pick(item), style: style.value, from: 14, width: full - 14 },
      ]);
    }
    flow.space(2);
    flow.text(t("missingHint"), style.value);
  }

  flow.space(16);
  flow.panel(t("confirmation", { date: when.date, time: when.time }), style.strong, grayscale(0.93));
  flow.space(10);
  flow.row([{ text: t("status"), style: style.value, from: 0, width: full }], { keepWith: flow.heightOf(input.statusUrl, style.url) });
  flow.text(input.statusUrl, style.url, { direction: "ltr" });
}

function lineOf(textStyle: TextStyle): number {
  return textStyle.size * leading;
}

function heading(flow: PageFlow, text: string): void {
  flow.space(14);
  // A heading stays with the first lines below it.
  flow.row([{ text, style: style.heading, from: 0, width: flow.width }], { keepWith: 3 * lineOf(style.value) });
  flow.space(3);
}

/** The receipt as PDF bytes (A4). */
export async function renderReceipt(input: ReceiptInput): Promise<Uint8Array> {
  const i18n = await serverI18n();
  const doc = await PDFDocument.create();
  const ts = await Typesetter.embed(doc);
  const flow = new PageFlow(doc, ts);

  const parts: Part[] = [];
  if (input.language !== "de") {
    parts.push({ lng: input.language, t: i18n.getFixedT(input.language, "receipt"), pick: (text) => text.applicant });
  }
  parts.push({ lng: "de", t: i18n.getFixedT("de", "receipt"), pick: (text) => text.de });
  for (const part of parts) writePart(flow, part, input);

  if (flow.pages.length > 1) {
    flow.footer((page, index, count) => {
      const { t } = parts[page.part]!;
      return `${t("page", { page: index + 1, pages: count })} · ${input.reference}`;
    }, style.footer);
  }

  const german = i18n.getFixedT("de", "receipt");
  doc.setTitle(`${german("title")} ${input.reference}`);
  doc.setLanguage(input.language);
  doc.setProducer("Lotse");
  doc.setCreator("Lotse");
  doc.setCreationDate(input.submittedAt);
  doc.setModificationDate(input.submittedAt);
  return doc.save();
}
