// The service point's day: today's appointments per unit, check-in with a ticket number,
// calling a ticket to a counter, done and no-show, and the waiting-room display. "Today" is
// always the office's calendar day in its time zone.
import { and, asc, desc, eq, gte, isNotNull, lt, ne, sql } from "drizzle-orm";
import type { Database, Tx } from "#app/lib/db.server";
import type { Translated } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";
import { addDays, dayIn, isoWeekday, zonedTimeToUtc } from "./slots";

/** A booked person may be marked as not having come only this long after their time began. */
export const NO_SHOW_GRACE_MINUTES = 15;
/** How many called tickets the waiting-room display shows. */
export const DISPLAY_SIZE = 8;

export async function officeTimeZone(db: Pick<Database, "select">): Promise<string> {
  const [row] = await db.select({ timeZone: schema.office.timeZone }).from(schema.office).limit(1);
  return row?.timeZone ?? "Europe/Berlin";
}

/** The office day of an instant, with its bounds as instants. */
export function officeDay(now: Date, timeZone: string): { day: string; from: Date; to: Date } {
  const day = dayIn(now, timeZone);
  return { day, from: zonedTimeToUtc(day, "00:00", timeZone), to: zonedTimeToUtc(addDays(day, 1), "00:00", timeZone) };
}

// Booking codes use the alphabet of newBookingCode (booking.server.ts): no 0/O, 1/I/L, 5/S, 2/Z, 8/B.
const CODE = /^[ACDEFGHJKMNPQRTUVWXY34679]{4}-[ACDEFGHJKMNPQRTUVWXY34679]{4}$/;

/**
 * A typed or scanned booking code in its stored form ("ACDE-FGHJ"), or null if it cannot be one.
 * Accepts lower case, spaces and a missing or different dash. A hand-held QR scanner acts as a
 * keyboard: set to a US layout on a German keyboard it types "ß" for "-" and "Z" for "Y"
 * (QWERTZ). Z is not in the code alphabet, so reading it as Y is unambiguous.
 */
export function normaliseCode(input: string): string | null {
  const compact = input
    .replace(/ß/g, "-")
    .toUpperCase()
    .replace(/[\s\-‐‑–—_/.]/g, "")
    .replace(/Z/g, "Y");
  if (compact.length !== 8) return null;
  const code = `${compact.slice(0, 4)}-${compact.slice(4)}`;
  return CODE.test(code) ? code : null;
}

export type DayAppointment = {
  id: number;
  startsAt: Date;
  serviceId: string;
  serviceName: Translated;
  name: string;
  code: string;
  status: "booked" | "checked_in" | "no_show" | "completed";
  ticket: number | null;
  calledCounter: number | null;
  calledAt: Date | null;
  /** Whether the person may be marked as not having come (the grace time has passed). */
  noShowAllowed: boolean;
};

export type UnitDay = {
  unitId: string;
  unitName: Translated;
  /** Counters the unit has open today (at least 1, so that a ticket can always be called). */
  counters: number;
  appointments: DayAppointment[];
};

