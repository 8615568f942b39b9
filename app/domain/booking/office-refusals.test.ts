import { describe, expect, test } from "vitest";
import { appointmentRefusal, checkInRefusal, closureRefusals, invalidServiceAction, officeRefusal, removeClosureRefusals } from "./office-refusals";

describe("office page refusals", () => {
  test("each reason answers with its status, beside its field, with the form as sent", () => {
    expect(officeRefusal(closureRefusals.exists, { intent: "close", day: "2026-12-24" })).toEqual({
      status: 409,
      reply: { ok: false, errors: { day: "closures.errors.exists" }, values: { intent: "close", day: "2026-12-24" } },
    });
    expect(officeRefusal(closureRefusals.past, {}).status).toBe(422);
    expect(officeRefusal(removeClosureRefusals["not-found"], { closureId: "4" }).reply.errors).toEqual({ closureId: "closures.errors.notFound" });
    expect(officeRefusal(removeClosureRefusals.past, {}).status).toBe(409);
  });
});

describe("service point refusals", () => {
  test("check-in: the code as typed comes back; placeholders carry what the message needs", () => {
    expect(checkInRefusal({ reason: "unknown" }, "xxxx")).toEqual({ status: 404, reply: { at: "check-in", code: "xxxx", message: "checkIn.errors.unknown" } });
    expect(checkInRefusal({ reason: "already", ticket: 7, code: "ABCD-EFGH" }, "abcdefgh")).toEqual({
      status: 409,
      reply: { at: "check-in", code: "abcdefgh", message: "checkIn.errors.already", values: { ticket: 7, code: "ABCD-EFGH" } },
    });
    expect(checkInRefusal({ reason: "not-today", day: "2026-12-24" }, "x").reply.values).toEqual({ day: "2026-12-24" });
  });

  test("a card's button: shown on that card; too early names the time from which it is allowed", () => {
    const from = new Date("2026-12-24T09:10:00Z");
    expect(appointmentRefusal({ reason: "too-early", from }, 5)).toEqual({
      status: 409,
      reply: { at: 5, message: "servicePoint.results.tooEarly", values: { from: from.toISOString() } },
    });
    expect(appointmentRefusal({ reason: "not-found" }, 5).status).toBe(404);
    expect(appointmentRefusal({ reason: "wrong-status" }, 5).status).toBe(409);
  });

  test("a form that does not validate: unknown intent or appointment is a bad request above everything", () => {
    expect(invalidServiceAction({ intent: "errors.badRequest" }, { intent: "delete", code: "", appointmentId: "1" })).toEqual({
      status: 400,
      reply: { at: "page", message: "errors.badRequest" },
    });
    expect(invalidServiceAction({ appointmentId: "errors.badRequest" }, { intent: "call", code: "", appointmentId: "x" }).status).toBe(400);
    expect(invalidServiceAction({ counter: "errors.counter" }, { intent: "call", code: "", appointmentId: "3" })).toEqual({
      status: 422,
      reply: { at: 3, message: "errors.counter" },
    });
    expect(invalidServiceAction({ code: "checkIn.errors.empty" }, { intent: "check-in", code: "", appointmentId: "" })).toEqual({
      status: 422,
      reply: { at: "check-in", code: "", message: "checkIn.errors.empty" },
    });
  });
});
