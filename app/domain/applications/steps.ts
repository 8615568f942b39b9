// The pages of an application and what each one asks, as zod schemas built from the office data.
// A few questions per page (GOV.UK's "one thing per page", loosened for phones on slow links):
// about you, contact, the service's own questions three at a time, check your answers, the
// documents, and submission. Messages are i18n keys of the `apply` namespace.
import { fieldErrors } from "#app/lib/forms";
import { z } from "zod";
import type { Question } from "#app/domain/catalogue/checklist";
import { dateOfParts } from "#app/lib/date-parts";
import { mrzSurname } from "#app/domain/cases/mrz-name";
import type { ApplicantDetails } from "#db/schema/applications";

export const QUESTIONS_PER_PAGE = 3;

export type StepId = "about" | "contact" | `questions-${number}` | "check" | "documents" | "submit";

/** The pages of a service's application, in order. */
export function stepsFor(questions: readonly Pick<Question, "key">[]): StepId[] {
  const pages = Math.ceil(questions.length / QUESTIONS_PER_PAGE);
  return ["about", "contact", ...Array.from({ length: pages }, (_, i) => `questions-${i + 1}` as StepId), "check", "documents", "submit"];
}

export function questionsOnPage<Q>(questions: readonly Q[], step: string): Q[] | null {
  const match = /^questions-([1-9][0-9]?)$/.exec(step);
  if (!match) return null;
  const page = Number(match[1]);
  const slice = questions.slice((page - 1) * QUESTIONS_PER_PAGE, page * QUESTIONS_PER_PAGE);
  return slice.length > 0 ? slice : null;
}

/** The step after `step`, or the first one. */
export function nextStep(steps: readonly StepId[], step: string): StepId {
  const index = steps.indexOf(step as StepId);
  return steps[Math.min(index + 1, steps.length - 1)] ?? steps[0]!;
}

export function previousStep(steps: readonly StepId[], step: string): StepId | null {
  const index = steps.indexOf(step as StepId);
  return index > 0 ? steps[index - 1]! : null;
}

/** Whether `step` may be shown: it is the furthest step reached or one before it. */
export function reachable(steps: readonly StepId[], furthest: string, step: string): boolean {
  const at = steps.indexOf(step as StepId);
  const far = steps.indexOf(furthest as StepId);
  return at >= 0 && at <= Math.max(far, 0);
}

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim().replace(/\s+/g, " ") : v);
const optional = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : trimmed(v));
const name = (required: string) =>
  z.preprocess(
    trimmed,
    z
      .string({ error: required })
      .min(1, { error: required })
      .max(100, { error: "errors.tooLong" })
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this check refuses in a typed name
      .regex(/^[^<>{}\\\u0000-\u001f\u202a-\u202e\u2066-\u2069]+$/u, { error: "errors.characters" }),
  );

/** Day, month and year fields (GOV.UK's date pattern) as one ISO day; null: not a real date. */
function dateFields(prefix: string) {
  return {
    [`${prefix}Day`]: z.preprocess(trimmed, z.string().max(2).default("")),
    [`${prefix}Month`]: z.preprocess(trimmed, z.string().max(2).default("")),
    [`${prefix}Year`]: z.preprocess(trimmed, z.string().max(4).default("")),
  };
}

function readDate(values: Record<string, unknown>, prefix: string): { empty: boolean; day: string | null } {
  const parts = [values[`${prefix}Day`], values[`${prefix}Month`], values[`${prefix}Year`]].map((v) => String(v ?? ""));
  const empty = parts.every((p) => p === "");
  return { empty, day: empty ? null : dateOfParts(parts[0]!, parts[1]!, parts[2]!) };
}

export type StepErrors = Record<string, string>;
export type StepResult<T> = { ok: true; value: T } | { ok: false; errors: StepErrors };

const aboutSchema = z.object({
  familyName: name("errors.familyNameRequired"),
  givenNames: z.preprocess(optional, name("errors.givenNamesRequired").optional()),
  familyNameMrz: z.preprocess(optional, z.string().max(60).optional()),
  nationality: z.preprocess(trimmed, z.string().regex(/^[A-Z]{2}$/, { error: "errors.nationalityRequired" })),
  ...dateFields("birth"),
});

