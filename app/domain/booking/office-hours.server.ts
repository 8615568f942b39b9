// The office's settings that shape booking: opening hours per unit and weekday, slot settings per
// service, and closures of a day. A closure with people booked on that day cancels their
// appointments and tells each of them, in one transaction with the closure itself.
import { and, asc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "~/lib/db.server";
import type { Translated } from "~/lib/i18n/languages";
import * as t from "../../../db/schema";
import { type Message, queueMessage } from "../messages/outbox.server";
import type { HoursRange, SlotSettings } from "./office-schemas";
import { officeTimeZone } from "./service-point.server";
import { addDays, dayIn, zonedTimeToUtc } from "./slots";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type UnitOption = { id: string; name: Translated; kind: string };

export async function listUnits(db: Database): Promise<UnitOption[]> {
  return db.select({ id: t.units.id, name: t.units.name, kind: t.units.kind }).from(t.units).orderBy(asc(t.units.sort), asc(t.units.id));
}

export type HoursRow = { weekday: number; opens: string; closes: string; counters: number };

/** The opening hours of a unit (null: the building's public hours), by weekday and time. */
export async function openingHoursOf(db: Database, unitId: string | null): Promise<HoursRow[]> {
  return db
    .select({ weekday: t.openingHours.weekday, opens: t.openingHours.opens, closes: t.openingHours.closes, counters: t.openingHours.counters })
    .from(t.openingHours)
    .where(unitId === null ? isNull(t.openingHours.unitId) : eq(t.openingHours.unitId, unitId))
    .orderBy(asc(t.openingHours.weekday), asc(t.openingHours.opens));
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
        ? await tx.select({ id: t.office.id }).from(t.office).for("update")
        : await tx.select({ id: t.units.id }).from(t.units).where(eq(t.units.id, unitId)).for("update");
    if (lock.length === 0) return { ok: false, reason: "unknown-unit" } as const;
    const scope = unitId === null ? isNull(t.openingHours.unitId) : eq(t.openingHours.unitId, unitId);
    await tx.delete(t.openingHours).where(and(scope, eq(t.openingHours.weekday, weekday)));
    if (ranges.length > 0) {
      await tx.insert(t.openingHours).values(ranges.map((r) => ({ unitId, weekday, opens: r.opens, closes: r.closes, counters: r.counters })));
    }
    return { ok: true } as const;
  });
}

export type ServiceSlotSettings = SlotSettings & { serviceName: Translated; unitId: string; unitName: Translated };

/** Slot settings of every service that takes appointments. */
export async function listSlotSettings(db: Database): Promise<ServiceSlotSettings[]> {
  const rows = await db
    .select({
      serviceId: t.slotCapacities.serviceId,
      serviceName: t.services.name,
      unitId: t.slotCapacities.unitId,
      unitName: t.units.name,
      slotMinutes: t.slotCapacities.slotMinutes,
      parallel: t.slotCapacities.parallel,
      horizonDays: t.slotCapacities.bookingHorizonDays,
      minLeadHours: t.slotCapacities.minLeadHours,
      releaseMode: t.slotCapacities.releaseMode,
      lotteryLeadDays: t.slotCapacities.lotteryLeadDays,
      lotteryWindowHours: t.slotCapacities.lotteryWindowHours,
      lotteryUrgentSharePercent: t.slotCapacities.lotteryUrgentSharePercent,
      lotteryUrgentDays: t.slotCapacities.lotteryUrgentDays,
    })
    .from(t.slotCapacities)
    .innerJoin(t.services, eq(t.services.id, t.slotCapacities.serviceId))
    .innerJoin(t.units, eq(t.units.id, t.slotCapacities.unitId))
    .orderBy(asc(t.services.sort), asc(t.services.id));
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
      .update(t.slotCapacities)
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
      .where(eq(t.slotCapacities.serviceId, settings.serviceId))
      .returning({ serviceId: t.slotCapacities.serviceId });
    if (!updated) return { ok: false, reason: "unknown-service" } as const;
    const slots = await tx
      .update(t.appointmentSlots)
      .set({ capacity: sql`GREATEST(${t.appointmentSlots.taken}, ${settings.parallel})` })
      .where(and(eq(t.appointmentSlots.serviceId, settings.serviceId), gte(t.appointmentSlots.startsAt, now)))
      .returning({ id: t.appointmentSlots.id });
    return { ok: true, slotsUpdated: slots.length } as const;
  });
}

export type ClosureView = { id: number; day: string; unitId: string | null; unitName: Translated | null; note: string };

