// How each refusal of the clearing's actions is answered: its HTTP status and the message (an
// i18n key of the clearing namespace with its values). One place, beside the refusal type, so
// that every route that calls the clearing answers a refusal the same way.
import type { ClearingRefusal } from "./clearing.server";

export type RefusalReply = { status: 403 | 404 | 409 | 422; key: string; values: Record<string, string> };

export function refusalReply(refusal: ClearingRefusal): RefusalReply {
  switch (refusal.code) {
    case "not-found":
      return { status: 404, key: "case.errors.not-found", values: {} };
    case "unknown-document":
      return { status: 404, key: "case.errors.unknown-document", values: {} };
    case "forbidden":
      return { status: 403, key: "case.errors.forbidden", values: {} };
    case "unknown-reason":
      return { status: 422, key: "case.errors.unknown-reason", values: {} };
    case "invalid-deadline":
      return { status: 422, key: "case.errors.invalid-deadline", values: {} };
    case "no-items":
      return { status: 422, key: "case.errors.no-items", values: {} };
    case "claimed-by-other":
      return { status: 409, key: "case.errors.claimed-by-other", values: { name: refusal.name } };
    case "not-claimed":
      return { status: 409, key: "case.errors.not-claimed", values: {} };
    case "state":
      return { status: 409, key: "case.errors.state", values: {} };
    case "not-in-clearing":
      return { status: 409, key: "case.errors.not-in-clearing", values: {} };
    case "not-complete":
      return { status: 409, key: "case.errors.not-complete", values: {} };
    case "routing":
      return { status: 409, key: `case.routingProblem.${refusal.routing.code}`, values: { unit: "unitId" in refusal.routing ? refusal.routing.unitId : "" } };
  }
}
