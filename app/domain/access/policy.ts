// Who may do what: the one permission policy of Lotse (client-safe, pure). The domain's guards,
// the staff area's middleware, the navigation and the UI's flags all ask `can`; no route or
// component lists roles. An actor is whoever acts: a staff member by role, and a helper whose
// rights come only from a client's grants for one case each (decision 0016).
import type { Role } from "#app/domain/staff/roles";

/** A staff member as the policy sees them (what their session row says). */
export type StaffActor = { kind: "staff"; id: number; role: Role; unitId: string | null };

/** What a client's grant lets its holder do with one case. */
export const grantScopes = ["see", "upload", "answer", "book", "withdraw"] as const;
export type GrantScope = (typeof grantScopes)[number];

/** A client's revocable consent for one case, as the server loaded it for this request. */
export type Grant = { caseId: string; scopes: readonly GrantScope[]; validUntil: Date; revokedAt: Date | null };

/**
 * A person outside the office who acts for clients (volunteer helper, welfare counsellor). They
 * have no role: each right comes from a grant that is in force at `now` and names the case.
 */
export type HelperActor = { kind: "helper"; id: number; suspended: boolean; grants: readonly Grant[]; now: Date };

export type Actor = StaffActor | HelperActor;

/** A case as the policy sees it: where it stands and to whom it is routed. */
export type CaseResource = {
  id: string;
  state: string;
  routedUnitId: string | null;
  routedCaseWorkerId: number | null;
};

/** Everything that is allowed or refused somewhere in Lotse. */
export type Action =
  // the staff area itself and one's own account
  | "staff:enter"
  // Clearing: the queue, claiming, reviewing, requesting and forwarding
  | "queue:view"
  | "case:clear"
  // a case and its documents (reading; acting is a further action)
  | "case:view"
  | "document:read"
  // team leads: every case with who holds it, and taking a claimed case from someone who is away
  | "cases:oversee"
  // case workers: their inbox and the decision
  | "inbox:view"
  | "case:process"
  // service point and the office's opening hours, capacities and closures
  | "service-point:use"
  | "office:configure"
  // administration
  | "letter-ranges:manage"
  | "accounts:manage"
  // what a grant may allow a helper (each needs a case)
  | "case:upload"
  | "case:answer"
  | "case:book"
  | "case:withdraw";

/** The staff roles each role-based action is open to (admins may do everything). */
const staffActions: Record<Exclude<Action, "case:upload" | "case:answer" | "case:book" | "case:withdraw">, readonly Role[] | "any"> = {
  "staff:enter": "any",
  "queue:view": ["clearing", "team_lead"],
  "case:clear": ["clearing", "team_lead"],
  "case:view": ["clearing", "case_worker", "team_lead"],
  "document:read": ["clearing", "case_worker", "team_lead"],
  "cases:oversee": ["team_lead"],
  "inbox:view": ["case_worker", "team_lead"],
  "case:process": ["case_worker", "team_lead"],
  "service-point:use": ["service_point"],
  "office:configure": ["service_point"],
  "letter-ranges:manage": [],
  "accounts:manage": [],
};

/** Which grant scope each helper action needs. */
const helperScopes: Partial<Record<Action, GrantScope>> = {
  "case:view": "see",
  "document:read": "see",
  "case:upload": "upload",
  "case:answer": "answer",
  "case:book": "book",
  "case:withdraw": "withdraw",
};

/**
 * Whether `actor` may do `action` (to `resource`, where the action concerns one case). Without a
 * resource, a case action asks "may this actor do this to some case at all" (a page or a link).
 */
export function can(actor: Actor | null | undefined, action: Action, resource?: CaseResource): boolean {
  if (!actor) return false;
  switch (actor.kind) {
    case "staff":
      return staffCan(actor, action, resource);
    case "helper":
      return helperCan(actor, action, resource);
  }
}

function staffCan(staff: StaffActor, action: Action, resource: CaseResource | undefined): boolean {
  if (!(action in staffActions)) return false;
  const allowed = staffActions[action as keyof typeof staffActions];
  if (staff.role !== "admin" && allowed !== "any" && !allowed.includes(staff.role)) return false;
  if (!resource) return true;
  if (resource.state === "draft") return false;
  switch (staff.role) {
    case "admin":
    case "team_lead":
      return true;
    case "clearing":
      // The front office answers status enquiries: it sees every submitted case.
      return true;
    case "case_worker":
      // A case worker sees and decides only the cases routed to them in their unit.
      return resource.routedUnitId !== null && resource.routedUnitId === staff.unitId && resource.routedCaseWorkerId === staff.id;
    case "service_point":
      return false;
  }
}

function helperCan(helper: HelperActor, action: Action, resource: CaseResource | undefined): boolean {
  const scope = helperScopes[action];
  if (helper.suspended || !scope) return false;
  const inForce = helper.grants.filter((g) => g.revokedAt === null && g.validUntil > helper.now && g.scopes.includes(scope));
  if (!resource) return inForce.length > 0;
  return inForce.some((g) => g.caseId === resource.id);
}

/** The policy's view of a signed-in staff member. */
export function staffActor(staff: { id: number; role: Role; unitId: string | null }): StaffActor {
  return { kind: "staff", id: staff.id, role: staff.role, unitId: staff.unitId };
}

export type StaffLink = {
  to: string;
  key: "start" | "queue" | "inbox" | "servicePoint" | "office" | "letterRanges" | "accounts" | "account";
};

/** The staff area's pages, in the order of the navigation, each with the action that opens it. */
const staffPages: ReadonlyArray<StaffLink & { action: Action }> = [
  { to: "/staff", key: "start", action: "staff:enter" },
  { to: "/staff/clearing", key: "queue", action: "queue:view" },
  { to: "/staff/inbox", key: "inbox", action: "inbox:view" },
  { to: "/staff/service-point", key: "servicePoint", action: "service-point:use" },
  { to: "/staff/office", key: "office", action: "office:configure" },
  { to: "/staff/letter-ranges", key: "letterRanges", action: "letter-ranges:manage" },
  { to: "/staff/accounts", key: "accounts", action: "accounts:manage" },
  { to: "/staff/account", key: "account", action: "staff:enter" },
];

/** The staff pages an actor is offered, in the order of the navigation. */
export function staffLinks(actor: Actor): StaffLink[] {
  return staffPages.filter((p) => can(actor, p.action)).map(({ to, key }) => ({ to, key }));
}