/** Closures from today on, in day order (the whole office first on a day). */
export async function upcomingClosures(db: Database, now: Date): Promise<ClosureView[]> {
  const today = dayIn(now, await officeTimeZone(db));
  return db
    .select({ id: t.closures.id, day: t.closures.day, unitId: t.closures.unitId, unitName: t.units.name, note: t.closures.note })
    .from(t.closures)
    .leftJoin(t.units, eq(t.units.id, t.closures.unitId))
    .where(gte(t.closures.day, today))
    .orderBy(asc(t.closures.day), sql`${t.closures.unitId} NULLS FIRST`);
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
  const conditions = [gte(t.appointmentSlots.startsAt, from), lt(t.appointmentSlots.startsAt, to)];
  if (unitId !== null) conditions.push(eq(t.appointmentSlots.unitId, unitId));
  return and(...conditions)!;
}

/** How many people are booked on a day (for a unit, or in the whole office). */
export async function bookedOn(db: Database, day: string, unitId: string | null): Promise<number> {
  const timeZone = await officeTimeZone(db);
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(t.appointments)
    .innerJoin(t.appointmentSlots, eq(t.appointmentSlots.id, t.appointments.slotId))
    .where(and(appointmentsOfDay(day, unitId, timeZone), eq(t.appointments.status, "booked")));
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
    const [unit] = await db.select({ id: t.units.id }).from(t.units).where(eq(t.units.id, input.unitId));
    if (!unit) return { ok: false, reason: "unknown-unit" };
  }
  if (input.confirmed === undefined) {
    const booked = await bookedOn(db, input.day, input.unitId);
    if (booked > 0) return { ok: false, reason: "confirm", booked };
  }
  try {
    return await db.transaction(async (tx) => {
      const [closure] = await tx
        .insert(t.closures)
        .values({ day: input.day, unitId: input.unitId, note: input.note })
        .onConflictDoNothing()
        .returning({ id: t.closures.id });
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
    .select({ id: t.appointments.id })
    .from(t.appointments)
    .innerJoin(t.appointmentSlots, eq(t.appointmentSlots.id, t.appointments.slotId))
    .where(and(appointmentsOfDay(day, unitId, timeZone), eq(t.appointments.status, "booked")))
    .orderBy(asc(t.appointments.id))
    .for("update", { of: t.appointments });
  const slots = await tx
    .select({ id: t.appointmentSlots.id })
    .from(t.appointmentSlots)
    .where(appointmentsOfDay(day, unitId, timeZone))
    .orderBy(asc(t.appointmentSlots.id))
    .for("update");
  if (slots.length === 0) return 0;
  const slotIds = slots.map((s) => s.id);
  const holds = await tx.delete(t.appointmentHolds).where(inArray(t.appointmentHolds.slotId, slotIds)).returning({ slotId: t.appointmentHolds.slotId });
  const cancelled = await tx
    .update(t.appointments)
    .set({ status: "cancelled", cancelledAt: now })
    .where(and(inArray(t.appointments.slotId, slotIds), eq(t.appointments.status, "booked")))
    .returning({ id: t.appointments.id, slotId: t.appointments.slotId });
  const freed = new Map<number, number>();
  for (const { slotId } of [...holds, ...cancelled]) freed.set(slotId, (freed.get(slotId) ?? 0) + 1);
  for (const [slotId, n] of freed) {
    await tx
      .update(t.appointmentSlots)
      .set({ taken: sql`${t.appointmentSlots.taken} - ${n}` })
      .where(eq(t.appointmentSlots.id, slotId));
  }
  if (cancelled.length === 0) return 0;
  const people = await tx
    .select({
      id: t.appointments.id,
      code: t.appointments.code,
      name: t.appointments.name,
      email: t.appointments.email,
      phone: t.appointments.phone,
      language: t.appointments.language,
      serviceId: t.appointments.serviceId,
      serviceName: t.services.name,
      startsAt: t.appointmentSlots.startsAt,
    })
    .from(t.appointments)
    .innerJoin(t.appointmentSlots, eq(t.appointmentSlots.id, t.appointments.slotId))
    .innerJoin(t.services, eq(t.services.id, t.appointments.serviceId))
    .where(inArray(t.appointments.id, cancelled.map((c) => c.id)))
    .orderBy(asc(t.appointments.id));
  for (const person of people) await queueMessage(tx, message({ ...person, timeZone }));
  return cancelled.length;
}

/** Removes a closure of today or later (appointments cancelled by it stay cancelled). */
export async function removeClosure(db: Database, closureId: number, now: Date): Promise<{ ok: true } | { ok: false; reason: "not-found" | "past" }> {
  const today = dayIn(now, await officeTimeZone(db));
  const [row] = await db.select({ day: t.closures.day }).from(t.closures).where(eq(t.closures.id, closureId));
  if (!row) return { ok: false, reason: "not-found" };
  if (row.day < today) return { ok: false, reason: "past" };
  const gone = await db
    .delete(t.closures)
    .where(and(eq(t.closures.id, closureId), gte(t.closures.day, today)))
    .returning({ id: t.closures.id });
  return gone.length > 0 ? { ok: true } : { ok: false, reason: "not-found" };
}
