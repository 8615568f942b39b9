// The office's settings that shape booking: opening hours per unit and weekday, slot settings per
// service, and closures of a day. A closure with people booked on that day cancels their
// appointments and tells each of them, in one transaction with the closure itself.
import { and, asc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Database, Tx } from "#app/lib/db.server";
import type { Translated } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";
import { type Message, queueMessage } from "#app/domain/messages/outbox.server";
import type { HoursRange, SlotSettings } from "./office-schemas";
import { officeTimeZone } from "./service-point.server";
import { addDays, dayIn, zonedTimeToUtc } from "./slots";

export type UnitOption = { id: string; name: Translated; kind: string };

export async function listUnits(db: Database): Promise<UnitOption[]> {
  return db.select({ id: schema.units.id, name: schema.units.name, kind: schema.units.kind }).from(schema.units).orderBy(asc(schema.units.sort), asc(schema.units.id));
}

export type HoursRow = { weekday: number; opens: string; closes: string; counters: number };

/** The opening hours of a unit (null: the building's public hours), by weekday and time. */
export async function openingHoursOf(db: Database, unitId: string | null): Promise<HoursRow[]> {
  return db
    .select({ weekday: schema.openingHours.weekday, opens: schema.openingHours.opens, closes: schema.openingHours.closes, counters: schema.openingHours.counters })
    .from(schema.openingHours)
    .where(unitId === null ? isNull(schema.openingHours.unitId) : eq(schema.openingHours.unitId, unitId))
    .orderBy(asc(schema.openingHours.weekday), asc(schema.openingHours.opens));
}

/**
 * Replaces one weekday's ranges of a unit (null: the building) in one transaction. The ranges
 * are validated by hoursSchema; the database checks order and counters again. Two people
 * editing the same unit at once are serialised by the unit's (or the office's) row lock.
 */
export async function setWeekdayHours(
  db: Database,
  unitId: string | null,
  weekday: number,
  ranges: HoursRange[],
): Promise<{ ok: true } | { ok: false; reason: "unknown-unit" }> {
  return db.transaction(async (tx) => {
    const lock =
      unitId === null
        ? await tx.select({ id: schema.office.id }).from(schema.office).for("update")
        : await tx.select({ id: schema.units.id }).from(schema.units).where(eq(schema.units.id, unitId)).for("update");
    if (lock.length === 0) return { ok: false, reason: "unknown-unit" } as const;
    const scope = unitId === null ? isNull(schema.openingHours.unitId) : eq(schema.openingHours.unitId, unitId);
    await tx.delete(schema.openingHours).where(and(scope, eq(schema.openingHours.weekday, weekday)));
    if (ranges.length > 0) {
      await tx.insert(schema.openingHours).values(ranges.map((r) => ({ unitId, weekday, opens: r.opens, closes: r.closes, counters: r.counters })));
    }
    return { ok: true } as const;
  });
}

export type ServiceSlotSettings = SlotSettings & { serviceName: Translated; unitId: string; unitName: Translated };

/** Slot settings of every service that takes appointments. */
export async function listSlotSettings(db: Database): Promise<ServiceSlotSettings[]> {
  const rows = await db
    .select({
      serviceId: schema.slotCapacities.serviceId,
      serviceName: schema.services.name,
      unitId: schema.slotCapacities.unitId,
      unitName: schema.units.name,
      slotMinutes: schema.slotCapacities.slotMinutes,
      parallel: schema.slotCapacities.parallel,
      horizonDays: schema.slotCapacities.bookingHorizonDays,
      minLeadHours: schema.slotCapacities.minLeadHours,
      releaseMode: schema.slotCapacities.releaseMode,
      lotteryLeadDays: schema.slotCapacities.lotteryLeadDays,
      lotteryWindowHours: schema.slotCapacities.lotteryWindowHours,
      lotteryUrgentSharePercent: schema.slotCapacities.lotteryUrgentSharePercent,
      lotteryUrgentDays: schema.slotCapacities.lotteryUrgentDays,
    })
    .from(schema.slotCapacities)
    .innerJoin(schema.services, eq(schema.services.id, schema.slotCapacities.serviceId))
    .innerJoin(schema.units, eq(schema.units.id, schema.slotCapacities.unitId))
    .orderBy(asc(schema.services.sort), asc(schema.services.id));
  return rows.map((r) => ({ ...r, releaseMode: r.releaseMode === "lottery" ? "lottery" : "first_come" }));
}

/**
 * Changes a service's slot settings. Future slots that already exist take the new number of
 * parallel places, but never fewer than are taken: nobody booked loses their place, and the
 * CHECK taken <= capacity holds.
 */
