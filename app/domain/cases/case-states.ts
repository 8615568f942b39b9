// The life of an application (domain.md) as a pure state machine: which command may move a case
// from which state, who may give it, and the event every change leaves behind. Persistence, locks
// and the timeline shown to the applicant build on this; nothing here touches a database.
import type { CompletenessSummary } from "./completeness";
import { daysBetween, type IsoDay, isIsoDay, OFFICE_TIME_ZONE, officeDay, plusDays } from "./days";

export const caseStates = [
  "draft",
  "submitted",
  "in_clearing",
  "documents_requested",
  "complete",
  "forwarded_to_unit",
  "in_processing",
  "decided",
  "ready_for_pickup",
  "closed",
  "withdrawn",
  "lapsed",
] as const;
export type CaseState = (typeof caseStates)[number];

export const actorKinds = ["applicant", "helper", "staff", "system"] as const;
export type ActorKind = (typeof actorKinds)[number];
export type Actor = { kind: ActorKind; id: string };

/** Days an applicant has to answer a document request unless staff set another deadline. */
export const DEFAULT_REQUEST_DAYS = 14;

export type DocumentRequest = {
  /** Document types asked for (missing or rejected). */
  items: string[];
  /** The last day on which the applicant can answer (office time zone). */
  deadline: IsoDay;
  requestedOn: IsoDay;
  extensions: number;
};

export type Decision = "granted" | "refused";

export type CaseRecord = {
  state: CaseState;
  /** The clearing staff member who claimed the case; kept when it moves on, for the history. */
  claimedBy: string | null;
  /** The open document request (in documents_requested), or the one that lapsed. */
  documentRequest: DocumentRequest | null;
  routing: { unitId: string; caseWorker: string | null } | null;
  decision: Decision | null;
};

/** A completeness result, or just its verdict: forwarding needs `complete: true`. */
export type CompletenessVerdict = Pick<CompletenessSummary, "complete">;

export type CaseCommand =
  | { type: "submit" }
  | { type: "claim" }
  | { type: "release" }
  | { type: "request_documents"; items: string[]; deadline?: IsoDay; message?: string }
  | { type: "respond" }
  | { type: "extend_deadline"; deadline: IsoDay }
  | { type: "lapse" }
  | { type: "mark_complete"; completeness: CompletenessVerdict }
  | { type: "reopen" }
  | { type: "forward"; completeness: CompletenessVerdict; unitId: string; caseWorker: string | null }
  | { type: "start_processing" }
  | { type: "decide"; decision: Decision }
  | { type: "mark_ready_for_pickup" }
  | { type: "close" }
  | { type: "withdraw" };
export type CommandType = CaseCommand["type"];

type EventData = {
  submitted: Record<string, never>;
  claimed: { staffId: string };
  released: { staffId: string | null };
  documents_requested: { items: string[]; deadline: IsoDay; message: string | null };
  responded: Record<string, never>;
  deadline_extended: { previousDeadline: IsoDay; deadline: IsoDay };
  lapsed: { deadline: IsoDay };
  marked_complete: Record<string, never>;
  reopened: Record<string, never>;
  forwarded: { unitId: string; caseWorker: string | null };
  processing_started: Record<string, never>;
  decided: { decision: Decision };
  ready_for_pickup: Record<string, never>;
  closed: Record<string, never>;
  withdrawn: Record<string, never>;
};
export type CaseEventType = keyof EventData;

export type CaseEvent = {
  [T in CaseEventType]: { type: T; from: CaseState; to: CaseState; actor: Actor; at: string; data: EventData[T] };
}[CaseEventType];

type Transition = { from: readonly CaseState[]; to: CaseState | "same"; actors: readonly ActorKind[]; event: CaseEventType };

const openStates = ["submitted", "in_clearing", "documents_requested", "complete", "forwarded_to_unit", "in_processing"] as const;

