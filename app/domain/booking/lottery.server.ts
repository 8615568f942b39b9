// Fair release: for a service in lottery mode, one calendar week of times is released per round.
// Requests are collected while the round's window is open and allocated by lottery when it
// closes, with a share reserved for people whose permit expires soon; everyone learns the result
// by message. Leftover places become bookable in the calendar after the draw.
import { randomInt } from "node:crypto";
import { and, asc, eq, gt, gte, inArray, lte, sql } from "drizzle-orm";
import type { Database, Tx } from "#app/lib/db.server";
import { serverI18n } from "#app/lib/i18n/instance.server";
import { isLanguage, pick } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";
import { queueMessage } from "#app/domain/messages/outbox.server";
import { bookingConfig } from "./availability.server";
import { type Contact, hasActiveAppointment, insertAppointment, uniqueViolation, waitingPersonRow } from "./booking.server";
import { hashToken, newToken } from "./tokens.server";
import { releaseExpired } from "./holds.server";
import { drawLottery, type RandomInt } from "./lottery";
import { composeMessage, when } from "./messages.server";
import { addDays, dayIn, isoWeekday, slotsForDay, zonedTimeToUtc } from "./slots";

export type Round = typeof schema.releaseRounds.$inferSelect;

/** The rounds a person can see for a service: open or announced, and the last drawn one. */
export async function roundsOf(db: Database, serviceId: string, now: Date) {
  const rows = await db
    .select()
    .from(schema.releaseRounds)
    .where(and(eq(schema.releaseRounds.serviceId, serviceId), gt(schema.releaseRounds.windowClosesAt, new Date(now.getTime() - 14 * 86_400_000))))
    .orderBy(asc(schema.releaseRounds.windowOpensAt));
  return {
    open: rows.filter((r) => r.status === "open" && r.windowOpensAt <= now && now < r.windowClosesAt),
    upcoming: rows.filter((r) => r.status === "open" && r.windowOpensAt > now),
    /** Closed, waiting for the draw (a few seconds at most). */
    closing: rows.filter((r) => r.status === "open" && r.windowClosesAt <= now),
  };
}

/** The round with its service, if it exists. */
export async function roundById(db: Database, roundId: number) {
  const [row] = await db
    .select({ round: schema.releaseRounds, serviceName: schema.services.name, timeZone: schema.office.timeZone })
    .from(schema.releaseRounds)
    .innerJoin(schema.services, eq(schema.services.id, schema.releaseRounds.serviceId))
    .innerJoin(schema.office, eq(schema.office.id, 1))
    .where(eq(schema.releaseRounds.id, roundId));
  return row ?? null;
}

/**
 * Plans the rounds of lottery services: one round per calendar week, its window opening
 * `leadDays` before the week's Monday at 08:00 office time. Creates the rounds whose window
 * opens within the next week and has not closed yet; existing weeks are left alone (the
 * exclusion constraint release_rounds_no_overlap makes this safe in concurrent processes).
 */
export async function planRounds(db: Database, now: Date): Promise<number> {
  const services = await db
    .select({ serviceId: schema.slotCapacities.serviceId })
    .from(schema.slotCapacities)
    .innerJoin(schema.services, eq(schema.services.id, schema.slotCapacities.serviceId))
    .where(and(eq(schema.slotCapacities.releaseMode, "lottery"), eq(schema.services.active, true)));
  let created = 0;
  for (const { serviceId } of services) {
    const config = await bookingConfig(db, serviceId, { forDraw: true });
    if (!config) continue;
    const { timeZone } = config.rules;
    const today = dayIn(now, timeZone);
    const thisMonday = addDays(today, 1 - isoWeekday(today));
    for (let week = 0; week < 30; week++) {
      const monday = addDays(thisMonday, week * 7);
      const opensAt = zonedTimeToUtc(addDays(monday, -config.lottery.leadDays), "08:00", timeZone);
      const closesAt = new Date(opensAt.getTime() + config.lottery.windowHours * 3_600_000);
      if (opensAt.getTime() > now.getTime() + 7 * 86_400_000) break;
      if (closesAt <= now) continue;
      const rows = await db
        .insert(schema.releaseRounds)
        .values({
          serviceId,
          windowOpensAt: opensAt,
          windowClosesAt: closesAt,
          slotsFrom: monday,
          slotsTo: addDays(monday, 6),
          urgentSharePercent: config.lottery.urgentSharePercent,
          urgentWithinDays: config.lottery.urgentDays,
        })
        .onConflictDoNothing()
        .returning({ id: schema.releaseRounds.id });
      created += rows.length;
    }
  }
  return created;
}

export type RequestResult = { ok: true; token: string } | { ok: false; reason: "closed" | "already-requested" | "already-booked" };