export async function updateSlotSettings(
  db: Database,
  settings: SlotSettings,
  now: Date,
): Promise<{ ok: true; slotsUpdated: number } | { ok: false; reason: "unknown-service" }> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(schema.slotCapacities)
      .set({
        slotMinutes: settings.slotMinutes,
        parallel: settings.parallel,
        bookingHorizonDays: settings.horizonDays,
        minLeadHours: settings.minLeadHours,
        releaseMode: settings.releaseMode,
        lotteryLeadDays: settings.lotteryLeadDays,
        lotteryWindowHours: settings.lotteryWindowHours,
        lotteryUrgentSharePercent: settings.lotteryUrgentSharePercent,
        lotteryUrgentDays: settings.lotteryUrgentDays,
      })
      .where(eq(schema.slotCapacities.serviceId, settings.serviceId))
      .returning({ serviceId: schema.slotCapacities.serviceId });
    if (!updated) return { ok: false, reason: "unknown-service" } as const;
    const slots = await tx
      .update(schema.appointmentSlots)
      .set({ capacity: sql`GREATEST(${schema.appointmentSlots.taken}, ${settings.parallel})` })
      .where(and(eq(schema.appointmentSlots.serviceId, settings.serviceId), gte(schema.appointmentSlots.startsAt, now)))
      .returning({ id: schema.appointmentSlots.id });
    return { ok: true, slotsUpdated: slots.length } as const;
  });
}

export type ClosureView = { id: number; day: string; unitId: string | null; unitName: Translated | null; note: string };

/** Closures from today on, in day order (the whole office first on a day). */
export async function upcomingClosures(db: Database, now: Date): Promise<ClosureView[]> {
  const today = dayIn(now, await officeTimeZone(db));
  return db
    .select({ id: schema.closures.id, day: schema.closures.day, unitId: schema.closures.unitId, unitName: schema.units.name, note: schema.closures.note })
    .from(schema.closures)
    .leftJoin(schema.units, eq(schema.units.id, schema.closures.unitId))
    .where(gte(schema.closures.day, today))
    .orderBy(asc(schema.closures.day), sql`${schema.closures.unitId} NULLS FIRST`);
}

/** What a closure message needs to know about a cancelled appointment. */
export type CancelledAppointment = {
  id: number;
  code: string;
  name: string;
  email: string | null;
  phone: string | null;
  language: string;
  serviceId: string;
  serviceName: Translated;
  startsAt: Date;
  timeZone: string;
};

export type ClosureResult =
  | { ok: true; closureId: number; cancelled: number }
  | { ok: false; reason: "past" | "exists" | "unknown-unit" }
  /** People are booked that day: ask the staff member first. */
  | { ok: false; reason: "confirm"; booked: number };

function appointmentsOfDay(day: string, unitId: string | null, timeZone: string) {
  const from = zonedTimeToUtc(day, "00:00", timeZone);
  const to = zonedTimeToUtc(addDays(day, 1), "00:00", timeZone);
  const conditions = [gte(schema.appointmentSlots.startsAt, from), lt(schema.appointmentSlots.startsAt, to)];
  if (unitId !== null) conditions.push(eq(schema.appointmentSlots.unitId, unitId));
  return and(...conditions)!;
}

/** How many people are booked on a day (for a unit, or in the whole office). */
export async function bookedOn(db: Database, day: string, unitId: string | null): Promise<number> {
  const timeZone = await officeTimeZone(db);
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(schema.appointments)
    .innerJoin(schema.appointmentSlots, eq(schema.appointmentSlots.id, schema.appointments.slotId))
    .where(and(appointmentsOfDay(day, unitId, timeZone), eq(schema.appointments.status, "booked")));
  return row?.n ?? 0;
}

/**
 * Closes a day for the whole office (unitId null) or one unit. If people are booked that day and
 * `confirmed` is not given, nothing changes and the number is returned for a confirmation.
 * Confirmed, in ONE transaction: the closure, each booked appointment cancelled with its place
 * given back, live holds on that day's times released (a half-finished booking cannot complete
 * on a closed day), and a message to each person in their language. A person who booked
 * between the confirmation and the confirmed request is cancelled and told as well.
 */
