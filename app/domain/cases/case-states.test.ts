import { describe, expect, test } from "vitest";
import {
  type Actor,
  type ActorKind,
  actorKinds,
  actorsFor,
  allowedCommands,
  type CaseCommand,
  type CaseRecord,
  type CaseState,
  caseStates,
  type CommandType,
  commandTypes,
  isFinal,
  newCase,
  type TransitionResult,
  transition,
  transitions,
  waitingOn,
} from "./case-states";

const NOW = new Date("2025-06-30T08:00:00Z"); // 10:00 in Berlin
const applicant: Actor = { kind: "applicant", id: "app-1" };
const helper: Actor = { kind: "helper", id: "helper-1" };
const staff: Actor = { kind: "staff", id: "staff-7" };
const system: Actor = { kind: "system", id: "deadline-job" };
const actorOf: Record<ActorKind, Actor> = { applicant, helper, staff, system };

const request = { items: ["payslip"], deadline: "2025-07-14", requestedOn: "2025-06-30", extensions: 0 };

/** A plausible case in each state, as the machine would have left it. */
const caseIn: Record<CaseState, CaseRecord> = {
  draft: newCase(),
  submitted: { ...newCase(), state: "submitted" },
  in_clearing: { ...newCase(), state: "in_clearing", claimedBy: staff.id },
  documents_requested: { ...newCase(), state: "documents_requested", claimedBy: staff.id, documentRequest: request },
  complete: { ...newCase(), state: "complete", claimedBy: staff.id },
  forwarded_to_unit: { ...newCase(), state: "forwarded_to_unit", claimedBy: staff.id, routing: { unitId: "residence", caseWorker: "Frau Albers" } },
  in_processing: { ...newCase(), state: "in_processing", claimedBy: staff.id, routing: { unitId: "residence", caseWorker: "Frau Albers" } },
  decided: { ...newCase(), state: "decided", claimedBy: staff.id, routing: { unitId: "residence", caseWorker: null }, decision: "granted" },
  ready_for_pickup: { ...newCase(), state: "ready_for_pickup", claimedBy: staff.id, decision: "granted" },
  closed: { ...newCase(), state: "closed", decision: "granted" },
  withdrawn: { ...newCase(), state: "withdrawn" },
  lapsed: { ...newCase(), state: "lapsed", documentRequest: request },
};

/** A valid example of each command, so that only the state decides in the table test. */
const sample: { [C in CommandType]: Extract<CaseCommand, { type: C }> } = {
  submit: { type: "submit" },
  claim: { type: "claim" },
  release: { type: "release" },
  request_documents: { type: "request_documents", items: ["payslip"] },
  respond: { type: "respond" },
  extend_deadline: { type: "extend_deadline", deadline: "2025-07-28" },
  lapse: { type: "lapse" },
  mark_complete: { type: "mark_complete", completeness: { complete: true } },
  reopen: { type: "reopen" },
  forward: { type: "forward", completeness: { complete: true }, unitId: "residence", caseWorker: "Frau Albers" },
  start_processing: { type: "start_processing" },
  decide: { type: "decide", decision: "granted" },
  mark_ready_for_pickup: { type: "mark_ready_for_pickup" },
  close: { type: "close" },
  withdraw: { type: "withdraw" },
};

// After the deadline of `request`, so that `lapse` is allowed wherever the state allows it.
const AFTER_DEADLINE = new Date("2025-07-15T08:00:00Z");