/** The transition table. `to: "same"` stays in the state (a deadline extension). */
export const transitions: { readonly [C in CommandType]: Transition } = {
  submit: { from: ["draft"], to: "submitted", actors: ["applicant", "helper"], event: "submitted" },
  claim: { from: ["submitted"], to: "in_clearing", actors: ["staff"], event: "claimed" },
  release: { from: ["in_clearing"], to: "submitted", actors: ["staff"], event: "released" },
  request_documents: { from: ["in_clearing"], to: "documents_requested", actors: ["staff"], event: "documents_requested" },
  // Staff may record an answer that came by post or at the counter.
  respond: { from: ["documents_requested"], to: "in_clearing", actors: ["applicant", "helper", "staff"], event: "responded" },
  extend_deadline: { from: ["documents_requested"], to: "same", actors: ["staff"], event: "deadline_extended" },
  lapse: { from: ["documents_requested"], to: "lapsed", actors: ["system"], event: "lapsed" },
  mark_complete: { from: ["in_clearing"], to: "complete", actors: ["staff"], event: "marked_complete" },
  reopen: { from: ["complete"], to: "in_clearing", actors: ["staff"], event: "reopened" },
  forward: { from: ["complete"], to: "forwarded_to_unit", actors: ["staff"], event: "forwarded" },
  start_processing: { from: ["forwarded_to_unit"], to: "in_processing", actors: ["staff"], event: "processing_started" },
  decide: { from: ["in_processing"], to: "decided", actors: ["staff"], event: "decided" },
  // The system may announce a card delivered by the Bundesdruckerei.
  mark_ready_for_pickup: { from: ["decided"], to: "ready_for_pickup", actors: ["staff", "system"], event: "ready_for_pickup" },
  close: { from: ["decided", "ready_for_pickup"], to: "closed", actors: ["staff"], event: "closed" },
  // Staff may record a withdrawal made in writing.
  withdraw: { from: openStates, to: "withdrawn", actors: ["applicant", "helper", "staff"], event: "withdrawn" },
};

export const commandTypes = Object.keys(transitions) as CommandType[];

/** Who must act next: the applicant (or their helper), the office, or nobody (the case is over). */
export type WaitingOn = "applicant" | "office" | "nobody";

const waiting: { readonly [S in CaseState]: WaitingOn } = {
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
};

export function waitingOn(state: CaseState): WaitingOn {
  return waiting[state];
}

export function isFinal(state: CaseState): boolean {
  return waiting[state] === "nobody";
}

/** The actor kinds that may give a command (in a state where it is allowed). */
export function actorsFor(command: CommandType): readonly ActorKind[] {
  return transitions[command].actors;
}

/** The commands that may move a case on from a state, optionally only those an actor kind may give. */
export function allowedCommands(state: CaseState, actorKind?: ActorKind): CommandType[] {
  return commandTypes.filter((c) => transitions[c].from.includes(state) && (!actorKind || transitions[c].actors.includes(actorKind)));
}

export function newCase(): CaseRecord {
  return { state: "draft", claimedBy: null, documentRequest: null, routing: null, decision: null };
}

export type RefusalCode =
  | "not-allowed-in-state"
  | "actor-not-allowed"
  | "not-complete"
  | "no-items"
  | "invalid-deadline"
  | "deadline-not-after-today"
  | "deadline-not-later"
  | "deadline-not-passed"
  | "unit-missing"
  | "not-granted";

export type Refusal = {
  code: RefusalCode;
  command: CommandType;
  state: CaseState;
  actorKind: ActorKind;
  params?: Record<string, string | number>;
};

export type TransitionResult = { ok: true; case: CaseRecord; event: CaseEvent } | { ok: false; refusal: Refusal };

/**
 * Applies a command. `now` is the instant of the command; deadlines are office calendar days,
 * taken in `timeZone` (the office's, Europe/Berlin by default).
 */
