// The contact-details form of the booking journey: one zod schema for server and browser.
// Messages are i18n keys of the booking namespace.
import { z } from "zod";
import { dateOfParts } from "#app/lib/date-parts";
import { languages } from "#app/lib/i18n/languages";

const text = (v: unknown) => (typeof v === "string" ? v.trim() : v);
const optionalText = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : text(v));

const personFields = {
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
};

type PersonValues = { name: string; birthDay: string; birthMonth: string; birthYear: string; email?: string; phone?: string; language: (typeof languages)[number] };

function refinePerson(v: PersonValues, ctx: z.RefinementCtx) {
  if (!v.email && !v.phone) ctx.addIssue({ code: "custom", path: ["email"], message: "contact.errors.contactRequired" });
  const date = dateOfParts(v.birthDay, v.birthMonth, v.birthYear);
  if (!date) ctx.addIssue({ code: "custom", path: ["birthDate"], message: "contact.errors.birthDateInvalid" });
  else if (new Date(date).getTime() > Date.now() || Number(v.birthYear) < 1900)
    ctx.addIssue({ code: "custom", path: ["birthDate"], message: "contact.errors.birthDateRange" });
}

function person(v: PersonValues) {
  return {
    name: v.name,
    birthDate: `${v.birthYear}-${v.birthMonth.padStart(2, "0")}-${v.birthDay.padStart(2, "0")}`,
    email: v.email ?? null,
    phone: v.phone ?? null,
    language: v.language,
  };
}

/** The booking form: the person and the idempotency key of this form. */
export const contactSchema = z
  .object({ ...personFields, idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) })
  .superRefine(refinePerson)
  .transform((v) => ({ ...person(v), idempotencyKey: v.idempotencyKey }));

/**
 * The waitlist and lottery form: the person and, optionally, when their current permit expires
 * (an expiry within a few weeks moves them ahead). All three parts or none.
 */
export const waitingPersonSchema = z
  .object({
    ...personFields,
    permitDay: z.preprocess(text, z.string().optional()),
    permitMonth: z.preprocess(text, z.string().optional()),
    permitYear: z.preprocess(text, z.string().optional()),
  })
  .superRefine((v, ctx) => {
    refinePerson(v, ctx);
    const parts = [v.permitDay, v.permitMonth, v.permitYear].filter((p) => p);
    if (parts.length > 0 && !dateOfParts(v.permitDay ?? "", v.permitMonth ?? "", v.permitYear ?? "")) {
      ctx.addIssue({ code: "custom", path: ["permitExpires"], message: "contact.errors.permitInvalid" });
    }
  })
  .transform((v) => ({ ...person(v), permitExpires: dateOfParts(v.permitDay ?? "", v.permitMonth ?? "", v.permitYear ?? "") }));

export type ContactInput = z.input<typeof contactSchema>;
export type ContactFields = "name" | "birthDate" | "email" | "phone" | "language" | "permitExpires";

/** The names of the form fields of a person (and the permit expiry), as sent by the browser. */
export const personFormFields = ["name", "birthDay", "birthMonth", "birthYear", "email", "phone", "language", "permitDay", "permitMonth", "permitYear"] as const;
export type PersonFormValues = Partial<Record<(typeof personFormFields)[number], string>>;

export function personFormValues(form: FormData): PersonFormValues {
  return Object.fromEntries(personFormFields.map((k) => [k, String(form.get(k) ?? "")])) as PersonFormValues;
}
