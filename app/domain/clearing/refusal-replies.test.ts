import { describe, expect, test } from "vitest";
import type { ClearingRefusal } from "./clearing.server";
import { refusalReply } from "./refusal-replies";

describe("how a clearing refusal is answered", () => {
  test.each<[ClearingRefusal, number, string]>([
    [{ code: "not-found" }, 404, "case.errors.not-found"],
    [{ code: "unknown-document" }, 404, "case.errors.unknown-document"],
    [{ code: "forbidden" }, 403, "case.errors.forbidden"],
    [{ code: "no-items" }, 422, "case.errors.no-items"],
    [{ code: "invalid-deadline" }, 422, "case.errors.invalid-deadline"],
    [{ code: "not-claimed" }, 409, "case.errors.not-claimed"],
    [{ code: "not-complete" }, 409, "case.errors.not-complete"],
  ])("%j → %i %s", (refusal, status, key) => {
    expect(refusalReply(refusal)).toEqual({ status, key, values: {} });
  });

  test("the message names who holds the case, or the unit that routing could not find", () => {
    expect(refusalReply({ code: "claimed-by-other", name: "Clara Becker" })).toEqual({
      status: 409,
      key: "case.errors.claimed-by-other",
      values: { name: "Clara Becker" },
    });
    expect(refusalReply({ code: "routing", routing: { ok: false, code: "unknown-unit", unitId: "gone" } })).toEqual({
      status: 409,
      key: "case.routingProblem.unknown-unit",
      values: { unit: "gone" },
    });
    expect(refusalReply({ code: "routing", routing: { ok: false, code: "invalid-mrz-surname", surnameMrz: "X1" } }).values).toEqual({ unit: "" });
  });
});
