// The service point's day: today's appointments per unit, check-in with a ticket number,
// calling a ticket to a counter, done and no-show, and the waiting-room display. "Today" is
// always the office's calendar day in its time zone.
import { and, asc, desc, eq, gte, isNotNull, lt, ne, sql } from "drizzle-orm";
import type { Database } from "~/lib/db.server";
import type { Translated } from "~/lib/i18n/languages";
import * as t from "../../../db/schema";
import { addDays, dayIn, isoWeekday, zonedTimeToUtc } from "./slots";

/** A booked person may be marked as not having come only this long after their time began. */
export const NO_SHOW_GRACE_MINUTES = 15;
/** How many called tickets the waiting-room display shows. */
export const DISPLAY_SIZE = 8;

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export async function officeTimeZone(db: Pick<Database, "select">): Promise<string> {
  const [row] = await db.select({ timeZone: t.office.timeZone }).from(t.office).limit(1);
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
  const conditions = [gte(t.appointmentSlots.startsAt, from), lt(t.appointmentSlots.startsAt, to), ne(t.appointments.status, "cancelled")];
  if (unitId) conditions.push(eq(t.appointmentSlots.unitId, unitId));
  const [rows, counters] = await Promise.all([
    db
      .select({
        id: t.appointments.id,
        startsAt: t.appointmentSlots.startsAt,
        unitId: t.appointmentSlots.unitId,
        unitName: t.units.name,
        unitSort: t.units.sort,
        serviceId: t.appointments.serviceId,
        serviceName: t.services.name,
        name: t.appointments.name,
        code: t.appointments.code,
        status: t.appointments.status,
        ticket: t.appointments.ticket,
        calledCounter: t.appointments.calledCounter,
        calledAt: t.appointments.calledAt,
      })
      .from(t.appointments)
      .innerJoin(t.appointmentSlots, eq(t.appointmentSlots.id, t.appointments.slotId))
      .innerJoin(t.units, eq(t.units.id, t.appointmentSlots.unitId))
      .innerJoin(t.services, eq(t.services.id, t.appointments.serviceId))
      .where(and(...conditions))
      .orderBy(asc(t.units.sort), asc(t.units.id), asc(t.appointmentSlots.startsAt), asc(t.appointments.id)),
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
    .select({ unitId: t.openingHours.unitId, counters: sql<number>`max(${t.openingHours.counters})`.mapWith(Number) })
    .from(t.openingHours)
    .where(and(eq(t.openingHours.weekday, isoWeekday(day)), isNotNull(t.openingHours.unitId)))
    .groupBy(t.openingHours.unitId);
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
        id: t.appointments.id,
        status: t.appointments.status,
        ticket: t.appointments.ticket,
        name: t.appointments.name,
        startsAt: t.appointmentSlots.startsAt,
      })
      .from(t.appointments)
      .innerJoin(t.appointmentSlots, eq(t.appointmentSlots.id, t.appointments.slotId))
      .where(eq(t.appointments.code, code))
      .for("update", { of: t.appointments });
    if (!row) return { ok: false, reason: "unknown" } as const;
    if (row.status === "cancelled") return { ok: false, reason: "cancelled" } as const;
    if (row.status === "checked_in" || row.status === "completed") return { ok: false, reason: "already", ticket: row.ticket!, code } as const;
    if (row.status === "no_show") return { ok: false, reason: "no-show" } as const;
    const day = dayIn(row.startsAt, timeZone);
    if (day !== today) return { ok: false, reason: "not-today", day } as const;
    const [counter] = await tx
      .insert(t.ticketCounters)
      .values({ day: today, last: 1 })
      .onConflictDoUpdate({ target: t.ticketCounters.day, set: { last: sql`${t.ticketCounters.last} + 1` } })
      .returning({ last: t.ticketCounters.last });
    const ticket = counter!.last;
    await tx
      .update(t.appointments)
      .set({ status: "checked_in", ticket, ticketDay: today, checkedInAt: now })
      .where(eq(t.appointments.id, row.id));
    return { ok: true, appointmentId: row.id, ticket, name: row.name, code } as const;
  });
}

export type ActionResult = { ok: true; ticket: number | null } | { ok: false; reason: "not-found" | "wrong-status" | "not-today" };

/** The appointment, locked, if it takes place today; the reason otherwise. */
async function lockToday(tx: Tx, appointmentId: number, now: Date) {
  const timeZone = await officeTimeZone(tx);
  const { from, to } = officeDay(now, timeZone);
  const [row] = await tx
    .select({ id: t.appointments.id, status: t.appointments.status, ticket: t.appointments.ticket, startsAt: t.appointmentSlots.startsAt })
    .from(t.appointments)
    .innerJoin(t.appointmentSlots, eq(t.appointmentSlots.id, t.appointments.slotId))
    .where(eq(t.appointments.id, appointmentId))
    .for("update", { of: t.appointments });
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
    await tx.update(t.appointments).set({ calledAt: now, calledCounter: counter }).where(eq(t.appointments.id, appointmentId));
    return { ok: true, ticket: found.row.ticket } as const;
  });
}

/** The person has been seen. */
export async function complete(db: Database, appointmentId: number, now: Date): Promise<ActionResult> {
  return db.transaction(async (tx) => {
    const found = await lockToday(tx, appointmentId, now);
    if (!found.ok) return found;
    if (found.row.status !== "checked_in") return { ok: false, reason: "wrong-status" } as const;
    await tx.update(t.appointments).set({ status: "completed" }).where(eq(t.appointments.id, appointmentId));
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
    await tx.update(t.appointments).set({ status: "no_show" }).where(eq(t.appointments.id, appointmentId));
    return { ok: true, ticket: null } as const;
  });
}

export type BoardEntry = { ticket: number; counter: number; calledAt: Date };

/** The last tickets called today, newest first: numbers and counters only, nothing personal. */
export async function displayBoard(db: Database, now: Date): Promise<BoardEntry[]> {
  const timeZone = await officeTimeZone(db);
  const today = dayIn(now, timeZone);
  const rows = await db
    .select({ ticket: t.appointments.ticket, counter: t.appointments.calledCounter, calledAt: t.appointments.calledAt })
    .from(t.appointments)
    .where(and(eq(t.appointments.ticketDay, today), isNotNull(t.appointments.calledAt)))
    .orderBy(desc(t.appointments.calledAt), desc(t.appointments.id))
    .limit(DISPLAY_SIZE);
  return rows.map((r) => ({ ticket: r.ticket!, counter: r.counter!, calledAt: r.calledAt! }));
}
