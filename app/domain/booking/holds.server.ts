// Holds: a place of a slot kept for one person for HOLD_MINUTES while they enter their details.
// A held place counts as taken; expired holds are given back per slot and by the sweep.
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { type Database, preparedRows, type Tx } from "#app/lib/db.server";
import * as schema from "#db/schema";
import type { BookingConfig } from "./availability.server";
import { HOLD_MINUTES, MAX_HOLD_EXTENSIONS } from "./limits";
import { dayIn, isSlotStart } from "./slots";
import { hashToken, newToken } from "./tokens.server";

/** Releases the expired holds of one slot (inside a transaction that holds the slot's row lock). */
export async function releaseExpired(tx: Tx, slotId: number, now: Date): Promise<void> {
  const gone = await tx
    .delete(schema.appointmentHolds)
    .where(and(eq(schema.appointmentHolds.slotId, slotId), lt(schema.appointmentHolds.expiresAt, now)))
    .returning({ id: schema.appointmentHolds.id });
  if (gone.length > 0) {
    await tx
      .update(schema.appointmentSlots)
      .set({ taken: sql`${schema.appointmentSlots.taken} - ${gone.length}` })
      .where(eq(schema.appointmentSlots.id, slotId));
  }
}

export type HoldResult = { ok: true; token: string; expiresAt: Date } | { ok: false; reason: "not-a-slot" | "full" };

/** Holds one place of a slot for HOLD_MINUTES; the place counts as taken while the hold lasts. */
export async function holdSlot(db: Database, config: BookingConfig, startsAt: Date, now: Date, seenFree?: number): Promise<HoldResult> {
  const candidate = isSlotStart(startsAt, config.hours, config.holidays, config.rules, now);
  if (!candidate) return { ok: false, reason: "not-a-slot" };
  // In a rush nearly every attempt finds its time taken. Those are answered from one read, without
  // queueing for the slot's row lock: the slot was full at that instant, which is all a refusal
  // says. Anything that might succeed goes through the locked transaction below. A caller that
  // read the free places already (the hold endpoint, in its one statement) passes them.
  if (seenFree !== undefined && seenFree <= 0) return { ok: false, reason: "full" };
  const [seen] =
    seenFree !== undefined
      ? []
      : await db
          .select({
            free: sql<number>`"appointment_slots"."capacity" - "appointment_slots"."taken" + (select count(*) from "appointment_holds" h where h.slot_id = "appointment_slots"."id" and h.expires_at < ${now.toISOString()})::int`,
          })
          .from(schema.appointmentSlots)
          .where(and(eq(schema.appointmentSlots.serviceId, config.serviceId), eq(schema.appointmentSlots.startsAt, candidate.startsAt)));
  if (seen && Number(seen.free) <= 0) return { ok: false, reason: "full" };
  // The locked part is one call (migration 0013), so the slot's row lock lasts its few statements.
  const token = newToken();
  const expiresAt = new Date(now.getTime() + HOLD_MINUTES * 60_000);
  const [row] = await preparedRows<{ result: "held" | "full" | "not-a-slot" }>(
    db,
    "select lotse_hold_slot($1, $2, $3::timestamptz, $4::timestamptz, $5::int, $6::date, $7, $8::timestamptz, $9::timestamptz) as result",
    [
      config.serviceId,
      config.unitId,
      candidate.startsAt.toISOString(),
      candidate.endsAt.toISOString(),
      config.rules.capacity,
      dayIn(candidate.startsAt, config.rules.timeZone),
      hashToken(token),
      expiresAt.toISOString(),
      now.toISOString(),
    ],
  );
  if (row?.result !== "held") return { ok: false, reason: row?.result === "full" ? "full" : "not-a-slot" };
  return { ok: true, token, expiresAt };
}

export type HeldSlot = { serviceId: string; startsAt: Date; endsAt: Date; expiresAt: Date; extensions: number };

