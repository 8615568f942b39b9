// The waitlist's offers: a freed place (a cancellation, a moved appointment) is offered to the
// next person in the queue order — urgent permit expiry first, then waiting time — with a claim
// link valid for a limited time, then to the next. The offered place is held while the offer
// lasts, so nobody else can take it meanwhile. Joining and leaving are in waitlist.server.ts.
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { Database, Queryable, Tx } from "#app/lib/db.server";
import { serverI18n } from "#app/lib/i18n/instance.server";
import { isLanguage, pick } from "#app/lib/i18n/languages";
import { enqueue } from "#app/lib/jobs.server";
import * as schema from "#db/schema";
import { queueMessage } from "#app/domain/messages/outbox.server";
import { type Contact, insertAppointment, uniqueViolation } from "./booking.server";
import { hashToken, newToken } from "./tokens.server";
import { releaseExpired } from "./holds.server";
import { MAX_MISSED_OFFERS, OFFER_MIN_LEAD_MINUTES, OFFER_MINUTES, WAITLIST_URGENT_DAYS } from "./limits";
import { composeMessage, when } from "./messages.server";
import { addDays, dayIn } from "./slots";

export async function serviceInfo(db: Queryable, serviceId: string) {
  const [row] = await db
    .select({ name: schema.services.name, timeZone: schema.office.timeZone })
    .from(schema.services)
    .innerJoin(schema.office, eq(schema.office.id, 1))
    .where(eq(schema.services.id, serviceId));
  if (!row) throw new Error(`unknown service ${serviceId}`);
  return row;
}

/** Whether an entry's permit expiry makes it urgent on `day`. */
function urgentBy(day: string) {
  const limit = addDays(day, WAITLIST_URGENT_DAYS);
  return sql`(${schema.waitlistEntries.permitExpires} IS NOT NULL AND ${schema.waitlistEntries.permitExpires} <= ${limit})`;
}

/** Queue order: urgent expiry first (earliest expiry first), then by time on the list. */
export function queueOrder(day: string) {
  const urgent = urgentBy(day);
  return [
    sql`${urgent} DESC`,
    sql`CASE WHEN ${urgent} THEN ${schema.waitlistEntries.permitExpires} END ASC NULLS LAST`,
    asc(schema.waitlistEntries.createdAt),
    asc(schema.waitlistEntries.id),
  ];
}

/**
 * Offers one free place of a slot to the next waiting person (a job, run after a cancellation
 * or when an offer ends). Does nothing if the place is gone, the time is too close, or nobody waits.
 */
export async function offerFreedPlace(db: Database, slotId: number, publicUrl: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [slot] = await tx
      .select({
        id: schema.appointmentSlots.id,
        serviceId: schema.appointmentSlots.serviceId,
        startsAt: schema.appointmentSlots.startsAt,
        taken: schema.appointmentSlots.taken,
        capacity: schema.appointmentSlots.capacity,
      })
      .from(schema.appointmentSlots)
      .where(eq(schema.appointmentSlots.id, slotId))
      .for("update");
    if (!slot || slot.startsAt.getTime() - now.getTime() < OFFER_MIN_LEAD_MINUTES * 60_000) return false;
    await releaseExpired(tx, slot.id, now);
    const [fresh] = await tx.select({ taken: schema.appointmentSlots.taken }).from(schema.appointmentSlots).where(eq(schema.appointmentSlots.id, slot.id));
    if (!fresh || fresh.taken >= slot.capacity) return false;
    const info = await serviceInfo(tx, slot.serviceId);
    const [entry] = await tx
      .select()
      .from(schema.waitlistEntries)
      .where(
        and(
          eq(schema.waitlistEntries.serviceId, slot.serviceId),
          eq(schema.waitlistEntries.status, "waiting"),
          // Nobody is offered the same place twice.
          sql`NOT EXISTS (SELECT 1 FROM ${schema.waitlistOffers} o WHERE o.entry_id = ${schema.waitlistEntries.id} AND o.slot_id = ${slot.id})`,
        ),
      )
      .orderBy(...queueOrder(dayIn(now, info.timeZone)))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!entry || !isLanguage(entry.language)) return false;

    const expiresAt = new Date(Math.min(now.getTime() + OFFER_MINUTES * 60_000, slot.startsAt.getTime() - OFFER_MIN_LEAD_MINUTES * 60_000));
    await tx
      .update(schema.appointmentSlots)
      .set({ taken: sql`${schema.appointmentSlots.taken} + 1` })
      .where(eq(schema.appointmentSlots.id, slot.id));
    const [hold] = await tx
      .insert(schema.appointmentHolds)
      .values({ slotId: slot.id, tokenHash: hashToken(newToken()), expiresAt, extensions: 3 })
      .returning({ id: schema.appointmentHolds.id });
    const token = newToken();
    const [offer] = await tx
      .insert(schema.waitlistOffers)
      .values({ entryId: entry.id, slotId: slot.id, holdId: hold!.id, tokenHash: hashToken(token), expiresAt, createdAt: now })
      .returning({ id: schema.waitlistOffers.id });
    await tx.update(schema.waitlistEntries).set({ status: "offered" }).where(eq(schema.waitlistEntries.id, entry.id));
    await enqueue(tx, "waitlist-offer-expiry", { offerId: offer!.id }, expiresAt, `offer-expiry:${offer!.id}`);

    const lng = entry.language;
    const i18n = await serverI18n();
    const service = pick(info.name, lng);
    await queueMessage(
      tx,
      composeMessage(
        i18n,
        "waitlist-offer",
        { ...entry, language: lng },
        ["message.offer.subject", { service }],
        [
          ["message.offer.body", { service, when: when(lng, slot.startsAt, info.timeZone) }],
          ["message.offer.claim", { url: `${publicUrl}/offer/${token}?lng=${lng}`, until: when(lng, expiresAt, info.timeZone) }],
        ],
      ),
    );
    return true;
  });
}