/** Today's appointments (not cancelled), grouped by the unit where they take place, in time order. */
export async function todaysAppointments(db: Database, now: Date, unitId?: string): Promise<{ day: string; timeZone: string; units: UnitDay[] }> {
  const timeZone = await officeTimeZone(db);
  const { day, from, to } = officeDay(now, timeZone);
  const conditions = [gte(schema.appointmentSlots.startsAt, from), lt(schema.appointmentSlots.startsAt, to), ne(schema.appointments.status, "cancelled")];
  if (unitId) conditions.push(eq(schema.appointmentSlots.unitId, unitId));
  const [rows, counters] = await Promise.all([
    db
      .select({
        id: schema.appointments.id,
        startsAt: schema.appointmentSlots.startsAt,
        unitId: schema.appointmentSlots.unitId,
        unitName: schema.units.name,
        unitSort: schema.units.sort,
        serviceId: schema.appointments.serviceId,
        serviceName: schema.services.name,
        name: schema.appointments.name,
        code: schema.appointments.code,
        status: schema.appointments.status,
        ticket: schema.appointments.ticket,
        calledCounter: schema.appointments.calledCounter,
        calledAt: schema.appointments.calledAt,
      })
      .from(schema.appointments)
      .innerJoin(schema.appointmentSlots, eq(schema.appointmentSlots.id, schema.appointments.slotId))
      .innerJoin(schema.units, eq(schema.units.id, schema.appointmentSlots.unitId))
      .innerJoin(schema.services, eq(schema.services.id, schema.appointments.serviceId))
      .where(and(...conditions))
      .orderBy(asc(schema.units.sort), asc(schema.units.id), asc(schema.appointmentSlots.startsAt), asc(schema.appointments.id)),
    countersOn(db, day),
  ]);
  const units: UnitDay[] = [];
  for (const row of rows) {
    let unit = units.at(-1);
    if (!unit || unit.unitId !== row.unitId) {
      unit = { unitId: row.unitId, unitName: row.unitName, counters: counters.get(row.unitId) ?? 1, appointments: [] };
      units.push(unit);
    }
    unit.appointments.push({
      id: row.id,
      startsAt: row.startsAt,
      serviceId: row.serviceId,
      serviceName: row.serviceName,
      name: row.name,
      code: row.code,
      status: row.status as DayAppointment["status"],
      ticket: row.ticket,
      calledCounter: row.calledCounter,
      calledAt: row.calledAt,
      noShowAllowed: row.status === "booked" && noShowFrom(row.startsAt) <= now,
    });
  }
  return { day, timeZone, units };
}

/** The most counters each unit has open on a day (from its opening hours for that weekday). */
export async function countersOn(db: Database, day: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ unitId: schema.openingHours.unitId, counters: sql<number>`max(${schema.openingHours.counters})`.mapWith(Number) })
    .from(schema.openingHours)
    .where(and(eq(schema.openingHours.weekday, isoWeekday(day)), isNotNull(schema.openingHours.unitId)))
    .groupBy(schema.openingHours.unitId);
  return new Map(rows.map((r) => [r.unitId!, Math.max(1, r.counters)]));
}

export function noShowFrom(startsAt: Date): Date {
  return new Date(startsAt.getTime() + NO_SHOW_GRACE_MINUTES * 60_000);
}

export type CheckInResult =
  | { ok: true; appointmentId: number; ticket: number; name: string; code: string }
  | { ok: false; reason: "invalid" | "unknown" | "cancelled" | "no-show" }
  | { ok: false; reason: "not-today"; day: string }
  | { ok: false; reason: "already"; ticket: number; code: string };

/**
 * Checks a person in by their booking code: only a booked appointment of today. The ticket is
 * the next number of the office day, taken under the day counter's row lock (the upsert), and
 * the unique (ticket_day, ticket) constraint makes a duplicate impossible even so.
 */
export async function checkIn(db: Database, input: string, now: Date): Promise<CheckInResult> {
  const code = normaliseCode(input);
  if (!code) return { ok: false, reason: "invalid" };
  const timeZone = await officeTimeZone(db);
  const today = dayIn(now, timeZone);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: schema.appointments.id,
        status: schema.appointments.status,
        ticket: schema.appointments.ticket,
        name: schema.appointments.name,
        startsAt: schema.appointmentSlots.startsAt,
      })
      .from(schema.appointments)
      .innerJoin(schema.appointmentSlots, eq(schema.appointmentSlots.id, schema.appointments.slotId))
      .where(eq(schema.appointments.code, code))
      .for("update", { of: schema.appointments });
    if (!row) return { ok: false, reason: "unknown" } as const;
    if (row.status === "cancelled") return { ok: false, reason: "cancelled" } as const;
    if (row.status === "checked_in" || row.status === "completed") return { ok: false, reason: "already", ticket: row.ticket!, code } as const;
    if (row.status === "no_show") return { ok: false, reason: "no-show" } as const;
    const day = dayIn(row.startsAt, timeZone);
    if (day !== today) return { ok: false, reason: "not-today", day } as const;
    const [counter] = await tx
      .insert(schema.ticketCounters)
      .values({ day: today, last: 1 })
      .onConflictDoUpdate({ target: schema.ticketCounters.day, set: { last: sql`${schema.ticketCounters.last} + 1` } })
      .returning({ last: schema.ticketCounters.last });
    const ticket = counter!.last;
    await tx.update(schema.appointments).set({ status: "checked_in", ticket, ticketDay: today, checkedInAt: now }).where(eq(schema.appointments.id, row.id));
    return { ok: true, appointmentId: row.id, ticket, name: row.name, code } as const;
  });
}

