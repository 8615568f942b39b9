// Builders of test data, shared by the database tests and the journeys' set-up. They go through
// the app's own functions wherever one exists (holdSlot and confirmBooking, submitDraft,
// waitingPersonRow, createInvitation), so that tokens, hashes and codes are made exactly as the app
// makes them, and write rows directly only for what a person cannot do (a service of its own,
// a fully booked week, a round whose window closes now).
import { randomBytes } from "node:crypto";
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { createDraft, submitDraft } from "#app/domain/applications/applications.server";
import { availabilityOfDay, bookingConfig, type BookingConfig } from "#app/domain/booking/availability.server";
import { confirmBooking, type Contact, waitingPersonRow } from "#app/domain/booking/booking.server";
import { holdSlot } from "#app/domain/booking/holds.server";
import { newToken } from "#app/domain/booking/tokens.server";
import { createInvitation } from "#app/domain/booking/invitations.server";
import { addDays, dayIn, slotsForDay } from "#app/domain/booking/slots";
import type { Actor } from "#app/domain/cases/case-states";
import type { Database } from "#app/lib/db.server";
import type { Language } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";

/** A short random tag, so that names, addresses and ids of parallel tests never clash. */
export function uniqueTag(bytes = 4): string {
  return randomBytes(bytes).toString("hex");
}

let people = 0;

/**
 * A person as the booking form sends them. Without a name, a new one each call ("Person 1",
 * "Person 2", …), with an address made from it: one active appointment per person and
 * service is a rule of the app, so tests that book often need new people.
 */
export function personDetails(overrides: Partial<Contact> = {}): Contact {
  const name = overrides.name ?? `Person ${++people}`;
  return {
    name,
    birthDate: "1985-02-03",
    email: `${name.toLowerCase().replace(/\W/g, "")}@example.org`,
    phone: null,
    language: "de",
    ...overrides,
  };
}

export type Booked = { id: number; code: string; manageToken: string; contact: Contact };

/**
 * Books an appointment the way the booking journey does: holds a place of the time, then
 * confirms it with the person's details. Throws when either step is refused.
 */
export async function bookAppointment(
  db: Database,
  booking: { serviceId: string; startsAt: Date; now: Date; contact?: Contact; idempotencyKey?: string; config?: BookingConfig },
): Promise<Booked> {
  const config = booking.config ?? (await bookingConfig(db, booking.serviceId));
  if (!config) throw new Error(`no booking configuration for ${booking.serviceId}`);
  const contact = booking.contact ?? personDetails();
  const hold = await holdSlot(db, config, booking.startsAt, booking.now);
  if (!hold.ok) throw new Error(`no hold at ${booking.startsAt.toISOString()} for ${contact.name}: ${hold.reason}`);
  const result = await confirmBooking(db, hold.token, contact, booking.idempotencyKey ?? `key-${uniqueTag(8)}`, booking.now);
  if (!result.ok) throw new Error(`${contact.name} not booked: ${result.reason}`);
  if (!result.manageToken) throw new Error(`${contact.name}: a replayed booking has no manage link`);
  return { id: result.appointmentId, code: result.code, manageToken: result.manageToken, contact };
}

/** What the applicant gives on the "about you" and contact steps. */
export type ApplicantDetails = {
  familyName: string;
  givenNames: string;
  familyNameMrz: string;
  birthDate: string;
  nationality: string;
  email?: string;
  street: string;
  postcode: string;
  city: string;
  permitExpires?: string;
};

export const aysheOezdemir: ApplicantDetails = {
  familyName: "Özdemir",
  givenNames: "Ayşe",
  familyNameMrz: "OEZDEMIR",
  birthDate: "1990-03-27",
  nationality: "TR",
  street: "Hauptstraße 1",
  postcode: "12345",
  city: "Musterstadt",
};

/** The applicant acting on their own case, as the public pages record it. */
export const applicant: Actor = { kind: "applicant", id: "self" };