/**
 * Ends an open offer (claimed elsewhere, declined, left, or run out): releases its place and
 * asks for the place to be offered to the next person.
 */
export async function closeOffer(tx: Tx, offerId: number, status: "declined" | "expired", now: Date) {
  const [offer] = await tx
    .update(schema.waitlistOffers)
    .set({ status, decidedAt: now })
    .where(and(eq(schema.waitlistOffers.id, offerId), eq(schema.waitlistOffers.status, "open")))
    .returning({ slotId: schema.waitlistOffers.slotId, holdId: schema.waitlistOffers.holdId, entryId: schema.waitlistOffers.entryId });
  if (!offer) return null;
  await tx.select({ id: schema.appointmentSlots.id }).from(schema.appointmentSlots).where(eq(schema.appointmentSlots.id, offer.slotId)).for("update");
  if (offer.holdId) {
    const gone = await tx.delete(schema.appointmentHolds).where(eq(schema.appointmentHolds.id, offer.holdId)).returning({ id: schema.appointmentHolds.id });
    if (gone.length > 0) {
      await tx
        .update(schema.appointmentSlots)
        .set({ taken: sql`${schema.appointmentSlots.taken} - 1` })
        .where(eq(schema.appointmentSlots.id, offer.slotId));
    }
  }
  await enqueue(tx, "waitlist-offer", { slotId: offer.slotId }, now);
  return offer;
}

/** The job at an offer's end: if it was not claimed, the person misses it and the next is asked. */
export async function expireOffer(db: Database, offerId: number, publicUrl: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: schema.waitlistOffers.id, expiresAt: schema.waitlistOffers.expiresAt })
      .from(schema.waitlistOffers)
      .where(and(eq(schema.waitlistOffers.id, offerId), eq(schema.waitlistOffers.status, "open")))
      .for("update");
    if (!open || open.expiresAt > now) return;
    const offer = await closeOffer(tx, offerId, "expired", now);
    if (!offer) return;
    const [entry] = await tx
      .update(schema.waitlistEntries)
      .set({
        missedOffers: sql`${schema.waitlistEntries.missedOffers} + 1`,
        status: sql`CASE WHEN ${schema.waitlistEntries.missedOffers} + 1 >= ${MAX_MISSED_OFFERS} THEN 'lapsed' ELSE 'waiting' END`,
        closedAt: sql`CASE WHEN ${schema.waitlistEntries.missedOffers} + 1 >= ${MAX_MISSED_OFFERS} THEN ${now.toISOString()}::timestamptz ELSE NULL END`,
      })
      .where(and(eq(schema.waitlistEntries.id, offer.entryId), eq(schema.waitlistEntries.status, "offered")))
      .returning();
    if (entry?.status === "lapsed" && isLanguage(entry.language)) {
      const info = await serviceInfo(tx, entry.serviceId);
      const service = pick(info.name, entry.language);
      await queueMessage(
        tx,
        composeMessage(
          await serverI18n(),
          "waitlist-lapsed",
          { ...entry, language: entry.language },
          ["message.waitlist.lapsedSubject", { service }],
          [
            ["message.waitlist.lapsed", { service, count: MAX_MISSED_OFFERS }],
            ["message.waitlist.joinAgain", { url: `${publicUrl}/book/${entry.serviceId}?lng=${entry.language}` }],
          ],
        ),
      );
    }
  });
}

export type OfferView = NonNullable<Awaited<ReturnType<typeof offerByToken>>>;

/** An offer behind its claim link. */
export async function offerByToken(db: Database, token: string) {
  const [row] = await db
    .select({
      id: schema.waitlistOffers.id,
      status: schema.waitlistOffers.status,
      expiresAt: schema.waitlistOffers.expiresAt,
      startsAt: schema.appointmentSlots.startsAt,
      serviceId: schema.appointmentSlots.serviceId,
      serviceName: schema.services.name,
      language: schema.waitlistEntries.language,
      timeZone: schema.office.timeZone,
    })
    .from(schema.waitlistOffers)
    .innerJoin(schema.appointmentSlots, eq(schema.appointmentSlots.id, schema.waitlistOffers.slotId))
    .innerJoin(schema.waitlistEntries, eq(schema.waitlistEntries.id, schema.waitlistOffers.entryId))
    .innerJoin(schema.services, eq(schema.services.id, schema.appointmentSlots.serviceId))
    .innerJoin(schema.office, eq(schema.office.id, 1))
    .where(eq(schema.waitlistOffers.tokenHash, hashToken(token)));
  return row ?? null;
}

