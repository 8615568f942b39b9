// The contact-details form of the booking journey: one zod schema for server and browser.
// Messages are i18n keys of the booking namespace.
import { z } from "zod";
import { languages } from "~/lib/i18n/languages";

const text = (v: unknown) => (typeof v === "string" ? v.trim() : v);
const optionalText = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : text(v));

export const contactSchema = z
  .object({
    name: z.preprocess(
      text,
      z.string({ error: "contact.errors.nameRequired" }).min(2, { error: "contact.errors.nameRequired" }).max(100, { error: "contact.errors.nameTooLong" }),
    ),
    birthDay: z.preprocess(text, z.string()),
    birthMonth: z.preprocess(text, z.string()),
    birthYear: z.preprocess(text, z.string()),
    email: z.preprocess(optionalText, z.email({ error: "contact.errors.emailInvalid" }).max(200).optional()),
    phone: z.preprocess(
      optionalText,
      z
        .string()
        .regex(/^\+?[\d\s/()-]{6,24}$/, { error: "contact.errors.phoneInvalid" })
        .optional(),
    ),
    language: z.enum(languages, { error: "contact.errors.languageRequired" }),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  })
  .superRefine((v, ctx) => {
    if (!v.email && !v.phone) ctx.addIssue({ code: "custom", path: ["email"], message: "contact.errors.contactRequired" });
    const day = Number(v.birthDay);
    const month = Number(v.birthMonth);
    const year = Number(v.birthYear);
    const date = new Date(Date.UTC(year, month - 1, day));
    const valid =
      /^\d{1,2}$/.test(v.birthDay) &&
      /^\d{1,2}$/.test(v.birthMonth) &&
      /^\d{4}$/.test(v.birthYear) &&
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day;
    if (!valid) ctx.addIssue({ code: "custom", path: ["birthDate"], message: "contact.errors.birthDateInvalid" });
    else if (date.getTime() > Date.now() || year < 1900)
      ctx.addIssue({ code: "custom", path: ["birthDate"], message: "contact.errors.birthDateRange" });
  })
  .transform((v) => ({
    name: v.name,
    birthDate: `${v.birthYear}-${v.birthMonth.padStart(2, "0")}-${v.birthDay.padStart(2, "0")}`,
    email: v.email ?? null,
    phone: v.phone ?? null,
    language: v.language,
    idempotencyKey: v.idempotencyKey,
  }));

export type ContactInput = z.input<typeof contactSchema>;
export type ContactFields = "name" | "birthDate" | "email" | "phone" | "language";

/** Field errors as i18n keys, first error per field. */
export function contactErrors(error: z.ZodError): Partial<Record<ContactFields, string>> {
  const out: Partial<Record<ContactFields, string>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0]) as ContactFields;
    out[field] ??= issue.message;
  }
  return out;
}
