// Client-safe facts about staff roles: which roles there are and who needs a unit. Who may do
// what is the permission policy's (app/domain/access/policy.ts), not this file's.

export const roles = ["clearing", "case_worker", "service_point", "team_lead", "admin"] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

/** Roles that work in one unit (the database checks this too: staff_users_unit). */
export function needsUnit(role: Role): boolean {
  return role === "clearing" || role === "case_worker" || role === "service_point";
}

/**
 * Where to go after logging in: only a path on this site (no "//host", no "/\host", no scheme),
 * so that the login page cannot be used to send people elsewhere.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || next.length > 500) return "/staff";
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/staff";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters in a return address are what this check refuses
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
