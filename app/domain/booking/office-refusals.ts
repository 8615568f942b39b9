// How the service point and the office settings answer a refusal of the booking domain: its HTTP
// status, the i18n key (servicepoint namespace) and where the page shows it. Client-safe and in
// one place, so that routes only look a reason up and a new reason fails the typecheck here.
import type { FieldErrors, FormReply } from "#app/lib/forms";

/** A refusal as the page answers it: status, message key, and the field or row it belongs to. */
export type Refusal = { status: 400 | 404 | 409 | 422; message: string; field: string };

/** A form of the office page with an intent it does not know. */
export const badRequest = { status: 400, message: "errors.badRequest", field: "intent" } as const satisfies Refusal;

/** Opening hours (`setWeekdayHours`). */
export const hoursRefusals = {
  "unknown-unit": { status: 422, message: "errors.unit", field: "unit" },
} as const satisfies Record<string, Refusal>;

/** Slot settings (`updateSlotSettings`). */
export const slotsRefusals = {
  "unknown-service": { status: 404, message: "errors.badRequest", field: "serviceId" },
} as const satisfies Record<string, Refusal>;

/** Closing a day (`addClosure`); "confirm" is no refusal but a question (see `ClosureConfirm`). */
export const closureRefusals = {
  past: { status: 422, message: "closures.errors.past", field: "day" },
  "unknown-unit": { status: 422, message: "errors.unit", field: "unit" },
  exists: { status: 409, message: "closures.errors.exists", field: "day" },
} as const satisfies Record<string, Refusal>;

/** Opening a closed day again (`removeClosure`); shown beside the closure named by `closureId`. */
export const removeClosureRefusals = {
  past: { status: 409, message: "closures.errors.past", field: "closureId" },
  "not-found": { status: 404, message: "closures.errors.notFound", field: "closureId" },
} as const satisfies Record<string, Refusal>;

/** People are booked on the day to close: the staff member is asked first. */
export type ClosureConfirm = { day: string; unitId: string | null; note: string; booked: number };

/**
 * What the office page's action answers when it does not redirect: the form kit's reply (the
 * values include `intent`, which names the form) and, for a day with bookings, the question.
 */
export type OfficeReply = FormReply & { confirm?: ClosureConfirm };

/** The reply to a refusal: its message beside its field, the form as sent. */
export function officeRefusal(refusal: Refusal, values: Record<string, string>): { reply: OfficeReply; status: Refusal["status"] } {
  return { reply: { ok: false, errors: { [refusal.field]: refusal.message }, values }, status: refusal.status };
}

/** Placeholder values of a service point message; days and instants are formatted by the page. */
export type MessageValues = Record<string, string | number>;

/**
 * What the service point's action answers when it does not redirect: one message, shown at the
 * check-in field (with the code as typed), on an appointment's card (its id), or above everything.
 */
export type ServicePointReply = { at: "check-in" | "page" | number; message: string; values?: MessageValues; code?: string };

type Answer = { reply: ServicePointReply; status: Refusal["status"] };

type CheckInRefused =
  | { reason: "invalid" | "unknown" | "cancelled" | "no-show" }
  | { reason: "not-today"; day: string }
  | { reason: "already"; ticket: number; code: string };

/** Checking in by booking code (`checkIn`). */
export function checkInRefusal(refused: CheckInRefused, code: string): Answer {
  const answer = (status: Refusal["status"], message: string, values?: MessageValues): Answer => ({
    reply: { at: "check-in", code, message, ...(values ? { values } : {}) },
    status,
  });
  switch (refused.reason) {
    case "invalid":
      return answer(422, "checkIn.errors.invalid");
    case "unknown":
      return answer(404, "checkIn.errors.unknown");
    case "not-today":
      return answer(409, "checkIn.errors.notToday", { day: refused.day });
    case "cancelled":
      return answer(409, "checkIn.errors.cancelled");
    case "no-show":
      return answer(409, "checkIn.errors.noShow");
    case "already":
      return answer(409, "checkIn.errors.already", { ticket: refused.ticket, code: refused.code });
  }
}

type AppointmentRefused = { reason: "not-found" | "not-today" | "wrong-status" } | { reason: "too-early"; from: Date };

/** Calling, completing or marking as not come (`call`, `complete`, `markNoShow`): shown on the card. */
export function appointmentRefusal(refused: AppointmentRefused, appointmentId: number): Answer {
  const answer = (status: Refusal["status"], message: string, values?: MessageValues): Answer => ({
    reply: { at: appointmentId, message, ...(values ? { values } : {}) },
    status,
  });
  switch (refused.reason) {
    case "too-early":
      return answer(409, "servicePoint.results.tooEarly", { from: refused.from.toISOString() });
    case "not-found":
      return answer(404, "servicePoint.results.notFound");
    case "not-today":
      return answer(409, "servicePoint.results.notToday");
    case "wrong-status":
      return answer(409, "servicePoint.results.wrongStatus");
  }
}

/**
 * A service point form that did not validate: an unknown intent or appointment is a bad request
 * (400, above everything); a bad code or counter is shown at its field (422).
 */
export function invalidServiceAction(errors: FieldErrors, sent: { intent: string; code: string; appointmentId: string }): Answer {
  if (errors.intent || errors.appointmentId) return { reply: { at: "page", message: "errors.badRequest" }, status: 400 };
  if (sent.intent === "check-in") return { reply: { at: "check-in", code: sent.code, message: errors.code ?? "checkIn.errors.invalid" }, status: 422 };
  return { reply: { at: Number(sent.appointmentId), message: errors.counter ?? "errors.badRequest" }, status: 422 };
}