/** About you: names as in the passport, date of birth, nationality (ISO 3166 code). */
export function parseAbout(form: Record<string, unknown>, today: string): StepResult<ApplicantDetails> {
  const parsed = aboutSchema.safeParse(form);
  const errors: StepErrors = parsed.success ? {} : fieldErrors(parsed.error);
  const birth = readDate(form, "birth");
  if (!birth.day) errors.birthDate = birth.empty ? "errors.birthDateRequired" : "errors.dateInvalid";
  else if (birth.day > today || birth.day < "1900-01-01") errors.birthDate = "errors.birthDateRange";

  // The case worker is found by the first letter of the family name as the passport's machine-
  // readable zone writes it; a name in another script must be given in that spelling too.
  let familyNameMrz: string | undefined;
  if (parsed.success) {
    const typed = parsed.data.familyNameMrz;
    if (typed) {
      const mrz = mrzSurname(typed);
      if (!mrz.ok) errors.familyNameMrz = "errors.mrzLatin";
      else familyNameMrz = mrz.mrz;
    } else {
      const mrz = mrzSurname(parsed.data.familyName);
      if (mrz.ok) familyNameMrz = mrz.mrz;
      else errors.familyNameMrz = "errors.mrzRequired";
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      familyName: parsed.data.familyName,
      givenNames: parsed.data.givenNames ?? "",
      familyNameMrz,
      birthDate: birth.day!,
      nationality: parsed.data.nationality,
    },
  };
}

const contactSchema = z.object({
  email: z.preprocess(optional, z.email({ error: "errors.emailInvalid" }).max(200).optional()),
  phone: z.preprocess(
    optional,
    z
      .string()
      .regex(/^\+?[\d\s/()-]{6,24}$/, { error: "errors.phoneInvalid" })
      .optional(),
  ),
  street: z.preprocess(trimmed, z.string().min(3, { error: "errors.streetRequired" }).max(120, { error: "errors.tooLong" })),
  postcode: z.preprocess(trimmed, z.string().regex(/^\d{5}$/, { error: "errors.postcodeInvalid" })),
  city: z.preprocess(trimmed, z.string().min(2, { error: "errors.cityRequired" }).max(80, { error: "errors.tooLong" })),
  ...dateFields("permit"),
});

/** Contact and address, and the current permit's expiry if there is one. */
export function parseContact(form: Record<string, unknown>): StepResult<ApplicantDetails> {
  const parsed = contactSchema.safeParse(form);
  const errors: StepErrors = parsed.success ? {} : fieldErrors(parsed.error);
  const permit = readDate(form, "permit");
  if (!permit.empty && !permit.day) errors.permitExpires = "errors.dateInvalid";
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const { email, phone, street, postcode, city } = parsed.data;
  return {
    ok: true,
    value: { email: email ?? "", phone: phone ?? "", street, postcode, city, permitExpires: permit.day ?? "" },
  };
}

/** A page of the service's questions: every one must be answered with one of its options. */
export function parseQuestions(questions: readonly Question[], form: Record<string, unknown>): StepResult<Record<string, string>> {
  const schema = z.object(Object.fromEntries(questions.map((q) => [q.key, z.enum(q.options.map((o) => o.key) as [string, ...string[]], { error: "errors.chooseOne" })])));
  const parsed = schema.safeParse(form);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  return { ok: true, value: parsed.data as Record<string, string> };
}

/** The fields of a page as the form shows them again (after an error, or from the saved draft). */
export function formValuesOf(details: ApplicantDetails): Record<string, string> {
  const [by, bm, bd] = (details.birthDate ?? "").split("-");
  const [py, pm, pd] = (details.permitExpires ?? "").split("-");
  return {
    familyName: details.familyName ?? "",
    givenNames: details.givenNames ?? "",
    familyNameMrz: details.familyNameMrz && details.familyName && mrzSurname(details.familyName).ok ? "" : (details.familyNameMrz ?? ""),
    nationality: details.nationality ?? "",
    birthDay: bd ?? "",
    birthMonth: bm ?? "",
    birthYear: by ?? "",
    email: details.email ?? "",
    phone: details.phone ?? "",
    street: details.street ?? "",
    postcode: details.postcode ?? "",
    city: details.city ?? "",
    permitDay: pd ?? "",
    permitMonth: pm ?? "",
    permitYear: py ?? "",
  };
}

/** Which of the about/contact/questions pages still lack an answer (check-your-answers links there). */
export function missingSteps(details: ApplicantDetails, answers: Record<string, string>, questions: readonly Question[]): StepId[] {
  const missing: StepId[] = [];
  if (!details.familyName || !details.birthDate || !details.nationality || !details.familyNameMrz) missing.push("about");
  if (!details.street || !details.postcode || !details.city) missing.push("contact");
  questions.forEach((q, i) => {
    const page = `questions-${Math.floor(i / QUESTIONS_PER_PAGE) + 1}` as StepId;
    if (!answers[q.key] && !missing.includes(page)) missing.push(page);
  });
  return missing;
}