/** A draft with the applicant's details and answers filled in, as after the form's steps. */
export async function draftApplication(
  db: Database,
  draft: { serviceId?: string; language?: Language; details?: ApplicantDetails; answers?: Record<string, string> } = {},
): Promise<{ id: string; secret: string }> {
  const created = await createDraft(db, draft.serviceId ?? "residence-extension", draft.language ?? "de");
  await db
    .update(schema.applications)
    .set({ details: draft.details ?? aysheOezdemir, answers: draft.answers ?? { purpose: "employment" } })
    .where(eq(schema.applications.id, created.id));
  return created;
}

/** A submitted case (no documents yet): its id, the reference and the access code the applicant got. */
export async function submittedCase(
  db: Database,
  application: Parameters<typeof draftApplication>[1] & { now: Date },
): Promise<{ id: string; reference: string; accessCode: string; secret: string }> {
  const draft = await draftApplication(db, application);
  const submission = await submitDraft(db, draft.id, applicant, application.now);
  if (!submission) throw new Error("the draft was not submitted");
  return { id: draft.id, secret: draft.secret, reference: submission.reference, accessCode: submission.accessCode };
}

export type TestService = { id: string; unitId: string };

/**
 * A bookable service and unit of their own (copies of the demo office's residence extension in
 * the clearing unit, under a name of their own), with 15-minute slots from 10:00 to 10:30 on
 * every day of the week and one place per slot, bookable from now (no lead time) for the next
 * `horizonDays` days. Journeys running in parallel never share its places.
 */
export async function createService(db: Database, options: { horizonDays?: number } = {}): Promise<TestService> {
  const suffix = uniqueTag();
  const id = `e2e-${suffix}`;
  await db.transaction(async (tx) => {
    const [unit] = await tx.select().from(schema.units).where(eq(schema.units.id, "clearing"));
    const [service] = await tx.select().from(schema.services).where(eq(schema.services.id, "residence-extension"));
    if (!unit || !service) throw new Error("the demo office is not seeded");
    await tx.insert(schema.units).values({ ...unit, id });
    // A name of its own (not the copied service's), so that journeys looking for a service by
    // name in the catalogue never find two.
    const name = Object.fromEntries(Object.keys(service.name).map((lng) => [lng, `E2E ${suffix}`])) as typeof service.name;
    await tx.insert(schema.services).values({ ...service, id, name, appointment: "required", takesApplication: false, sort: 900, active: true });
    await tx.insert(schema.openingHours).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ unitId: id, weekday, opens: "10:00", closes: "10:30", counters: 1 })));
    await tx.insert(schema.slotCapacities).values({
      serviceId: id,
      unitId: id,
      slotMinutes: 15,
      parallel: 1,
      bookingHorizonDays: options.horizonDays ?? 3,
      minLeadHours: 0,
      releaseMode: "first_come",
    });
  });
  return { id, unitId: id };
}

/** Takes every place of the service's times in the next `days` days (as if booked long ago). */
export async function fillAllPlaces(db: Database, service: TestService, now: Date, days = 5) {
  const config = await bookingConfig(db, service.id);
  if (!config) throw new Error(`no booking configuration for ${service.id}`);
  const today = dayIn(now, config.rules.timeZone);
  const rules = { ...config.rules, bookingHorizonDays: days, minLeadHours: 0 };
  const rows = Array.from({ length: days + 1 }, (_, d) => slotsForDay(addDays(today, d), config.hours, { has: () => false }, rules, now))
    .flat()
    .map((slot) => ({
      serviceId: service.id,
      unitId: service.unitId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      capacity: config.rules.capacity,
      taken: config.rules.capacity,
    }));
  if (rows.length === 0) return;
  await db
    .insert(schema.appointmentSlots)
    .values(rows)
    .onConflictDoUpdate({ target: [schema.appointmentSlots.serviceId, schema.appointmentSlots.startsAt], set: { taken: sql`excluded.capacity` } });
}

/**
 * Someone else's appointment in the service's first free time at least three hours ahead
 * (so that it can still be cancelled), booked through the booking functions.
 */