/** Enters a person in an open round's draw, and sends them a receipt. */
export async function requestInRound(db: Database, roundId: number, person: Contact, permitExpires: string | null, publicUrl: string, now: Date): Promise<RequestResult> {
  const found = await roundById(db, roundId);
  if (!found) return { ok: false, reason: "closed" };
  const { round, serviceName, timeZone } = found;
  if (round.status !== "open" || now < round.windowOpensAt || now >= round.windowClosesAt) return { ok: false, reason: "closed" };
  if (await hasActiveAppointment(db, round.serviceId, person)) return { ok: false, reason: "already-booked" };
  const urgent = permitExpires !== null && permitExpires <= addDays(dayIn(now, timeZone), round.urgentWithinDays);
  const token = newToken();
  try {
    await db.transaction(async (tx) => {
      // Locks the round against a concurrent draw: a request is either in the draw or refused.
      const [locked] = await tx
        .select({ status: schema.releaseRounds.status, closesAt: schema.releaseRounds.windowClosesAt })
        .from(schema.releaseRounds)
        .where(eq(schema.releaseRounds.id, roundId))
        .for("share");
      if (locked?.status !== "open" || now >= locked.closesAt) throw new RoundClosed();
      await tx.insert(schema.releaseRequests).values({ roundId, urgent, ...waitingPersonRow(person, permitExpires, token, now) });
      const lng = person.language;
      const service = pick(serviceName, lng);
      await queueMessage(
        tx,
        composeMessage(
          await serverI18n(),
          "lottery-request",
          person,
          ["message.lottery.requestSubject", { service }],
          [
            ["message.lottery.requested", { service, draw: when(lng, round.windowClosesAt, timeZone) }],
            ["message.lottery.fair"],
            ["message.lottery.status", { url: `${publicUrl}/lottery/${token}?lng=${lng}` }],
          ],
        ),
      );
    });
  } catch (error) {
    if (error instanceof RoundClosed) return { ok: false, reason: "closed" };
    const constraint = uniqueViolation(error);
    if (constraint?.startsWith("release_requests_one_per_")) return { ok: false, reason: "already-requested" };
    throw error;
  }
  return { ok: true, token };
}

class RoundClosed extends Error {}

/** A request behind its link, with its round. */
export async function releaseRequestByToken(db: Database, token: string) {
  const [row] = await db
    .select({
      id: schema.releaseRequests.id,
      result: schema.releaseRequests.result,
      urgent: schema.releaseRequests.urgent,
      roundId: schema.releaseRequests.roundId,
      serviceId: schema.releaseRounds.serviceId,
      serviceName: schema.services.name,
      windowClosesAt: schema.releaseRounds.windowClosesAt,
      slotsFrom: schema.releaseRounds.slotsFrom,
      slotsTo: schema.releaseRounds.slotsTo,
      appointmentStartsAt: schema.appointmentSlots.startsAt,
      appointmentCode: schema.appointments.code,
      timeZone: schema.office.timeZone,
    })
    .from(schema.releaseRequests)
    .innerJoin(schema.releaseRounds, eq(schema.releaseRounds.id, schema.releaseRequests.roundId))
    .innerJoin(schema.services, eq(schema.services.id, schema.releaseRounds.serviceId))
    .innerJoin(schema.office, eq(schema.office.id, 1))
    .leftJoin(schema.appointments, eq(schema.appointments.id, schema.releaseRequests.appointmentId))
    .leftJoin(schema.appointmentSlots, eq(schema.appointmentSlots.id, schema.appointments.slotId))
    .where(eq(schema.releaseRequests.manageTokenHash, hashToken(token)));
  return row ?? null;
}

/** Draws every round whose window has closed (run by the background tick in any process). */
export async function drawDueRounds(db: Database, publicUrl: string, now: Date, random: RandomInt = randomInt): Promise<number> {
  let drawn = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [round] = await tx
        .select()
        .from(schema.releaseRounds)
        .where(and(eq(schema.releaseRounds.status, "open"), lte(schema.releaseRounds.windowClosesAt, now)))
        .orderBy(asc(schema.releaseRounds.windowClosesAt))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!round) return false;
      await drawRound(tx, round, publicUrl, now, random);
      return true;
    });
    if (!done) return drawn;
    drawn++;
  }
}

