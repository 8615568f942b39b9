// Client-safe facts about staff roles: who needs a unit, who may do what, which pages a role
// sees. The server enforces access in auth.server.ts (`requireStaff`); this file only decides.

export const roles = ["clearing", "case_worker", "service_point", "team_lead", "admin"] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

/** Roles that work in one unit (the database checks this too: staff_users_unit). */
export function needsUnit(role: Role): boolean {
  return role === "clearing" || role === "case_worker" || role === "service_point";
}

/** Whether a role may use a page that is open to `allowed` (no list: every role). Admins may use everything. */
export function roleAllowed(role: Role, allowed?: readonly Role[]): boolean {
  return role === "admin" || allowed === undefined || allowed.includes(role);
}

export type StaffLink = { to: string; key: "start" | "queue" | "inbox" | "servicePoint" | "office" | "letterRanges" | "accounts" | "account" };

/** The staff pages a role is offered, in the order of the navigation. */
export function staffLinks(role: Role): StaffLink[] {
  const links: StaffLink[] = [{ to: "/staff", key: "start" }];
  if (roleAllowed(role, ["clearing", "team_lead"])) links.push({ to: "/staff/clearing", key: "queue" });
  if (roleAllowed(role, ["case_worker", "team_lead"])) links.push({ to: "/staff/inbox", key: "inbox" });
  if (roleAllowed(role, ["service_point"])) {
    links.push({ to: "/staff/service-point", key: "servicePoint" }, { to: "/staff/office", key: "office" });
  }
  if (roleAllowed(role, [])) links.push({ to: "/staff/letter-ranges", key: "letterRanges" }, { to: "/staff/accounts", key: "accounts" });
  links.push({ to: "/staff/account", key: "account" });
  return links;
}

/**
 * Where to go after logging in: only a path on this site (no "//host", no "/\host", no scheme),
 * so that the login page cannot be used to send people elsewhere.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || next.length > 500) return "/staff";
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/staff";
  if (/[\u0000-\u001f\\]/.test(next)) return "/staff";
  return next;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Why a new password is refused (an i18n key of the staff namespace), or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "errors.passwordTooShort";
  if (password.length > PASSWORD_MAX_LENGTH) return "errors.passwordTooLong";
  return null;
}
