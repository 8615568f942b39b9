// The waitlist, moving and invitations, against the real database: offers go urgent-first,
// a held offer cannot be taken by anyone else, a claim books once however often it is clicked,
// an unclaimed offer goes to the next person.
import { and, count, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { seedDemoOffice } from "#db/seed/seed";
import { bookingConfig, type BookingConfig } from "#app/domain/booking/availability.server";
import { cancelBooking, confirmBooking, moveBooking } from "#app/domain/booking/booking.server";
import { holdSlot } from "#app/domain/booking/holds.server";
import { createInvitation, invitationByToken } from "#app/domain/booking/invitations.server";
import { bookingJobs } from "#app/domain/booking/jobs.server";
import { OFFER_MINUTES } from "#app/domain/booking/limits";
import { claimOffer, declineOffer, offerFreedPlace } from "#app/domain/booking/waitlist-offers.server";
import { joinWaitlist, leaveWaitlist, waitlistEntryByToken } from "#app/domain/booking/waitlist.server";
import { runDueJobs } from "#app/lib/jobs.server";
import { createTestDatabase, type TestDatabase } from "#tests/support/database";
import { bookAppointment, personDetails } from "#tests/support/factories";

const url = "http://lotse.test";
let tdb: TestDatabase;
let config: BookingConfig;
const now = new Date("2026-11-23T06:00:00Z"); // Monday, 07:00 in Berlin
const slot = new Date("2026-11-25T08:00:00Z"); // Wednesday 09:00
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

const person = (name: string, language: "de" | "ar" | "tr" = "de") => personDetails({ name, language });

async function takenOf(startsAt: Date) {
  const [row] = await tdb.db
    .select({ taken: schema.appointmentSlots.taken })
    .from(schema.appointmentSlots)
    .where(and(eq(schema.appointmentSlots.serviceId, "residence-extension"), eq(schema.appointmentSlots.startsAt, startsAt)));
  return row?.taken;
}

async function lastOfferToken(email: string): Promise<string> {
  const [message] = await tdb.db
    .select({ body: schema.outbox.body })
    .from(schema.outbox)
    .where(and(eq(schema.outbox.kind, "waitlist-offer"), eq(schema.outbox.toEmail, email)))
    .orderBy(schema.outbox.id);
  const match = message?.body.match(/\/offer\/([A-Za-z0-9_-]{22})/);
  if (!match) throw new Error(`no offer message for ${email}`);
  return match[1]!;
}

async function activeAppointments(name: string) {
  const [row] = await tdb.db
    .select({ n: count() })
    .from(schema.appointments)
    .where(and(eq(schema.appointments.name, name), eq(schema.appointments.status, "booked")));
  return row!.n;
}

const jobs = bookingJobs(url);
const tokens: Record<string, string> = {};

beforeAll(async () => {
  tdb = await createTestDatabase(async (db) => {
    await seedDemoOffice(db, now);
  });
  config = (await bookingConfig(tdb.db, "residence-extension"))!;
  // The slot is full: four places, four appointments.
  for (const name of ["Booked One", "Booked Two", "Booked Three", "Booked Four"]) {
    tokens[name] = (await bookAppointment(tdb.db, { serviceId: "residence-extension", startsAt: slot, now, config, contact: person(name) })).manageToken;
  }
});
afterAll(() => tdb?.drop());

describe("joining", () => {
  test("people join; the same person twice and a person with an appointment are refused", async () => {
    const a = await joinWaitlist(tdb.db, "residence-extension", person("Anna Early"), null, url, now);
    const b = await joinWaitlist(tdb.db, "residence-extension", person("Bilal Urgent", "ar"), "2026-12-10", url, minutes(5));
    const c = await joinWaitlist(tdb.db, "residence-extension", person("Cem Later", "tr"), "2027-09-01", url, minutes(10));
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, true]);
    if (a.ok) tokens.anna = a.token;
    if (b.ok) tokens.bilal = b.token;
    if (c.ok) tokens.cem = c.token;
    expect(await joinWaitlist(tdb.db, "residence-extension", { ...person("anna  EARLY"), email: "other@example.org" }, null, url, now)).toEqual({
      ok: false,
      reason: "already-waiting",
    });
    expect(await joinWaitlist(tdb.db, "residence-extension", person("Booked One"), null, url, now)).toEqual({ ok: false, reason: "already-booked" });
    // Each joined person got a message with their link, in their language.
    const joined = await tdb.db.select().from(schema.outbox).where(eq(schema.outbox.kind, "waitlist-joined"));
    expect(joined.map((m) => m.language).sort()).toEqual(["ar", "de", "tr"]);
    expect(joined.every((m) => /\/waitlist\/[A-Za-z0-9_-]{22}/.test(m.body))).toBe(true);
  });

  test("the urgent person (permit expires within six weeks) is first in line", async () => {
    expect((await waitlistEntryByToken(tdb.db, tokens.bilal!, now))!.ahead).toBe(0);
    expect((await waitlistEntryByToken(tdb.db, tokens.anna!, now))!.ahead).toBe(1);
    expect((await waitlistEntryByToken(tdb.db, tokens.cem!, now))!.ahead).toBe(2);
  });
});