export async function addClosure(
  db: Database,
  input: { day: string; unitId: string | null; note: string; confirmed?: number | undefined },
  now: Date,
  message: (appointment: CancelledAppointment) => Message,
): Promise<ClosureResult> {
  const timeZone = await officeTimeZone(db);
  if (input.day < dayIn(now, timeZone)) return { ok: false, reason: "past" };
  if (input.unitId !== null) {
    const [unit] = await db.select({ id: schema.units.id }).from(schema.units).where(eq(schema.units.id, input.unitId));
    if (!unit) return { ok: false, reason: "unknown-unit" };
  }
  if (input.confirmed === undefined) {
    const booked = await bookedOn(db, input.day, input.unitId);
    if (booked > 0) return { ok: false, reason: "confirm", booked };
  }
  try {
    return await db.transaction(async (tx) => {
      const [closure] = await tx
        .insert(schema.closures)
        .values({ day: input.day, unitId: input.unitId, note: input.note })
        .onConflictDoNothing()
        .returning({ id: schema.closures.id });
      if (!closure) return { ok: false, reason: "exists" } as const;
      const cancelled = await cancelDay(tx, input.day, input.unitId, timeZone, now, message);
      return { ok: true, closureId: closure.id, cancelled } as const;
    });
  } catch (error) {
    // A concurrent request closed the same day first (closures_day_unit).
    if ((error as { code?: string; cause?: { code?: string } }).code === "23505" || (error as { cause?: { code?: string } }).cause?.code === "23505") {
      return { ok: false, reason: "exists" };
    }
    throw error;
  }
}

async function cancelDay(
  tx: Tx,
  day: string,
  unitId: string | null,
  timeZone: string,
  now: Date,
  message: (appointment: CancelledAppointment) => Message,
): Promise<number> {
  // Locks in the order cancelBooking takes them (appointment, then slot), so that the two cannot
  // deadlock; the slot locks keep new holds off these times until the closure is committed.
  await tx
    .select({ id: schema.appointments.id })
    .from(schema.appointments)
    .innerJoin(schema.appointmentSlots, eq(schema.appointmentSlots.id, schema.appointments.slotId))
    .where(and(appointmentsOfDay(day, unitId, timeZone), eq(schema.appointments.status, "booked")))
    .orderBy(asc(schema.appointments.id))
    .for("update", { of: schema.appointments });
  const slots = await tx
    .select({ id: schema.appointmentSlots.id })
    .from(schema.appointmentSlots)
    .where(appointmentsOfDay(day, unitId, timeZone))
    .orderBy(asc(schema.appointmentSlots.id))
    .for("update");
  if (slots.length === 0) return 0;
  const slotIds = slots.map((s) => s.id);
  const holds = await tx.delete(schema.appointmentHolds).where(inArray(schema.appointmentHolds.slotId, slotIds)).returning({ slotId: schema.appointmentHolds.slotId });
  const cancelled = await tx
    .update(schema.appointments)
    .set({ status: "cancelled", cancelledAt: now })
    .where(and(inArray(schema.appointments.slotId, slotIds), eq(schema.appointments.status, "booked")))
    .returning({ id: schema.appointments.id, slotId: schema.appointments.slotId });
  const freed = new Map<number, number>();
  for (const { slotId } of [...holds, ...cancelled]) freed.set(slotId, (freed.get(slotId) ?? 0) + 1);
  for (const [slotId, n] of freed) {
    await tx
      .update(schema.appointmentSlots)
      .set({ taken: sql`${schema.appointmentSlots.taken} - ${n}` })
      .where(eq(schema.appointmentSlots.id, slotId));
  }
  if (cancelled.length === 0) return 0;
  const people = await tx
    .select({
      id: schema.appointments.id,
      code: schema.appointments.code,
      name: schema.appointments.name,
      email: schema.appointments.email,
      phone: schema.appointments.phone,
      language: schema.appointments.language,
      serviceId: schema.appointments.serviceId,
      serviceName: schema.services.name,
      startsAt: schema.appointmentSlots.startsAt,
    })
    .from(schema.appointments)
    .innerJoin(schema.appointmentSlots, eq(schema.appointmentSlots.id, schema.appointments.slotId))
    .innerJoin(schema.services, eq(schema.services.id, schema.appointments.serviceId))
    .where(
      inArray(
        schema.appointments.id,
        cancelled.map((c) => c.id),
      ),
    )
    .orderBy(asc(schema.appointments.id));
  for (const person of people) await queueMessage(tx, message({ ...person, timeZone }));
  return cancelled.length;
}

/** Removes a closure of today or later (appointments cancelled by it stay cancelled). */
export async function removeClosure(db: Database, closureId: number, now: Date): Promise<{ ok: true } | { ok: false; reason: "not-found" | "past" }> {
  const today = dayIn(now, await officeTimeZone(db));
  const [row] = await db.select({ day: schema.closures.day }).from(schema.closures).where(eq(schema.closures.id, closureId));
  if (!row) return { ok: false, reason: "not-found" };
  if (row.day < today) return { ok: false, reason: "past" };
  const gone = await db
    .delete(schema.closures)
    .where(and(eq(schema.closures.id, closureId), gte(schema.closures.day, today)))
    .returning({ id: schema.closures.id });
  return gone.length > 0 ? { ok: true } : { ok: false, reason: "not-found" };
}
