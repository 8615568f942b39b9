// A service's booking configuration (slot rules, opening hours, closed days, release mode) and
// the free places it yields per day.
import { and, eq, gte, isNull, lt, or, sql } from "drizzle-orm";
import { cachedConfig } from "#app/lib/config-cache.server";
import type { AppContext } from "#app/lib/context";
import type { Database, Queryable } from "#app/lib/db.server";
import * as schema from "#db/schema";
import { addDays, type ClosedDays, dayIn, type OpeningRange, type SlotRules, slotsForDay } from "./slots";

export type BookingConfig = {
  serviceId: string;
  unitId: string;
  appointment: string;
  rules: SlotRules;
  hours: OpeningRange[];
  /** Public holidays, closures of the office or the unit, and (in lottery mode) days not yet drawn. */
  holidays: ClosedDays;
  releaseMode: "first_come" | "lottery";
  lottery: { leadDays: number; windowHours: number; urgentSharePercent: number; urgentDays: number };
};

/** bookingConfig from the configuration kept in memory while it is current (see config-cache). */
export function bookingConfigFor(app: AppContext, serviceId: string): Promise<BookingConfig | null> {
  return cachedConfig(app, `booking:${serviceId}`, () => bookingConfig(app.db, serviceId));
}

/**
 * Everything needed to compute a service's slots, or null if it takes no bookings. `forDraw`
 * leaves out the lottery restriction (the draw itself allocates days not yet released).
 */
export async function bookingConfig(db: Queryable, serviceId: string, options: { forDraw?: boolean } = {}): Promise<BookingConfig | null> {
  const [row] = await db
    .select({
      appointment: schema.services.appointment,
      unitId: schema.slotCapacities.unitId,
      slotMinutes: schema.slotCapacities.slotMinutes,
      parallel: schema.slotCapacities.parallel,
      minLeadHours: schema.slotCapacities.minLeadHours,
      bookingHorizonDays: schema.slotCapacities.bookingHorizonDays,
      releaseMode: schema.slotCapacities.releaseMode,
      lotteryLeadDays: schema.slotCapacities.lotteryLeadDays,
      lotteryWindowHours: schema.slotCapacities.lotteryWindowHours,
      lotteryUrgentSharePercent: schema.slotCapacities.lotteryUrgentSharePercent,
      lotteryUrgentDays: schema.slotCapacities.lotteryUrgentDays,
      timeZone: schema.office.timeZone,
    })
    .from(schema.services)
    .innerJoin(schema.slotCapacities, eq(schema.slotCapacities.serviceId, schema.services.id))
    .innerJoin(schema.office, eq(schema.office.id, 1))
    .where(and(eq(schema.services.id, serviceId), eq(schema.services.active, true)));
  if (!row || row.appointment === "none") return null;
  const lottery = row.releaseMode === "lottery";
  const [hours, holidayRows, closureRows, drawnRounds] = await Promise.all([
    db
      .select({ weekday: schema.openingHours.weekday, opens: schema.openingHours.opens, closes: schema.openingHours.closes })
      .from(schema.openingHours)
      .where(eq(schema.openingHours.unitId, row.unitId)),
    db.select({ day: schema.holidays.day }).from(schema.holidays),
    db
      .select({ day: schema.closures.day })
      .from(schema.closures)
      .where(or(isNull(schema.closures.unitId), eq(schema.closures.unitId, row.unitId))),
    // In lottery mode the calendar only offers what is left over after a round's draw.
    lottery && !options.forDraw
      ? db
          .select({ from: schema.releaseRounds.slotsFrom, to: schema.releaseRounds.slotsTo })
          .from(schema.releaseRounds)
          .where(and(eq(schema.releaseRounds.serviceId, serviceId), eq(schema.releaseRounds.status, "drawn")))
      : Promise.resolve([]),
  ]);
  const closed = new Set([...holidayRows.map((h) => h.day), ...closureRows.map((c) => c.day)]);
  const released = (day: string) => drawnRounds.some((r) => r.from <= day && day <= r.to);
  return {
    serviceId,
    unitId: row.unitId,
    appointment: row.appointment,
    rules: {
      timeZone: row.timeZone,
      slotMinutes: row.slotMinutes,
      capacity: row.parallel,
      minLeadHours: row.minLeadHours,
      bookingHorizonDays: row.bookingHorizonDays,
    },
    hours,
    holidays: { has: (day) => closed.has(day) || (lottery && !options.forDraw && !released(day)) },
    releaseMode: lottery ? "lottery" : "first_come",
    lottery: {
      leadDays: row.lotteryLeadDays,
      windowHours: row.lotteryWindowHours,
      urgentSharePercent: row.lotteryUrgentSharePercent,
      urgentDays: row.lotteryUrgentDays,
    },
  };
}

export type SlotAvailability = { startsAt: Date; endsAt: Date; free: number };

/** The slots of a day with how many places are free (holds that have expired count as free). */
export async function availabilityOfDay(db: Database, config: BookingConfig, day: string, now: Date): Promise<SlotAvailability[]> {
  const candidates = slotsForDay(day, config.hours, config.holidays, config.rules, now);
  if (candidates.length === 0) return [];
  const taken = await takenBetween(db, config.serviceId, candidates[0]!.startsAt, candidates.at(-1)!.endsAt, now);
  return withFreePlaces(config, candidates, taken);
}

/** The day's slots with their free places, from places taken per slot start (ms) read elsewhere. */
export function availabilityFrom(config: BookingConfig, day: string, now: Date, taken: Map<number, number>): SlotAvailability[] {
  return withFreePlaces(config, slotsForDay(day, config.hours, config.holidays, config.rules, now), taken);
}

function withFreePlaces(config: BookingConfig, candidates: { startsAt: Date; endsAt: Date }[], taken: Map<number, number>): SlotAvailability[] {
  return candidates.map((c) => ({ ...c, free: Math.max(0, config.rules.capacity - (taken.get(c.startsAt.getTime()) ?? 0)) }));
}

/** Days from today to the horizon that have at least one free slot. */
export async function daysWithFreeSlots(db: Database, config: BookingConfig, now: Date): Promise<Set<string>> {
  const today = dayIn(now, config.rules.timeZone);
  const days = Array.from({ length: config.rules.bookingHorizonDays + 1 }, (_, i) => addDays(today, i));
  const perDay = days.map((day) => ({ day, slots: slotsForDay(day, config.hours, config.holidays, config.rules, now) }));
  const all = perDay.flatMap((d) => d.slots);
  if (all.length === 0) return new Set();
  const taken = await takenBetween(db, config.serviceId, all[0]!.startsAt, all.at(-1)!.endsAt, now);
  return new Set(perDay.filter(({ slots }) => slots.some((s) => (taken.get(s.startsAt.getTime()) ?? 0) < config.rules.capacity)).map((d) => d.day));
}

async function takenBetween(db: Database, serviceId: string, from: Date, to: Date, now: Date): Promise<Map<number, number>> {
  // taken minus holds that have expired but are not swept yet
  const rows = await db
    .select({
      startsAt: schema.appointmentSlots.startsAt,
      taken: sql<number>`"appointment_slots"."taken" - (select count(*) from "appointment_holds" h where h.slot_id = "appointment_slots"."id" and h.expires_at <= ${now.toISOString()})::int`,
    })
    .from(schema.appointmentSlots)
    .where(and(eq(schema.appointmentSlots.serviceId, serviceId), gte(schema.appointmentSlots.startsAt, from), lt(schema.appointmentSlots.startsAt, to)));
  return new Map(rows.map((r) => [r.startsAt.getTime(), Number(r.taken)]));
}