export type ClaimResult = { ok: true; manageToken: string; code: string; language: string } | { ok: false; reason: "gone" | "already-booked" };

/**
 * Claims an offer: its held place becomes the person's appointment. A second click finds the
 * offer claimed ("gone"), never a second appointment.
 */
export async function claimOffer(db: Database, token: string, publicUrl: string, now: Date): Promise<ClaimResult> {
  try {
    return await db.transaction(async (tx) => {
      const [offer] = await tx
        .select({
          id: schema.waitlistOffers.id,
          slotId: schema.waitlistOffers.slotId,
          holdId: schema.waitlistOffers.holdId,
          expiresAt: schema.waitlistOffers.expiresAt,
          entryId: schema.waitlistOffers.entryId,
        })
        .from(schema.waitlistOffers)
        .where(and(eq(schema.waitlistOffers.tokenHash, hashToken(token)), eq(schema.waitlistOffers.status, "open"), isNotNull(schema.waitlistOffers.holdId)))
        .for("update");
      if (!offer || offer.expiresAt <= now) return { ok: false, reason: "gone" } as const;
      const [hold] = await tx.delete(schema.appointmentHolds).where(eq(schema.appointmentHolds.id, offer.holdId!)).returning({ id: schema.appointmentHolds.id });
      if (!hold) return { ok: false, reason: "gone" } as const;
      const [entry] = await tx.select().from(schema.waitlistEntries).where(eq(schema.waitlistEntries.id, offer.entryId)).for("update");
      const [slot] = await tx
        .select({ startsAt: schema.appointmentSlots.startsAt, serviceId: schema.appointmentSlots.serviceId })
        .from(schema.appointmentSlots)
        .where(eq(schema.appointmentSlots.id, offer.slotId));
      if (!entry || !slot || !isLanguage(entry.language)) return { ok: false, reason: "gone" } as const;
      const contact: Contact = { name: entry.name, birthDate: entry.birthDate, email: entry.email, phone: entry.phone, language: entry.language };
      // The hold's place becomes the appointment's place: `taken` stays as it is.
      const booked = await insertAppointment(tx, {
        slotId: offer.slotId,
        serviceId: slot.serviceId,
        startsAt: slot.startsAt,
        contact,
        source: "waitlist",
        idempotencyKey: `offer:${offer.id}`,
        now,
      });
      await tx.update(schema.waitlistOffers).set({ status: "claimed", decidedAt: now }).where(eq(schema.waitlistOffers.id, offer.id));
      await tx.update(schema.waitlistEntries).set({ status: "booked", closedAt: now }).where(eq(schema.waitlistEntries.id, entry.id));
      const info = await serviceInfo(tx, slot.serviceId);
      const service = pick(info.name, entry.language);
      await queueMessage(
        tx,
        composeMessage(
          await serverI18n(),
          "booking-confirmation",
          contact,
          ["message.confirmation.subject", { service, when: when(entry.language, slot.startsAt, info.timeZone) }],
          [
            ["message.confirmation.booked", { service, when: when(entry.language, slot.startsAt, info.timeZone) }],
            ["message.confirmation.code", { code: booked.code }],
            ["message.confirmation.bring", { url: `${publicUrl}/services/${slot.serviceId}?lng=${entry.language}` }],
            ["message.confirmation.manage", { url: `${publicUrl}/appointment/${booked.manageToken}?lng=${entry.language}` }],
          ],
        ),
      );
      return { ok: true, manageToken: booked.manageToken, code: booked.code, language: entry.language } as const;
    });
  } catch (error) {
    if (uniqueViolation(error)?.startsWith("appointments_one_per_")) return { ok: false, reason: "already-booked" };
    throw error;
  }
}

/** Declines an offer: the person stays on the list, the place goes to the next person. */
export async function declineOffer(db: Database, token: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [offer] = await tx
      .select({ id: schema.waitlistOffers.id, entryId: schema.waitlistOffers.entryId })
      .from(schema.waitlistOffers)
      .where(and(eq(schema.waitlistOffers.tokenHash, hashToken(token)), eq(schema.waitlistOffers.status, "open")))
      .for("update");
    if (!offer) return false;
    await closeOffer(tx, offer.id, "declined", now);
    await tx
      .update(schema.waitlistEntries)
      .set({ status: "waiting" })
      .where(and(eq(schema.waitlistEntries.id, offer.entryId), eq(schema.waitlistEntries.status, "offered")));
    return true;
  });
}