export async function bookSomeoneElse(db: Database, service: TestService, now: Date): Promise<Booked & { startsAt: Date }> {
  const config = await bookingConfig(db, service.id);
  if (!config) throw new Error(`no booking configuration for ${service.id}`);
  const today = dayIn(now, config.rules.timeZone);
  for (let d = 0; d <= config.rules.bookingHorizonDays; d++) {
    const slot = (await availabilityOfDay(db, config, addDays(today, d), now)).find((s) => s.free > 0 && s.startsAt.getTime() > now.getTime() + 3 * 3_600_000);
    if (!slot) continue;
    const tag = uniqueTag();
    const booked = await bookAppointment(db, {
      serviceId: service.id,
      startsAt: slot.startsAt,
      now,
      config,
      contact: personDetails({ name: `Other Person ${tag}`, birthDate: "1970-01-01" }),
    });
    return { ...booked, startsAt: slot.startsAt };
  }
  throw new Error("no free time three hours ahead to book");
}

/** The first day from `offsetDays` days after today on (office time) that is no public holiday. */
export async function workingDayFrom(db: Database, now: Date, offsetDays: number): Promise<string> {
  const [office] = await db.select({ timeZone: schema.office.timeZone }).from(schema.office).limit(1);
  const first = addDays(dayIn(now, office!.timeZone), offsetDays);
  const last = addDays(first, 10);
  const holidays = new Set(
    (
      await db
        .select({ day: schema.holidays.day })
        .from(schema.holidays)
        .where(and(gte(schema.holidays.day, first), lte(schema.holidays.day, last)))
    ).map((h) => h.day),
  );
  for (let d = 0; d <= 10; d++) if (!holidays.has(addDays(first, d))) return addDays(first, d);
  throw new Error(`no working day between ${first} and ${last}`);
}

/**
 * An open lottery round of the service for one day (its window closes in an hour), and the
 * service switched to lottery mode. The round is inserted first, so that the background planner
 * (which plans whole weeks for lottery services) cannot take that day before it.
 */
export async function openRound(db: Database, service: TestService, day: string, now: Date, urgentSharePercent = 50): Promise<number> {
  const [round] = await db
    .insert(schema.releaseRounds)
    .values({
      serviceId: service.id,
      windowOpensAt: new Date(now.getTime() - 60_000),
      windowClosesAt: new Date(now.getTime() + 3_600_000),
      slotsFrom: day,
      slotsTo: day,
      urgentSharePercent,
      urgentWithinDays: 42,
    })
    .returning({ id: schema.releaseRounds.id });
  await db.update(schema.slotCapacities).set({ releaseMode: "lottery" }).where(eq(schema.slotCapacities.serviceId, service.id));
  return round!.id;
}

/**
 * A request by someone else in a round, stored as the request page stores one (not urgent: no
 * permit expiry); returns its link token. (Not through requestInRound: its receipt message
 * needs the i18n bundle that only Vite builds, and the journeys' workers load plain modules.)
 */
export async function requestBySomeoneElse(db: Database, roundId: number, language: Language, now: Date): Promise<{ token: string; email: string }> {
  const tag = uniqueTag();
  const contact = personDetails({ name: `Someone Else ${tag}`, birthDate: "1980-01-01", email: `lottery-${tag}@example.org`, language });
  const token = newToken();
  await db.insert(schema.releaseRequests).values({ roundId, urgent: false, ...waitingPersonRow(contact, null, token, now) });
  return { token, email: contact.email! };
}

/** Closes the round's window now: the next background tick draws it. */
export async function closeRound(db: Database, roundId: number, now: Date) {
  await db
    .update(schema.releaseRounds)
    .set({ windowOpensAt: new Date(now.getTime() - 2 * 3_600_000), windowClosesAt: now })
    .where(eq(schema.releaseRounds.id, roundId));
}

/** Messages of a kind to an address, oldest first. */
export async function messagesTo(db: Database, email: string, kind: string) {
  return db
    .select({ subject: schema.outbox.subject, body: schema.outbox.body, language: schema.outbox.language })
    .from(schema.outbox)
    .where(and(eq(schema.outbox.toEmail, email), eq(schema.outbox.kind, kind)))
    .orderBy(asc(schema.outbox.id));
}

/** An invitation to an invitation-only service, as a case would send it; returns its token. */
export async function invite(db: Database, serviceId: string, language: Language, now: Date): Promise<string> {
  const { token } = await createInvitation(db, { serviceId, caseReference: `E2E-${uniqueTag(3)}`, language, now });
  return token;
}
