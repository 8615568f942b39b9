// Appointments: a hold becomes a booking (once, whatever is clicked twice), a booking is
// cancelled or moved, and its reminder is scheduled with it. Holds are in holds.server.ts, the
// free places in availability.server.ts.
import { and, eq, gt, isNull, type SQL, sql } from "drizzle-orm";
import type { Database, Queryable, Tx } from "#app/lib/db.server";
import { isLanguage as isLanguageCode, type Language } from "#app/lib/i18n/languages";
import { enqueue } from "#app/lib/jobs.server";
import * as schema from "#db/schema";
import { type Message, queueMessage } from "#app/domain/messages/outbox.server";
import { lockHold, releaseHold } from "./holds.server";
import { emailKey, personKey, phoneKey } from "./person";
import { hashToken, newBookingCode, newToken } from "./tokens.server";

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

/** Whether the person (by name and date of birth) has a booked appointment for the service. */
export async function hasActiveAppointment(db: Queryable, serviceId: string, person: Contact): Promise<boolean> {
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
    if (appointment?.status !== "booked") return { ok: false, reason: "not-booked" } as const;
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