describe("offers", () => {
  let bilalOffer: string;

  test("a cancellation offers the place to the urgent person first, and holds it for them", async () => {
    expect(await cancelBooking(tdb.db, tokens["Booked One"]!, minutes(20))).toBe(true);
    expect(await runDueJobs(tdb.db, jobs, minutes(20))).toBe(1);
    bilalOffer = await lastOfferToken("bilalurgent@example.org");
    const [message] = await tdb.db.select().from(schema.outbox).where(eq(schema.outbox.kind, "waitlist-offer"));
    expect(message!.language).toBe("ar");
    // The offered place counts as taken: nobody else can hold it.
    expect(await takenOf(slot)).toBe(4);
    const racers = await Promise.all(Array.from({ length: 5 }, () => holdSlot(tdb.db, config, slot, minutes(21))));
    expect(racers.every((r) => !r.ok && r.reason === "full")).toBe(true);
  });

  test("the same job run twice does not offer the place twice", async () => {
    const again = await Promise.all([offerFreedPlace(tdb.db, await slotId(), url, minutes(22)), offerFreedPlace(tdb.db, await slotId(), url, minutes(22))]);
    expect(again).toEqual([false, false]);
    const [open] = await tdb.db.select({ n: count() }).from(schema.waitlistOffers).where(eq(schema.waitlistOffers.status, "open"));
    expect(open!.n).toBe(1);
  });

  test("ten clicks on the claim link book once", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => claimOffer(tdb.db, bilalOffer, url, minutes(30))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "gone")).toHaveLength(9);
    expect(await activeAppointments("Bilal Urgent")).toBe(1);
    expect(await takenOf(slot)).toBe(4);
    expect((await waitlistEntryByToken(tdb.db, tokens.bilal!, minutes(30)))!.status).toBe("booked");
    const [appointment] = await tdb.db.select().from(schema.appointments).where(eq(schema.appointments.name, "Bilal Urgent"));
    expect(appointment!.source).toBe("waitlist");
  });

  test("an offer nobody claims runs out and goes to the next person; nobody gets the same place twice", async () => {
    expect(await cancelBooking(tdb.db, tokens["Booked Two"]!, minutes(40))).toBe(true);
    await runDueJobs(tdb.db, jobs, minutes(40));
    const annaOffer = await lastOfferToken("annaearly@example.org");
    expect((await waitlistEntryByToken(tdb.db, tokens.anna!, minutes(41)))!.offer).not.toBeNull();
    // The offer's end: Anna missed it, Cem is asked.
    const end = minutes(40 + OFFER_MINUTES + 1);
    await runDueJobs(tdb.db, jobs, end); // expiry → queues a new offer job
    await runDueJobs(tdb.db, jobs, end); // the new offer
    expect(await claimOffer(tdb.db, annaOffer, url, end)).toEqual({ ok: false, reason: "gone" });
    const anna = await waitlistEntryByToken(tdb.db, tokens.anna!, end);
    expect(anna!.status).toBe("waiting");
    const cemOffer = await lastOfferToken("cemlater@example.org");
    expect(await takenOf(slot)).toBe(4);
    // Cem declines: he stays on the list; Anna already had this place, so it becomes free.
    expect(await declineOffer(tdb.db, cemOffer, minutes(OFFER_MINUTES + 60))).toBe(true);
    await runDueJobs(tdb.db, jobs, minutes(OFFER_MINUTES + 60));
    expect((await waitlistEntryByToken(tdb.db, tokens.cem!, minutes(OFFER_MINUTES + 60)))!.status).toBe("waiting");
    expect(await takenOf(slot)).toBe(3);
  });

  test("leaving the list", async () => {
    expect(await leaveWaitlist(tdb.db, tokens.cem!, minutes(300))).toBe(true);
    expect(await leaveWaitlist(tdb.db, tokens.cem!, minutes(300))).toBe(false);
    expect((await waitlistEntryByToken(tdb.db, tokens.cem!, minutes(300)))!.status).toBe("left");
  });
});

