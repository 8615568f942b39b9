// The waitlist: when nothing is free, a person joins; a freed place (a cancellation, a moved
// appointment) is offered to the next person — urgent permit expiry first, then waiting time —
// with a claim link valid for a limited time, then to the next. The offered place is held (an
// appointment hold) while the offer lasts, so nobody else can take it meanwhile.
import { and, eq, gt, inArray } from "drizzle-orm";
import type { Database } from "#app/lib/db.server";
import { serverI18n } from "#app/lib/i18n/instance.server";
import { pick } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";
import { queueMessage } from "#app/domain/messages/outbox.server";
import { type Contact, hasActiveAppointment, uniqueViolation, waitingPersonRow } from "./booking.server";
import { hashToken, newToken } from "./tokens.server";
import { OFFER_MINUTES } from "./limits";
import { composeMessage } from "./messages.server";
import { dayIn } from "./slots";
import { closeOffer, queueOrder, serviceInfo } from "./waitlist-offers.server";

export type JoinResult = { ok: true; token: string } | { ok: false; reason: "already-waiting" | "already-booked" };

/** Puts a person on the waitlist of a service and tells them so (in the same transaction). */
export async function joinWaitlist(db: Database, serviceId: string, person: Contact, permitExpires: string | null, publicUrl: string, now: Date): Promise<JoinResult> {
  if (await hasActiveAppointment(db, serviceId, person)) return { ok: false, reason: "already-booked" };
  const token = newToken();
  const info = await serviceInfo(db, serviceId);
  try {
    await db.transaction(async (tx) => {
      await tx.insert(schema.waitlistEntries).values({ serviceId, ...waitingPersonRow(person, permitExpires, token, now) });
      const i18n = await serverI18n();
      const service = pick(info.name, person.language);
      await queueMessage(
        tx,
        composeMessage(
          i18n,
          "waitlist-joined",
          person,
          ["message.waitlist.joinedSubject", { service }],
          [
            ["message.waitlist.joined", { service }],
            ["message.waitlist.how", { hours: OFFER_MINUTES / 60 }],
            ["message.waitlist.manage", { url: `${publicUrl}/waitlist/${token}?lng=${person.language}` }],
          ],
        ),
      );
    });
  } catch (error) {
    if (uniqueViolation(error)?.startsWith("waitlist_one_per_")) return { ok: false, reason: "already-waiting" };
    throw error;
  }
  return { ok: true, token };
}

export type WaitlistView = NonNullable<Awaited<ReturnType<typeof waitlistEntryByToken>>>;

/** An entry behind its link, with how many people are ahead and its open offer, if any. */
export async function waitlistEntryByToken(db: Database, token: string, now: Date) {
  const [entry] = await db
    .select({
      id: schema.waitlistEntries.id,
      serviceId: schema.waitlistEntries.serviceId,
      serviceName: schema.services.name,
      status: schema.waitlistEntries.status,
      createdAt: schema.waitlistEntries.createdAt,
      permitExpires: schema.waitlistEntries.permitExpires,
      timeZone: schema.office.timeZone,
    })
    .from(schema.waitlistEntries)
    .innerJoin(schema.services, eq(schema.services.id, schema.waitlistEntries.serviceId))
    .innerJoin(schema.office, eq(schema.office.id, 1))
    .where(eq(schema.waitlistEntries.manageTokenHash, hashToken(token)));
  if (!entry) return null;
  let ahead = 0;
  if (entry.status === "waiting") {
    const queue = await db
      .select({ id: schema.waitlistEntries.id })
      .from(schema.waitlistEntries)
      .where(and(eq(schema.waitlistEntries.serviceId, entry.serviceId), inArray(schema.waitlistEntries.status, ["waiting", "offered"])))
      .orderBy(...queueOrder(dayIn(now, entry.timeZone)));
    ahead = Math.max(
      0,
      queue.findIndex((q) => q.id === entry.id),
    );
  }
  const [offer] = await db
    .select({ startsAt: schema.appointmentSlots.startsAt, expiresAt: schema.waitlistOffers.expiresAt })
    .from(schema.waitlistOffers)
    .innerJoin(schema.appointmentSlots, eq(schema.appointmentSlots.id, schema.waitlistOffers.slotId))
    .where(and(eq(schema.waitlistOffers.entryId, entry.id), eq(schema.waitlistOffers.status, "open"), gt(schema.waitlistOffers.expiresAt, now)));
  return { ...entry, ahead, offer: offer ?? null };
}

/** Takes a person off the waitlist (an open offer is given up and goes to the next person). */
export async function leaveWaitlist(db: Database, token: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [entry] = await tx
      .update(schema.waitlistEntries)
      .set({ status: "left", closedAt: now })
      .where(and(eq(schema.waitlistEntries.manageTokenHash, hashToken(token)), inArray(schema.waitlistEntries.status, ["waiting", "offered"])))
      .returning({ id: schema.waitlistEntries.id });
    if (!entry) return false;
    const [offer] = await tx
      .select({ id: schema.waitlistOffers.id })
      .from(schema.waitlistOffers)
      .where(and(eq(schema.waitlistOffers.entryId, entry.id), eq(schema.waitlistOffers.status, "open")))
      .for("update");
    if (offer) await closeOffer(tx, offer.id, "declined", now);
    return true;
  });
}
