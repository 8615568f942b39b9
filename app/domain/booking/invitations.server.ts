// Invitation-only services (e.g. handing over a decided permit) are booked through a
// single-use invitation tied to a case. The invitation is used up in the same transaction that
// books the appointment (confirmBooking), so it can never book twice.
import { and, eq } from "drizzle-orm";
import type { Database, Queryable } from "#app/lib/db.server";
import type { Language } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";
import { hashToken, newToken } from "./tokens.server";

export const INVITATION_VALID_DAYS = 30;

export class NotAnInvitationService extends Error {}

/**
 * Creates an invitation for a case and returns its token (>= 128 bits; only its hash is
 * stored). The caller sends it (later: when a case becomes ready for pickup).
 */
export async function createInvitation(
  db: Queryable,
  invitation: { serviceId: string; caseReference: string; language: Language; now: Date; validDays?: number },
): Promise<{ token: string; expiresAt: Date }> {
  const [service] = await db.select({ appointment: schema.services.appointment }).from(schema.services).where(eq(schema.services.id, invitation.serviceId));
  if (service?.appointment !== "invitation") throw new NotAnInvitationService(invitation.serviceId);
  const token = newToken();
  const expiresAt = new Date(invitation.now.getTime() + (invitation.validDays ?? INVITATION_VALID_DAYS) * 86_400_000);
  await db.insert(schema.invitations).values({
    serviceId: invitation.serviceId,
    caseReference: invitation.caseReference,
    tokenHash: hashToken(token),
    language: invitation.language,
    expiresAt,
    createdAt: invitation.now,
  });
  return { token, expiresAt };
}

export type InvitationState = { serviceId: string; language: string; state: "valid" | "used" | "expired"; expiresAt: Date };

/** What an invitation link stands for, or null if there is no such invitation. */
export async function invitationByToken(db: Database, token: string, now: Date): Promise<InvitationState | null> {
  const [row] = await db
    .select({
      serviceId: schema.invitations.serviceId,
      language: schema.invitations.language,
      usedAt: schema.invitations.usedAt,
      expiresAt: schema.invitations.expiresAt,
    })
    .from(schema.invitations)
    .where(eq(schema.invitations.tokenHash, hashToken(token)));
  if (!row) return null;
  const state = row.usedAt ? "used" : row.expiresAt <= now ? "expired" : "valid";
  return { serviceId: row.serviceId, language: row.language, state, expiresAt: row.expiresAt };
}

/** Whether a token is a usable invitation for this service right now. */
export async function validInvitation(db: Database, token: string | null, serviceId: string, now: Date): Promise<boolean> {
  if (!token) return false;
  const found = await invitationByToken(db, token, now);
  return found?.state === "valid" && found.serviceId === serviceId;
}

/** The invitation of a case, if any (for staff and for later issues). */
export async function invitationsOfCase(db: Database, caseReference: string) {
  return db
    .select({ id: schema.invitations.id, serviceId: schema.invitations.serviceId, usedAt: schema.invitations.usedAt, expiresAt: schema.invitations.expiresAt })
    .from(schema.invitations)
    .where(and(eq(schema.invitations.caseReference, caseReference)));
}