async function drawRound(tx: Tx, round: Round, publicUrl: string, now: Date, random: RandomInt) {
  const config = await bookingConfig(tx, round.serviceId, { forDraw: true });
  const [info] = await tx
    .select({ name: schema.services.name, timeZone: schema.office.timeZone })
    .from(schema.services)
    .innerJoin(schema.office, eq(schema.office.id, 1))
    .where(eq(schema.services.id, round.serviceId));

  // The places: every free place of every slot of the round's days, in time order.
  const places: Array<{ slotId: number; startsAt: Date }> = [];
  if (config) {
    const rules = { ...config.rules, bookingHorizonDays: 366 };
    for (let day = round.slotsFrom; day <= round.slotsTo; day = addDays(day, 1)) {
      for (const c of slotsForDay(day, config.hours, config.holidays, rules, now)) {
        await tx
          .insert(schema.appointmentSlots)
          .values({ serviceId: round.serviceId, unitId: config.unitId, startsAt: c.startsAt, endsAt: c.endsAt, capacity: config.rules.capacity })
          .onConflictDoNothing();
      }
    }
    const from = zonedTimeToUtc(round.slotsFrom, "00:00", config.rules.timeZone);
    const to = zonedTimeToUtc(addDays(round.slotsTo, 1), "00:00", config.rules.timeZone);
    const slots = await tx
      .select({ id: schema.appointmentSlots.id, startsAt: schema.appointmentSlots.startsAt, capacity: schema.appointmentSlots.capacity })
      .from(schema.appointmentSlots)
      .where(
        and(
          eq(schema.appointmentSlots.serviceId, round.serviceId),
          gte(schema.appointmentSlots.startsAt, from),
          sql`${schema.appointmentSlots.startsAt} < ${to.toISOString()}`,
        ),
      )
      .orderBy(asc(schema.appointmentSlots.startsAt))
      .for("update");
    for (const slot of slots) {
      await releaseExpired(tx, slot.id, now);
      const [fresh] = await tx.select({ taken: schema.appointmentSlots.taken }).from(schema.appointmentSlots).where(eq(schema.appointmentSlots.id, slot.id));
      for (let i = fresh?.taken ?? slot.capacity; i < slot.capacity; i++) places.push({ slotId: slot.id, startsAt: slot.startsAt });
    }
  }

  const requests = await tx
    .select()
    .from(schema.releaseRequests)
    .where(and(eq(schema.releaseRequests.roundId, round.id), eq(schema.releaseRequests.result, "pending")))
    .orderBy(asc(schema.releaseRequests.id));
  const allocation = drawLottery(
    places.length,
    requests.map((r) => ({ id: r.id, urgent: r.urgent })),
    round.urgentSharePercent,
    random,
  );
  const byId = new Map(requests.map((r) => [r.id, r]));
  const i18n = await serverI18n();
  const lost = new Set(allocation.losers);

  for (const { requestId, place } of allocation.winners) {
    const request = byId.get(requestId)!;
    const { slotId, startsAt } = places[place]!;
    if (!isLanguage(request.language)) continue;
    const contact: Contact = { name: request.name, birthDate: request.birthDate, email: request.email, phone: request.phone, language: request.language };
    let booked: Awaited<ReturnType<typeof insertAppointment>> | null = null;
    try {
      // A savepoint: a person who booked in the meantime loses this draw, the rest goes on.
      booked = await tx.transaction((sp) =>
        insertAppointment(sp, { slotId, serviceId: round.serviceId, startsAt, contact, source: "lottery", idempotencyKey: `lottery:${request.id}`, now }),
      );
    } catch (error) {
      if (!uniqueViolation(error)?.startsWith("appointments_one_per_")) throw error;
    }
    if (!booked) {
      lost.add(requestId);
      continue;
    }
    await tx
      .update(schema.appointmentSlots)
      .set({ taken: sql`${schema.appointmentSlots.taken} + 1` })
      .where(eq(schema.appointmentSlots.id, slotId));
    await tx.update(schema.releaseRequests).set({ result: "won", appointmentId: booked.id }).where(eq(schema.releaseRequests.id, request.id));
    const lng = request.language;
    const service = pick(info!.name, lng);
    const at = when(lng, startsAt, info!.timeZone);
    await queueMessage(
      tx,
      composeMessage(
        i18n,
        "lottery-won",
        contact,
        ["message.lottery.wonSubject", { service }],
        [
          ["message.lottery.won", { service, when: at }],
          ["message.confirmation.code", { code: booked.code }],
          ["message.confirmation.bring", { url: `${publicUrl}/services/${round.serviceId}?lng=${lng}` }],
          ["message.confirmation.manage", { url: `${publicUrl}/appointment/${booked.manageToken}?lng=${lng}` }],
        ],
      ),
    );
  }

  const losers = requests.filter((r) => lost.has(r.id));
  if (losers.length > 0) {
    await tx
      .update(schema.releaseRequests)
      .set({ result: "lost" })
      .where(
        inArray(
          schema.releaseRequests.id,
          losers.map((r) => r.id),
        ),
      );
  }
  for (const request of losers) {
    if (!isLanguage(request.language)) continue;
    const lng = request.language;
    const service = pick(info!.name, lng);
    await queueMessage(
      tx,
      composeMessage(
        i18n,
        "lottery-lost",
        { ...request, language: lng },
        ["message.lottery.lostSubject", { service }],
        [
          ["message.lottery.lost", { service }],
          ["message.lottery.next", { url: `${publicUrl}/book/${round.serviceId}?lng=${lng}` }],
        ],
      ),
    );
  }
  await tx.update(schema.releaseRounds).set({ status: "drawn", drawnAt: now, places: places.length }).where(eq(schema.releaseRounds.id, round.id));
}