export function transition(current: CaseRecord, command: CaseCommand, actor: Actor, now: Date, timeZone: string = OFFICE_TIME_ZONE): TransitionResult {
  const rule = transitions[command.type];
  const refuse = (code: RefusalCode, params?: Record<string, string | number>): TransitionResult => ({
    ok: false,
    refusal: { code, command: command.type, state: current.state, actorKind: actor.kind, ...(params ? { params } : {}) },
  });
  if (!rule.from.includes(current.state)) return refuse("not-allowed-in-state");
  if (!rule.actors.includes(actor.kind)) return refuse("actor-not-allowed");

  const today = officeDay(now, timeZone);
  const to = rule.to === "same" ? current.state : rule.to;
  const at = now.toISOString();
  const base = { from: current.state, to, actor, at };
  const moved = (changes: Partial<CaseRecord> = {}): CaseRecord => ({ ...current, ...changes, state: to });

  switch (command.type) {
    case "submit":
      return { ok: true, case: moved(), event: { ...base, type: "submitted", data: {} } };
    case "claim":
      return { ok: true, case: moved({ claimedBy: actor.id }), event: { ...base, type: "claimed", data: { staffId: actor.id } } };
    case "release":
      return { ok: true, case: moved({ claimedBy: null }), event: { ...base, type: "released", data: { staffId: current.claimedBy } } };
    case "request_documents": {
      const items = [...new Set(command.items)];
      if (items.length === 0) return refuse("no-items");
      const deadline = command.deadline ?? plusDays(today, DEFAULT_REQUEST_DAYS);
      if (!isIsoDay(deadline)) return refuse("invalid-deadline", { deadline });
      if (daysBetween(today, deadline) <= 0) return refuse("deadline-not-after-today", { deadline, today });
      const request: DocumentRequest = { items, deadline, requestedOn: today, extensions: 0 };
      const message = command.message?.trim() || null;
      return {
        ok: true,
        case: moved({ documentRequest: request }),
        event: { ...base, type: "documents_requested", data: { items, deadline, message } },
      };
    }
    case "respond":
      return { ok: true, case: moved({ documentRequest: null }), event: { ...base, type: "responded", data: {} } };
    case "extend_deadline": {
      const open = openRequest(current);
      if (!isIsoDay(command.deadline)) return refuse("invalid-deadline", { deadline: command.deadline });
      if (daysBetween(open.deadline, command.deadline) <= 0) {
        return refuse("deadline-not-later", { deadline: command.deadline, currentDeadline: open.deadline });
      }
      if (daysBetween(today, command.deadline) <= 0) return refuse("deadline-not-after-today", { deadline: command.deadline, today });
      return {
        ok: true,
        case: moved({ documentRequest: { ...open, deadline: command.deadline, extensions: open.extensions + 1 } }),
        event: { ...base, type: "deadline_extended", data: { previousDeadline: open.deadline, deadline: command.deadline } },
      };
    }
    case "lapse": {
      const open = openRequest(current);
      // The deadline is the last day to answer: the request lapses from the next office day on.
      if (daysBetween(open.deadline, today) <= 0) return refuse("deadline-not-passed", { deadline: open.deadline, today });
      return { ok: true, case: moved(), event: { ...base, type: "lapsed", data: { deadline: open.deadline } } };
    }
    case "mark_complete":
      if (!command.completeness.complete) return refuse("not-complete");
      return { ok: true, case: moved(), event: { ...base, type: "marked_complete", data: {} } };
    case "reopen":
      return { ok: true, case: moved(), event: { ...base, type: "reopened", data: {} } };
    case "forward": {
      // Checked again: documents may have changed between marking complete and forwarding.
      if (!command.completeness.complete) return refuse("not-complete");
      if (command.unitId.trim() === "") return refuse("unit-missing");
      const routing = { unitId: command.unitId, caseWorker: command.caseWorker };
      return { ok: true, case: moved({ routing }), event: { ...base, type: "forwarded", data: routing } };
    }
    case "start_processing":
      return { ok: true, case: moved(), event: { ...base, type: "processing_started", data: {} } };
    case "decide":
      return {
        ok: true,
        case: moved({ decision: command.decision }),
        event: { ...base, type: "decided", data: { decision: command.decision } },
      };
    case "mark_ready_for_pickup":
      if (current.decision !== "granted") return refuse("not-granted");
      return { ok: true, case: moved(), event: { ...base, type: "ready_for_pickup", data: {} } };
    case "close":
      return { ok: true, case: moved(), event: { ...base, type: "closed", data: {} } };
    case "withdraw":
      return { ok: true, case: moved(), event: { ...base, type: "withdrawn", data: {} } };
  }
}

function openRequest(current: CaseRecord): DocumentRequest {
  // Every path into documents_requested sets the request; a record without one is corrupt.
  if (!current.documentRequest) throw new Error("A case in documents_requested has no document request");
  return current.documentRequest;
}
