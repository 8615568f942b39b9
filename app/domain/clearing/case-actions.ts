// The buttons and forms of a case's staff page: one intent each, one schema (client-safe).
// Messages a person can fix are i18n keys of the clearing namespace; anything else (an unknown
// intent, a forged document id, an overlong text the form's own limits would have stopped) is a
// bad request.
import { z } from "zod";
import type { FieldErrors } from "#app/lib/forms";
import { fieldErrors } from "#app/lib/forms";

const BAD = "bad-request";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);
/** An optional text: empty is null. */
const optionalText = (max: number) =>
  z.preprocess((v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : trimmed(v)), z.string({ error: BAD }).max(max, { error: BAD }).nullable());
const documentId = z.string({ error: BAD }).regex(UUID, { error: BAD });
/** A day as the date input sends it; the domain checks that it is a real day after today. */
const day = z.preprocess(trimmed, z.string({ error: "case.errors.invalid-deadline" }).max(20, { error: "case.errors.invalid-deadline" }));

export const caseActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("claim") }),
  z.object({ intent: z.literal("release") }),
  z.object({ intent: z.literal("accept"), documentId }),
  z.object({
    intent: z.literal("reject"),
    documentId,
    reasonCode: z.preprocess(trimmed, z.string({ error: "case.errors.unknown-reason" }).min(1, { error: "case.errors.unknown-reason" }).max(60, { error: BAD })),
    note: optionalText(500),
  }),
  z.object({
    intent: z.literal("request"),
    items: z.array(z.string({ error: BAD }).max(60, { error: BAD }), { error: BAD }).max(50, { error: BAD }),
    deadline: z.preprocess((v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v), day.nullable()),
    message: optionalText(1000),
  }),
  z.object({ intent: z.literal("extend"), deadline: day }),
  // An answer that came by post or at the counter, recorded by the clerk who asked.
  z.object({ intent: z.literal("respond") }),
  z.object({ intent: z.literal("forward") }),
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("decide"), decision: z.enum(["granted", "refused"], { error: "case.errors.decision" }) }),
  z.object({ intent: z.literal("ready") }),
  z.object({ intent: z.literal("close") }),
]);

export type CaseAction = z.infer<typeof caseActionSchema>;

/** Claiming a case from the queue (its one button). */
export const queueClaimSchema = z.object({
  intent: z.literal("claim"),
  id: z.string().regex(UUID),
  // Checked as a reference (its check character) by the server: codes.ts is server-only.
  reference: z.string().max(40),
});

/** The form's fields as the schema reads them (`items` may come several times). */
export function caseActionInput(form: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of form) if (key !== "items") input[key] = value;
  input.items = form.getAll("items");
  return input;
}

/**
 * The action a form asks for; or, when it does not parse, the errors a person can fix (beside
 * the fields), or null for a bad request (an unknown intent, a forged or overlong field).
 */
export function parseCaseAction(input: Record<string, unknown>): { ok: true; action: CaseAction } | { ok: false; errors: FieldErrors | null } {
  const parsed = caseActionSchema.safeParse(input);
  if (parsed.success) return { ok: true, action: parsed.data };
  const errors = fieldErrors(parsed.error);
  const fixable = Object.values(errors).every((key) => key !== BAD && key.startsWith("case.errors."));
  return { ok: false, errors: fixable ? errors : null };
}

/** What the case page says after an action went through (in its address: POST, redirect, GET). */
export const caseNotices = [
  "claimed",
  "released",
  "accepted",
  "rejected",
  "requested",
  "extended",
  "answered",
  "forwarded",
  "processing",
  "decided",
  "ready",
  "closed",
] as const;
export type CaseNotice = (typeof caseNotices)[number];

export function isCaseNotice(value: string | null): value is CaseNotice {
  return (caseNotices as readonly (string | null)[]).includes(value);
}

/** What the page says after each action went through. */
export const noticeAfter = {
  claim: "claimed",
  release: "released",
  accept: "accepted",
  reject: "rejected",
  request: "requested",
  extend: "extended",
  respond: "answered",
  forward: "forwarded",
  start: "processing",
  decide: "decided",
  ready: "ready",
  close: "closed",
} as const satisfies Record<CaseAction["intent"], CaseNotice>;

/** What a refused form sent that says where its fields are on the page (a 422 echoes it). */
export type CaseFieldsSent = { intent: string | null; documentId: string | null };

export function caseFieldsSent(form: FormData): CaseFieldsSent {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : null;
  };
  return { intent: text("intent"), documentId: text("documentId") };
}

/** The id of the input on the case page that a field error of a form links to. */
export function caseFieldAnchor(field: string, sent: CaseFieldsSent): string {
  if (field === "reasonCode" && typeof sent.documentId === "string" && UUID.test(sent.documentId)) return `reason-${sent.documentId}`;
  if (field === "decision") return "decision-granted";
  if (field === "deadline" && sent.intent === "extend") return "new-deadline";
  return field;
}
