import { createHash, randomBytes, randomInt } from "node:crypto";
import { and, asc, eq, gt, gte, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { cachedConfig } from "#app/lib/config-cache.server";
import type { AppContext } from "#app/lib/context";
import { type Database, preparedRows, type Tx } from "#app/lib/db.server";
import { isLanguage as isLanguageCode, type Language } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";
import { enqueue } from "#app/lib/jobs.server";
import { type Message, queueMessage } from "#app/domain/messages/outbox.server";
import { HOLD_MINUTES, MAX_HOLD_EXTENSIONS } from "./limits";
import { emailKey, personKey, phoneKey } from "./person";
import { addDays, type ClosedDays, dayIn, isSlotStart, type OpeningRange, type SlotRules, slotsForDay } from "./slots";

export { HOLD_MINUTES, MAX_HOLD_EXTENSIONS };

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** 128 bits of randomness, URL-safe. */
export function newToken(): string {
  return randomBytes(16).toString("base64url");
}

// Booking codes avoid letters and digits that are easy to confuse (0/O, 1/I/L, 5/S, 2/Z, 8/B).
const CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export function newBookingCode(): string {
  let code = "";
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

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
export async function bookingConfig(db: Pick<Database, "select">, serviceId: string, options: { forDraw?: boolean } = {}): Promise<BookingConfig | null> {
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
  return new Set(
    perDay
      .filter(({ slots }) => slots.some((s) => (taken.get(s.startsAt.getTime()) ?? 0) < config.rules.capacity))
      .map((d) => d.day),
  );
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

export type HoldResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; reason: "not-a-slot" | "full" };

/** Holds one place of a slot for HOLD_MINUTES; the place counts as taken while the hold lasts. */
export async function holdSlot(db: Database, config: BookingConfig, startsAt: Date, now: Date, seenFree?: number): Promise<HoldResult> {
  const candidate = isSlotStart(startsAt, config.hours, config.holidays, config.rules, now);
  if (!candidate) return { ok: false, reason: "not-a-slot" };
  // In a rush nearly every attempt finds its time taken. Those are answered from one read, without
  // queueing for the slot's row lock: the slot was full at that instant, which is all a refusal
  // says. Anything that might succeed goes through the locked transaction below. A caller that
  // read the free places already (the hold endpoint, in its one statement) passes them.
  if (seenFree !== undefined && seenFree <= 0) return { ok: false, reason: "full" };
  const [seen] = seenFree !== undefined ? [] : await db
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

export type Contact = { name: string; birthDate: string; email: string | null; phone: string | null; language: Language };

export type BookingResult =
  | { ok: true; code: string; manageToken: string | null; appointmentId: number }
  | { ok: false; reason: "hold-expired" | "already-booked" | "invitation-invalid" };

/** Thrown inside a booking transaction to roll it back when its invitation is not usable. */
class InvitationInvalid extends Error {}

/**
 * Turns a hold into an appointment. Idempotent: the same idempotency key returns the booking
 * made the first time (its manage token is then not known again: null).
 */
export async function confirmBooking(
  db: Database,
  holdToken: string,
  contact: Contact,
  idempotencyKey: string,
  now: Date,
  /** The confirmation message, queued in the same transaction as the booking. */
  message?: (booked: { code: string; manageToken: string; startsAt: Date; serviceId: string }) => Message,
  /** For invitation-only services: the invitation, used up in the same transaction. */
  invitationToken?: string,
): Promise<BookingResult> {
  const replay = await byIdempotencyKey(db, idempotencyKey);
  if (replay) return replay;
  try {
    const result = await db.transaction(async (tx) => {
      const hold = await lockHold(tx, holdToken);
      if (!hold || hold.expiresAt <= now) return { ok: false, reason: "hold-expired" } as const;
      const booked = await insertAppointment(tx, {
        slotId: hold.slotId,
        serviceId: hold.serviceId,
        startsAt: hold.startsAt,
        contact,
        source: invitationToken ? "invitation" : "calendar",
        idempotencyKey,
        now,
      });
      if (invitationToken) {
        const used = await tx
          .update(schema.invitations)
          .set({ usedAt: now, appointmentId: booked.id })
          .where(
            and(
              eq(schema.invitations.tokenHash, hashToken(invitationToken)),
              eq(schema.invitations.serviceId, hold.serviceId),
              isNull(schema.invitations.usedAt),
              gt(schema.invitations.expiresAt, now),
            ),
          )
          .returning({ id: schema.invitations.id });
        if (used.length === 0) throw new InvitationInvalid();
      }
      // The hold's place becomes the appointment's place: `taken` stays as it is.
      await tx.delete(schema.appointmentHolds).where(eq(schema.appointmentHolds.id, hold.id));
      if (message) await queueMessage(tx, message({ code: booked.code, manageToken: booked.manageToken, startsAt: hold.startsAt, serviceId: hold.serviceId }));
      return { ok: true, code: booked.code, manageToken: booked.manageToken, appointmentId: booked.id } as const;
    });
    // A concurrent twin of this request may have used the hold a moment ago.
    if (!result.ok) return (await byIdempotencyKey(db, idempotencyKey)) ?? result;
    return result;
  } catch (error) {
    if (error instanceof InvitationInvalid) return { ok: false, reason: "invitation-invalid" };
    const constraint = uniqueViolation(error);
    if (constraint === "appointments_idempotency_key_unique") {
      const again = await byIdempotencyKey(db, idempotencyKey);
      if (again) return again;
    }
    if (constraint?.startsWith("appointments_one_per_")) {
      // Somebody with an appointment already must not keep a place from others until the hold
      // runs out: the place goes back at once.
      await releaseHold(db, holdToken);
      return { ok: false, reason: "already-booked" };
    }
    throw error;
  }
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
async function lockHold(tx: Tx, holdToken: string) {
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

/** Whether the person (by name and date of birth) has a booked appointment for the service. */
export async function hasActiveAppointment(db: Pick<Database, "select">, serviceId: string, person: Contact): Promise<boolean> {
  const [booked] = await db
    .select({ id: schema.appointments.id })
    .from(schema.appointments)
    .where(
      and(
        eq(schema.appointments.serviceId, serviceId),
        eq(schema.appointments.personKey, personKey(person.name, person.birthDate)),
        eq(schema.appointments.status, "booked"),
      ),
    );
  return booked !== undefined;
}

/**
 * The columns a waiting person (a waitlist entry, a lottery request) shares: details, the keys
 * that make them one person, the permit's expiry and the hash of their link token.
 */
export function waitingPersonRow(person: Contact, permitExpires: string | null, token: string, now: Date) {
  return {
    name: person.name.trim(),
    birthDate: person.birthDate,
    email: person.email,
    phone: person.phone,
    language: person.language,
    personKey: personKey(person.name, person.birthDate),
    emailKey: emailKey(person.email),
    phoneKey: phoneKey(person.phone),
    permitExpires,
    manageTokenHash: hashToken(token),
    createdAt: now,
  };
}

/**
 * Inserts a booked appointment into a place the caller has already counted in the slot's
 * `taken` (a hold, an offer, a lottery win), and schedules its reminder. Throws the database's
 * unique violation when the person already has an active appointment for the service.
 */
export async function insertAppointment(
  tx: Tx,
  a: {
    slotId: number;
    serviceId: string;
    startsAt: Date;
    contact: Contact;
    source: "calendar" | "waitlist" | "lottery" | "invitation";
    idempotencyKey: string;
    now: Date;
  },
): Promise<{ id: number; code: string; manageToken: string }> {
  const manageToken = newToken();
  const code = newBookingCode();
  const [created] = await tx
    .insert(schema.appointments)
    .values({
      code,
      serviceId: a.serviceId,
      slotId: a.slotId,
      name: a.contact.name.trim(),
      birthDate: a.contact.birthDate,
      email: a.contact.email,
      phone: a.contact.phone,
      language: a.contact.language,
      personKey: personKey(a.contact.name, a.contact.birthDate),
      emailKey: emailKey(a.contact.email),
      phoneKey: phoneKey(a.contact.phone),
      manageTokenHash: hashToken(manageToken),
      idempotencyKey: a.idempotencyKey,
      source: a.source,
    })
    .returning({ id: schema.appointments.id });
  await scheduleReminder(tx, created!.id, a.slotId, a.startsAt, a.now);
  return { id: created!.id, code, manageToken };
}

/** The reminder one day before; keyed by appointment and slot, so a moved appointment gets a new one. */
export async function scheduleReminder(tx: Tx, appointmentId: number, slotId: number, startsAt: Date, now: Date) {
  const remindAt = new Date(startsAt.getTime() - 24 * 3600_000);
  if (remindAt > now) await enqueue(tx, "reminder", { appointmentId, slotId }, remindAt, `reminder:${appointmentId}:${slotId}`);
}

async function byIdempotencyKey(db: Database, key: string): Promise<BookingResult | null> {
  const [row] = await db
    .select({ id: schema.appointments.id, code: schema.appointments.code })
    .from(schema.appointments)
    .where(eq(schema.appointments.idempotencyKey, key));
  return row ? { ok: true, code: row.code, manageToken: null, appointmentId: row.id } : null;
}

/** The name of the unique constraint a database error violated, for both drivers. */
export function uniqueViolation(error: unknown): string | null {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    const record = e as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown };
    if (record.code === "23505") return record.constraint_name ?? record.constraint ?? "";
    e = record.cause;
  }
  return null;
}

/** Cancels a booked appointment by its manage token and frees its place. */
export async function cancelBooking(db: Database, manageToken: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(schema.appointments)
      .set({ status: "cancelled", cancelledAt: now })
      .where(and(eq(schema.appointments.manageTokenHash, hashToken(manageToken)), eq(schema.appointments.status, "booked")))
      .returning({ slotId: schema.appointments.slotId });
    if (!row) return false;
    await tx
      .update(schema.appointmentSlots)
      .set({ taken: sql`${schema.appointmentSlots.taken} - 1` })
      .where(eq(schema.appointmentSlots.id, row.slotId));
    // The freed place goes to the next person on the waitlist, if anyone waits.
    await enqueue(tx, "waitlist-offer", { slotId: row.slotId }, now);
    return true;
  });
}

export type MoveResult =
  | { ok: true; code: string; startsAt: Date; serviceId: string; contact: Contact }
  | { ok: false; reason: "hold-expired" | "not-booked" | "other-service" };

/**
 * Moves a booked appointment to the time a person holds: the held place becomes the
 * appointment's, the old place is freed (and offered to the waitlist), the reminder follows.
 */
export async function moveBooking(
  db: Database,
  holdToken: string,
  manageToken: string,
  now: Date,
  message?: (moved: { code: string; startsAt: Date; serviceId: string; contact: Contact }) => Message,
): Promise<MoveResult> {
  return db.transaction(async (tx) => {
    const [appointment] = await tx
      .select()
      .from(schema.appointments)
      .where(eq(schema.appointments.manageTokenHash, hashToken(manageToken)))
      .for("update");
    if (!appointment || appointment.status !== "booked") return { ok: false, reason: "not-booked" } as const;
    const hold = await lockHold(tx, holdToken);
    if (!hold || hold.expiresAt <= now) return { ok: false, reason: "hold-expired" } as const;
    if (hold.serviceId !== appointment.serviceId) return { ok: false, reason: "other-service" } as const;
    await tx.delete(schema.appointmentHolds).where(eq(schema.appointmentHolds.id, hold.id));
    await tx.update(schema.appointments).set({ slotId: hold.slotId }).where(eq(schema.appointments.id, appointment.id));
    await tx
      .update(schema.appointmentSlots)
      .set({ taken: sql`${schema.appointmentSlots.taken} - 1` })
      .where(eq(schema.appointmentSlots.id, appointment.slotId));
    await enqueue(tx, "waitlist-offer", { slotId: appointment.slotId }, now);
    await scheduleReminder(tx, appointment.id, hold.slotId, hold.startsAt, now);
    if (!isLanguageCode(appointment.language)) throw new Error("appointment with an unknown language");
    const contact: Contact = {
      name: appointment.name,
      birthDate: appointment.birthDate,
      email: appointment.email,
      phone: appointment.phone,
      language: appointment.language,
    };
    if (message) await queueMessage(tx, message({ code: appointment.code, startsAt: hold.startsAt, serviceId: hold.serviceId, contact }));
    return { ok: true, code: appointment.code, startsAt: hold.startsAt, serviceId: hold.serviceId, contact } as const;
  });
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

export type AppointmentView = NonNullable<Awaited<ReturnType<typeof appointmentByToken>>>;

/** An appointment with its service, time and the office's time zone. */
export async function appointmentWhere(db: Database, condition: SQL) {
  const [row] = await db
    .select({
      id: schema.appointments.id,
      code: schema.appointments.code,
      status: schema.appointments.status,
      slotId: schema.appointments.slotId,
      serviceId: schema.appointments.serviceId,
      serviceName: schema.services.name,
      startsAt: schema.appointmentSlots.startsAt,
      endsAt: schema.appointmentSlots.endsAt,
      name: schema.appointments.name,
      email: schema.appointments.email,
      phone: schema.appointments.phone,
      language: schema.appointments.language,
      timeZone: schema.office.timeZone,
    })
    .from(schema.appointments)
    .innerJoin(schema.appointmentSlots, eq(schema.appointmentSlots.id, schema.appointments.slotId))
    .innerJoin(schema.services, eq(schema.services.id, schema.appointments.serviceId))
    .innerJoin(schema.office, eq(schema.office.id, 1))
    .where(condition);
  return row ?? null;
}

/** The appointment behind a manage link, or null. */
export function appointmentByToken(db: Database, manageToken: string) {
  return appointmentWhere(db, eq(schema.appointments.manageTokenHash, hashToken(manageToken)));
}