export type ActionResult = { ok: true; ticket: number | null } | { ok: false; reason: "not-found" | "wrong-status" | "not-today" };

/** The appointment, locked, if it takes place today; the reason otherwise. */
async function lockToday(tx: Tx, appointmentId: number, now: Date) {
  const timeZone = await officeTimeZone(tx);
  const { from, to } = officeDay(now, timeZone);
  const [row] = await tx
    .select({ id: schema.appointments.id, status: schema.appointments.status, ticket: schema.appointments.ticket, startsAt: schema.appointmentSlots.startsAt })
    .from(schema.appointments)
    .innerJoin(schema.appointmentSlots, eq(schema.appointmentSlots.id, schema.appointments.slotId))
    .where(eq(schema.appointments.id, appointmentId))
    .for("update", { of: schema.appointments });
  if (!row) return { ok: false, reason: "not-found" } as const;
  if (row.startsAt < from || row.startsAt >= to) return { ok: false, reason: "not-today" } as const;
  return { ok: true, row } as const;
}

/** Calls a checked-in person to a counter; calling again (another or the same counter) re-calls. */
export async function call(db: Database, appointmentId: number, counter: number, now: Date): Promise<ActionResult> {
  if (!Number.isInteger(counter) || counter < 1 || counter > 50) throw new RangeError("counter must be 1..50");
  return db.transaction(async (tx) => {
    const found = await lockToday(tx, appointmentId, now);
    if (!found.ok) return found;
    if (found.row.status !== "checked_in") return { ok: false, reason: "wrong-status" } as const;
    await tx.update(schema.appointments).set({ calledAt: now, calledCounter: counter }).where(eq(schema.appointments.id, appointmentId));
    return { ok: true, ticket: found.row.ticket } as const;
  });
}

/** The person has been seen. */
export async function complete(db: Database, appointmentId: number, now: Date): Promise<ActionResult> {
  return db.transaction(async (tx) => {
    const found = await lockToday(tx, appointmentId, now);
    if (!found.ok) return found;
    if (found.row.status !== "checked_in") return { ok: false, reason: "wrong-status" } as const;
    await tx.update(schema.appointments).set({ status: "completed" }).where(eq(schema.appointments.id, appointmentId));
    return { ok: true, ticket: found.row.ticket } as const;
  });
}

export type NoShowResult = ActionResult | { ok: false; reason: "too-early"; from: Date };

/** The person did not come: only a booked appointment, and only once its time plus the grace time has passed. */
export async function markNoShow(db: Database, appointmentId: number, now: Date): Promise<NoShowResult> {
  return db.transaction(async (tx) => {
    const found = await lockToday(tx, appointmentId, now);
    if (!found.ok) return found;
    if (found.row.status !== "booked") return { ok: false, reason: "wrong-status" } as const;
    const from = noShowFrom(found.row.startsAt);
    if (now < from) return { ok: false, reason: "too-early", from } as const;
    await tx.update(schema.appointments).set({ status: "no_show" }).where(eq(schema.appointments.id, appointmentId));
    return { ok: true, ticket: null } as const;
  });
}

export type BoardEntry = { ticket: number; counter: number; calledAt: Date };

/** The last tickets called today, newest first: numbers and counters only, nothing personal. */
export async function displayBoard(db: Database, now: Date): Promise<BoardEntry[]> {
  const timeZone = await officeTimeZone(db);
  const today = dayIn(now, timeZone);
  const rows = await db
    .select({ ticket: schema.appointments.ticket, counter: schema.appointments.calledCounter, calledAt: schema.appointments.calledAt })
    .from(schema.appointments)
    .where(and(eq(schema.appointments.ticketDay, today), isNotNull(schema.appointments.calledAt)))
    .orderBy(desc(schema.appointments.calledAt), desc(schema.appointments.id))
    .limit(DISPLAY_SIZE);
  return rows.map((r) => ({ ticket: r.ticket!, counter: r.counter!, calledAt: r.calledAt! }));
}
