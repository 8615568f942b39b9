// Finding a case by its reference and access code, resistant to guessing: every failed lookup
// answers the same (whether the reference exists or not), and lookups are counted in PostgreSQL
// per address and per reference, so that they hold across app processes. With 140-bit codes a
// guess cannot succeed; the limits keep guessing from costing the office anything.
import type { Database } from "#app/lib/db.server";
import { atLimit, withinLimit } from "#app/lib/rate-limit.server";
import { type ApplicationRow, applicationByAccessCode } from "./applications.server";
import { parseReference } from "./codes";

export const lookupLimits = {
  /** Lookups (by form or by link) per client address. */
  perIp: { limit: 30, windowSeconds: 600 },
  /** Form lookups naming one reference, from anywhere. */
  perReference: { limit: 10, windowSeconds: 3600 },
} as const;

export type Lookup = { ok: true; application: ApplicationRow } | { ok: false; status: 404 | 429 };

/** The status form: reference and access code. */
export async function lookupByReference(db: Database, clientIp: string, referenceInput: string, codeInput: string, now = new Date()): Promise<Lookup> {
  if (!(await withinLimit(db, `lookup:ip:${clientIp}`, lookupLimits.perIp, now))) return { ok: false, status: 429 };
  const reference = parseReference(referenceInput);
  if (!reference) return { ok: false, status: 404 };
  if (!(await withinLimit(db, `lookup:ref:${reference}`, lookupLimits.perReference, now))) return { ok: false, status: 429 };
  const application = await applicationByAccessCode(db, codeInput);
  if (!application || application.reference !== reference) return { ok: false, status: 404 };
  return { ok: true, application };
}

/**
 * The link in the message (the access code in the path). Only failed lookups count against the
 * address (a person reloads their own status page often); once the address is at its limit,
 * every lookup from it answers 429, so that a lucky guess would not show either.
 */
export async function lookupByLink(db: Database, clientIp: string, codeInput: string, now = new Date()): Promise<Lookup> {
  const bucket = `lookup:ip:${clientIp}`;
  if (await atLimit(db, bucket, lookupLimits.perIp, now)) return { ok: false, status: 429 };
  const application = await applicationByAccessCode(db, codeInput);
  if (application?.reference) return { ok: true, application };
  return (await withinLimit(db, bucket, lookupLimits.perIp, now)) ? { ok: false, status: 404 } : { ok: false, status: 429 };
}