function ok(result: TransitionResult) {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusal)}`);
  return result;
}

function refusal(result: TransitionResult) {
  if (result.ok) throw new Error(`allowed: ${result.event.type}`);
  return result.refusal;
}

describe("the whole life of an application", () => {
  test("draft → submitted → in clearing → documents requested → in clearing → complete → forwarded → in processing → decided → ready for pickup → closed", () => {
    let c = newCase();
    const steps: Array<[CaseCommand, Actor, CaseState]> = [
      [{ type: "submit" }, applicant, "submitted"],
      [{ type: "claim" }, staff, "in_clearing"],
      [{ type: "request_documents", items: ["payslip", "payslip", "passport"], message: "Bitte die letzten drei Lohnabrechnungen." }, staff, "documents_requested"],
      [{ type: "extend_deadline", deadline: "2025-07-21" }, staff, "documents_requested"],
      [{ type: "respond" }, helper, "in_clearing"],
      [{ type: "mark_complete", completeness: { complete: true } }, staff, "complete"],
      [{ type: "forward", completeness: { complete: true }, unitId: "residence", caseWorker: "Herr Schubert" }, staff, "forwarded_to_unit"],
      [{ type: "start_processing" }, { kind: "staff", id: "cw-3" }, "in_processing"],
      [{ type: "decide", decision: "granted" }, { kind: "staff", id: "cw-3" }, "decided"],
      [{ type: "mark_ready_for_pickup" }, system, "ready_for_pickup"],
      [{ type: "close" }, { kind: "staff", id: "sp-1" }, "closed"],
    ];
    const events = [];
    for (const [command, actor, expected] of steps) {
      const r = ok(transition(c, command, actor, NOW));
      expect(r.case.state).toBe(expected);
      events.push(r.event);
      c = r.case;
    }
    expect(events.map((e) => e.type)).toEqual([
      "submitted",
      "claimed",
      "documents_requested",
      "deadline_extended",
      "responded",
      "marked_complete",
      "forwarded",
      "processing_started",
      "decided",
      "ready_for_pickup",
      "closed",
    ]);
    expect(c).toEqual({
      state: "closed",
      claimedBy: staff.id,
      documentRequest: null,
      routing: { unitId: "residence", caseWorker: "Herr Schubert" },
      decision: "granted",
    });
  });
});

describe("each allowed transition", () => {
  test("submit: the applicant or a helper, from draft; the event records actor and instant", () => {
    const r = ok(transition(newCase(), { type: "submit" }, helper, NOW));
    expect(r.event).toEqual({ type: "submitted", from: "draft", to: "submitted", actor: helper, at: "2025-06-30T08:00:00.000Z", data: {} });
    expect(ok(transition(newCase(), { type: "submit" }, applicant, NOW)).case.state).toBe("submitted");
  });

  test("claim and release: the claiming staff member is recorded, and released again", () => {
    const claimed = ok(transition(caseIn.submitted, { type: "claim" }, staff, NOW));
    expect(claimed.case.claimedBy).toBe(staff.id);
    expect(claimed.event.data).toEqual({ staffId: staff.id });
    const released = ok(transition(claimed.case, { type: "release" }, staff, NOW));
    expect(released.case).toMatchObject({ state: "submitted", claimedBy: null });
    expect(released.event.data).toEqual({ staffId: staff.id });
  });

  test("request documents: default deadline 14 days after today in Berlin, items without repeats, trimmed message", () => {
    const r = ok(transition(caseIn.in_clearing, { type: "request_documents", items: ["payslip", "payslip", "passport"], message: "  " }, staff, NOW));
    expect(r.case.documentRequest).toEqual({ items: ["payslip", "passport"], deadline: "2025-07-14", requestedOn: "2025-06-30", extensions: 0 });
    expect(r.event).toMatchObject({ type: "documents_requested", data: { items: ["payslip", "passport"], deadline: "2025-07-14", message: null } });
  });

  test("request documents at 00:30 Berlin time counts from the Berlin day, not the UTC day", () => {
    const lateNight = new Date("2025-06-29T22:30:00Z"); // 30 June, 00:30 in Berlin
    const r = ok(transition(caseIn.in_clearing, { type: "request_documents", items: ["cv"] }, staff, lateNight));
    expect(r.case.documentRequest?.deadline).toBe("2025-07-14");
  });

  test("request documents with a deadline of its own", () => {
    const r = ok(transition(caseIn.in_clearing, { type: "request_documents", items: ["cv"], deadline: "2025-07-01", message: "CV" }, staff, NOW));
    expect(r.case.documentRequest?.deadline).toBe("2025-07-01");
    expect(r.event).toMatchObject({ data: { message: "CV" } });
  });

  test("respond: applicant, helper, or staff recording a reply by post; the open request is closed", () => {
    for (const actor of [applicant, helper, staff]) {
      const r = ok(transition(caseIn.documents_requested, { type: "respond" }, actor, NOW));
      expect(r.case).toMatchObject({ state: "in_clearing", documentRequest: null, claimedBy: staff.id });
    }
  });

  test("respond after the deadline but before the lapse job ran is still accepted", () => {
    expect(transition(caseIn.documents_requested, { type: "respond" }, applicant, AFTER_DEADLINE).ok).toBe(true);
  });

  test("extend deadline: later than the current one, counted", () => {
    const r = ok(transition(caseIn.documents_requested, { type: "extend_deadline", deadline: "2025-07-28" }, staff, NOW));
    expect(r.case).toMatchObject({ state: "documents_requested", documentRequest: { deadline: "2025-07-28", extensions: 1 } });
    expect(r.event).toMatchObject({
      type: "deadline_extended",
      from: "documents_requested",
      to: "documents_requested",
      data: { previousDeadline: "2025-07-14", deadline: "2025-07-28" },
    });
  });

  test("an extended deadline moves the lapse: the old deadline passing no longer lapses the case", () => {
    const extended = ok(transition(caseIn.documents_requested, { type: "extend_deadline", deadline: "2025-07-28" }, staff, NOW)).case;
    expect(refusal(transition(extended, { type: "lapse" }, system, AFTER_DEADLINE)).code).toBe("deadline-not-passed");
    expect(ok(transition(extended, { type: "lapse" }, system, new Date("2025-07-29T08:00:00Z"))).case.state).toBe("lapsed");
  });

  test("lapse: only after the deadline day has ended in Berlin", () => {
    // Deadline 14 July: 23:59 Berlin (21:59 UTC) is still in time, 00:00 Berlin on the 15th is not.
    const lastMinute = new Date("2025-07-14T21:59:00Z");
    const midnight = new Date("2025-07-14T22:00:00Z");
    expect(refusal(transition(caseIn.documents_requested, { type: "lapse" }, system, lastMinute))).toMatchObject({
      code: "deadline-not-passed",
      params: { deadline: "2025-07-14", today: "2025-07-14" },
    });
    const r = ok(transition(caseIn.documents_requested, { type: "lapse" }, system, midnight));
    expect(r.case).toMatchObject({ state: "lapsed", documentRequest: request });
    expect(r.event).toMatchObject({ type: "lapsed", actor: system, data: { deadline: "2025-07-14" } });
  });

  test("mark complete and forward need a complete completeness result", () => {
    const r = ok(transition(caseIn.in_clearing, { type: "mark_complete", completeness: { complete: true } }, staff, NOW));
    expect(r.case.state).toBe("complete");
    const f = ok(transition(r.case, sample.forward, staff, NOW));
    expect(f.case.routing).toEqual({ unitId: "residence", caseWorker: "Frau Albers" });
    expect(f.event).toMatchObject({ type: "forwarded", data: { unitId: "residence", caseWorker: "Frau Albers" } });
  });

  test("forward accepts a full completeness summary and a unit without a case worker", () => {
    const summary = {
      complete: true,
      state: "complete" as const,
      applicable: 0,
      counts: { satisfied: 0, missing: 0, "out-of-date": 0, invalid: 0, "awaiting-review": 0, rejected: 0 },
      unansweredQuestions: [],
      notNeededDocuments: 0,
    };
    const r = ok(transition(caseIn.complete, { type: "forward", completeness: summary, unitId: "asylum-eu", caseWorker: null }, staff, NOW));
    expect(r.case.routing).toEqual({ unitId: "asylum-eu", caseWorker: null });
  });

  test("reopen: a complete case goes back to clearing", () => {
    expect(ok(transition(caseIn.complete, { type: "reopen" }, staff, NOW)).case.state).toBe("in_clearing");
  });

  test("start processing, decide (granted or refused)", () => {
    expect(ok(transition(caseIn.forwarded_to_unit, { type: "start_processing" }, staff, NOW)).case.state).toBe("in_processing");
    const refused = ok(transition(caseIn.in_processing, { type: "decide", decision: "refused" }, staff, NOW));
    expect(refused.case).toMatchObject({ state: "decided", decision: "refused" });
    expect(refused.event.data).toEqual({ decision: "refused" });
  });

  test("ready for pickup only after a grant; close from decided or after pickup", () => {
    expect(ok(transition(caseIn.decided, { type: "mark_ready_for_pickup" }, staff, NOW)).case.state).toBe("ready_for_pickup");
    const refusedCase: CaseRecord = { ...caseIn.decided, decision: "refused" };
    expect(refusal(transition(refusedCase, { type: "mark_ready_for_pickup" }, staff, NOW)).code).toBe("not-granted");
    expect(ok(transition(refusedCase, { type: "close" }, staff, NOW)).case.state).toBe("closed");
    expect(ok(transition(caseIn.ready_for_pickup, { type: "close" }, staff, NOW)).case.state).toBe("closed");
  });

  test("withdraw: from every open state, by the applicant, a helper or staff", () => {
    const open: CaseState[] = ["submitted", "in_clearing", "documents_requested", "complete", "forwarded_to_unit", "in_processing"];
    for (const state of open) {
      for (const actor of [applicant, helper, staff]) {
        const r = ok(transition(caseIn[state], { type: "withdraw" }, actor, NOW));
        expect(r.case.state).toBe("withdrawn");
        expect(r.event).toMatchObject({ type: "withdrawn", from: state, to: "withdrawn" });
      }
    }
  });

  test("a transition does not change the case it was given", () => {
    const before = structuredClone(caseIn.documents_requested);
    transition(caseIn.documents_requested, { type: "extend_deadline", deadline: "2025-07-28" }, staff, NOW);
    expect(caseIn.documents_requested).toEqual(before);
  });
});

describe("every allowed (state, command) pair with a permitted actor succeeds", () => {
  const pairs = caseStates.flatMap((state) => allowedCommands(state).map((command) => [state, command] as const));
  test.each(pairs)("%s + %s", (state, command) => {
    const actor = actorOf[transitions[command].actors[0] ?? "staff"];
    const r = ok(transition(caseIn[state], sample[command], actor, command === "lapse" ? AFTER_DEADLINE : NOW));
    const to = transitions[command].to;
    expect(r.case.state).toBe(to === "same" ? state : to);
    expect(r.event).toMatchObject({ from: state, actor, type: transitions[command].event });
  });

  test("the table has 21 allowed pairs", () => {
    expect(pairs).toHaveLength(21);
  });
});

describe("every disallowed (state, command) pair is refused", () => {
  const pairs = caseStates.flatMap((state) => commandTypes.filter((command) => !transitions[command].from.includes(state)).map((command) => [state, command] as const));
  test.each(pairs)("%s + %s", (state, command) => {
    // A permitted actor and a valid command: only the state can be the reason.
    const actor = actorOf[transitions[command].actors[0] ?? "staff"];
    expect(refusal(transition(caseIn[state], sample[command], actor, AFTER_DEADLINE))).toEqual({
      code: "not-allowed-in-state",
      command,
      state,
      actorKind: actor.kind,
    });
  });

  test("12 states × 15 commands = 21 allowed + 159 refused", () => {
    expect(caseStates.length * commandTypes.length).toBe(180);
    expect(pairs).toHaveLength(159);
  });

  test("final states allow nothing", () => {
    for (const state of caseStates.filter(isFinal)) expect(allowedCommands(state)).toEqual([]);
  });
});

describe("actors", () => {
  const pairs = commandTypes.flatMap((command) => actorKinds.filter((kind) => !actorsFor(command).includes(kind)).map((kind) => [command, kind] as const));
  test.each(pairs)("%s by %s is refused", (command, kind) => {
    const state = transitions[command].from[0] ?? "draft";
    expect(refusal(transition(caseIn[state], sample[command], actorOf[kind], AFTER_DEADLINE)).code).toBe("actor-not-allowed");
  });

  test("who may give which command", () => {
    expect(Object.fromEntries(commandTypes.map((c) => [c, actorsFor(c)]))).toEqual({
      submit: ["applicant", "helper"],
      claim: ["staff"],
      release: ["staff"],
      request_documents: ["staff"],
      respond: ["applicant", "helper", "staff"],
      extend_deadline: ["staff"],
      lapse: ["system"],
      mark_complete: ["staff"],
      reopen: ["staff"],
      forward: ["staff"],
      start_processing: ["staff"],
      decide: ["staff"],
      mark_ready_for_pickup: ["staff", "system"],
      close: ["staff"],
      withdraw: ["applicant", "helper", "staff"],
    });
  });

  test("allowed commands per state can be narrowed to an actor kind", () => {
    expect(allowedCommands("documents_requested", "applicant")).toEqual(["respond", "withdraw"]);
    expect(allowedCommands("documents_requested", "system")).toEqual(["lapse"]);
    expect(allowedCommands("documents_requested")).toEqual(["respond", "extend_deadline", "lapse", "withdraw"]);
  });
});

describe("guards", () => {
  test("mark complete and forward refuse an incomplete application", () => {
    expect(refusal(transition(caseIn.in_clearing, { type: "mark_complete", completeness: { complete: false } }, staff, NOW)).code).toBe("not-complete");
    expect(refusal(transition(caseIn.complete, { ...sample.forward, completeness: { complete: false } }, staff, NOW)).code).toBe("not-complete");
  });

  test("forward refuses an empty unit", () => {
    expect(refusal(transition(caseIn.complete, { ...sample.forward, unitId: " " }, staff, NOW)).code).toBe("unit-missing");
  });

  test("a document request needs items and a deadline after today", () => {
    expect(refusal(transition(caseIn.in_clearing, { type: "request_documents", items: [] }, staff, NOW)).code).toBe("no-items");
    expect(refusal(transition(caseIn.in_clearing, { type: "request_documents", items: ["cv"], deadline: "2025-06-30" }, staff, NOW))).toMatchObject({
      code: "deadline-not-after-today",
      params: { deadline: "2025-06-30", today: "2025-06-30" },
    });
    expect(refusal(transition(caseIn.in_clearing, { type: "request_documents", items: ["cv"], deadline: "30.07.2025" }, staff, NOW)).code).toBe("invalid-deadline");
  });

  test("an extension must be later than the current deadline and after today", () => {
    expect(refusal(transition(caseIn.documents_requested, { type: "extend_deadline", deadline: "2025-07-14" }, staff, NOW))).toMatchObject({
      code: "deadline-not-later",
      params: { currentDeadline: "2025-07-14" },
    });
    expect(refusal(transition(caseIn.documents_requested, { type: "extend_deadline", deadline: "2025-07-20" }, staff, new Date("2025-07-25T08:00:00Z"))).code).toBe(
      "deadline-not-after-today",
    );
    expect(refusal(transition(caseIn.documents_requested, { type: "extend_deadline", deadline: "2025-7-20" }, staff, NOW)).code).toBe("invalid-deadline");
  });
});

describe("waitingOn", () => {
  test("who must act next, for every state", () => {
    expect(Object.fromEntries(caseStates.map((s) => [s, waitingOn(s)]))).toEqual({
      draft: "applicant",
      submitted: "office",
      in_clearing: "office",
      documents_requested: "applicant",
      complete: "office",
      forwarded_to_unit: "office",
      in_processing: "office",
      decided: "office",
      ready_for_pickup: "applicant",
      closed: "nobody",
      withdrawn: "nobody",
      lapsed: "nobody",
    });
  });
});