async function slotId() {
  const [row] = await tdb.db
    .select({ id: schema.appointmentSlots.id })
    .from(schema.appointmentSlots)
    .where(and(eq(schema.appointmentSlots.serviceId, "residence-extension"), eq(schema.appointmentSlots.startsAt, slot)));
  return row!.id;
}

describe("moving an appointment", () => {
  test("the held place becomes the appointment's, the old one is freed, the reminder follows", async () => {
    const later = new Date("2026-11-26T09:00:00Z");
    const before = await takenOf(slot);
    const hold = await holdSlot(tdb.db, config, later, minutes(400));
    if (!hold.ok) throw new Error("no hold");
    const moved = await moveBooking(tdb.db, hold.token, tokens["Booked Three"]!, minutes(400));
    expect(moved.ok).toBe(true);
    expect(await takenOf(slot)).toBe(before! - 1);
    expect(await takenOf(later)).toBe(1);
    const reminders = await tdb.db.select({ key: schema.jobs.uniqueKey }).from(schema.jobs).where(like(schema.jobs.uniqueKey, "reminder:%"));
    const [appointment] = await tdb.db.select().from(schema.appointments).where(eq(schema.appointments.name, "Booked Three"));
    expect(reminders.map((r) => r.key)).toContain(`reminder:${appointment!.id}:${appointment!.slotId}`);
    // A second use of the same hold does nothing.
    expect(await moveBooking(tdb.db, hold.token, tokens["Booked Three"]!, minutes(401))).toEqual({ ok: false, reason: "hold-expired" });
    // Only booked appointments move.
    const other = await holdSlot(tdb.db, config, later, minutes(402));
    if (!other.ok) throw new Error("no hold");
    expect(await moveBooking(tdb.db, other.token, tokens["Booked One"]!, minutes(402))).toEqual({ ok: false, reason: "not-booked" });
  });
});

describe("invitations", () => {
  test("an invitation books once; a second booking with it is refused and rolled back", async () => {
    const { token } = await createInvitation(tdb.db, { serviceId: "eat-pickup", caseReference: "MS-2026-0001", language: "ar", now });
    expect((await invitationByToken(tdb.db, token, now))!.state).toBe("valid");
    const handover = (await bookingConfig(tdb.db, "eat-pickup"))!;
    const startsAt = new Date("2026-11-27T08:00:00Z");
    const holds = await Promise.all([0, 1, 2].map(() => holdSlot(tdb.db, handover, startsAt, now)));
    const results = await Promise.all(holds.map((h, i) => (h.ok ? confirmBooking(tdb.db, h.token, person(`Invited ${i}`), `invite-${i}`, now, undefined, token) : null)));
    expect(results.filter((r) => r?.ok)).toHaveLength(1);
    expect(results.filter((r) => r && !r.ok && r.reason === "invitation-invalid")).toHaveLength(2);
    const [made] = await tdb.db.select({ n: count() }).from(schema.appointments).where(eq(schema.appointments.serviceId, "eat-pickup"));
    expect(made!.n).toBe(1);
    expect((await invitationByToken(tdb.db, token, now))!.state).toBe("used");
  });

  test("expired invitations and invitations for other services do not book", async () => {
    const { token } = await createInvitation(tdb.db, { serviceId: "eat-pickup", caseReference: "MS-2026-0002", language: "de", now, validDays: 1 });
    expect((await invitationByToken(tdb.db, token, minutes(2 * 24 * 60)))!.state).toBe("expired");
    await expect(createInvitation(tdb.db, { serviceId: "residence-extension", caseReference: "X", language: "de", now })).rejects.toThrow();
  });
});