export async function findHold(db: Database, token: string, now: Date): Promise<HeldSlot | null> {
  const [row] = await db
    .select({
      serviceId: schema.appointmentSlots.serviceId,
      startsAt: schema.appointmentSlots.startsAt,
      endsAt: schema.appointmentSlots.endsAt,
      expiresAt: schema.appointmentHolds.expiresAt,
      extensions: schema.appointmentHolds.extensions,
    })
    .from(schema.appointmentHolds)
    .innerJoin(schema.appointmentSlots, eq(schema.appointmentSlots.id, schema.appointmentHolds.slotId))
    .where(eq(schema.appointmentHolds.tokenHash, hashToken(token)));
  return row && row.expiresAt > now ? row : null;
}

/** Gives a live hold HOLD_MINUTES more, at most MAX_HOLD_EXTENSIONS times (WCAG 2.2.1). */
export async function extendHold(db: Database, token: string, now: Date): Promise<Date | null> {
  const [row] = await db
    .update(schema.appointmentHolds)
    .set({
      expiresAt: new Date(now.getTime() + HOLD_MINUTES * 60_000),
      extensions: sql`${schema.appointmentHolds.extensions} + 1`,
    })
    .where(
      and(
        eq(schema.appointmentHolds.tokenHash, hashToken(token)),
        gte(schema.appointmentHolds.expiresAt, now),
        lt(schema.appointmentHolds.extensions, MAX_HOLD_EXTENSIONS),
      ),
    )
    .returning({ expiresAt: schema.appointmentHolds.expiresAt });
  return row?.expiresAt ?? null;
}

/** Gives a hold's place back now (the slot's row lock first, as holdSlot takes it). */
export async function releaseHold(db: Database, holdToken: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [hold] = await tx
      .select({ slotId: schema.appointmentHolds.slotId })
      .from(schema.appointmentHolds)
      .where(eq(schema.appointmentHolds.tokenHash, hashToken(holdToken)));
    if (!hold) return false;
    await tx.select({ id: schema.appointmentSlots.id }).from(schema.appointmentSlots).where(eq(schema.appointmentSlots.id, hold.slotId)).for("update");
    const gone = await tx
      .delete(schema.appointmentHolds)
      .where(eq(schema.appointmentHolds.tokenHash, hashToken(holdToken)))
      .returning({ id: schema.appointmentHolds.id });
    if (gone.length === 0) return false;
    await tx
      .update(schema.appointmentSlots)
      .set({ taken: sql`${schema.appointmentSlots.taken} - 1` })
      .where(eq(schema.appointmentSlots.id, hold.slotId));
    return true;
  });
}

/** A hold with its slot, locked for the rest of the transaction, or undefined. */
export async function lockHold(tx: Tx, holdToken: string) {
  const [hold] = await tx
    .select({
      id: schema.appointmentHolds.id,
      slotId: schema.appointmentHolds.slotId,
      expiresAt: schema.appointmentHolds.expiresAt,
      serviceId: schema.appointmentSlots.serviceId,
      startsAt: schema.appointmentSlots.startsAt,
    })
    .from(schema.appointmentHolds)
    .innerJoin(schema.appointmentSlots, eq(schema.appointmentSlots.id, schema.appointmentHolds.slotId))
    .where(eq(schema.appointmentHolds.tokenHash, hashToken(holdToken)))
    .for("update", { of: schema.appointmentHolds });
  return hold;
}

/** Releases every expired hold (run periodically; holds are also released lazily per slot). */
export async function sweepExpiredHolds(db: Database, now: Date): Promise<number> {
  const expired = await db
    .select({ slotId: schema.appointmentHolds.slotId })
    .from(schema.appointmentHolds)
    .where(lt(schema.appointmentHolds.expiresAt, now))
    .orderBy(asc(schema.appointmentHolds.slotId));
  const slotIds = [...new Set(expired.map((h) => h.slotId))];
  for (const slotId of slotIds) {
    await db.transaction(async (tx) => {
      await tx.select({ id: schema.appointmentSlots.id }).from(schema.appointmentSlots).where(eq(schema.appointmentSlots.id, slotId)).for("update");
      await releaseExpired(tx, slotId, now);
    });
  }
  return expired.length;
}
