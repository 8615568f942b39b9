// Arranging what a person cannot arrange through the pages (a fully booked service, a lottery
// round whose window closes now, an invitation from a case), directly in the journey's
// PostgreSQL database. Each journey creates its own service and unit, so journeys running in
// parallel never share places.
import { createHash, randomBytes } from "node:crypto";
import postgres from "postgres";

let client: postgres.Sql | undefined;

/** The journey server's database; only PostgreSQL runs have it (see global-setup.ts). */
export function database(): postgres.Sql {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: this journey runs against PostgreSQL only (see playwright.config.ts)");
  client ??= postgres(url, { max: 2, onnotice: () => {} });
  return client;
}

export const newToken = () => randomBytes(16).toString("base64url");
export const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export type TestService = { id: string; unitId: string };

/**
 * A service of its own with 15-minute slots from 10:00 to 10:30 on every day of the week and
 * one place per slot, bookable from now (no lead time) for the next `horizonDays` days.
 */
export async function createService(options: { horizonDays?: number } = {}): Promise<TestService> {
  const sql = database();
  const suffix = randomBytes(4).toString("hex");
  const id = `e2e-${suffix}`;
  await sql.begin(async (tx) => {
    await tx`
      insert into units (id, kind, name, description)
      select ${id}, 'clearing', name, description from units where id = 'clearing'`;
    await tx`
      insert into services (id, unit_id, legal_basis, appointment, takes_application, name, summary, sort, active)
      select ${id}, unit_id, legal_basis, 'required', false,
             -- A name of its own (not the copied service's), so that other journeys looking
             -- for a service by name in the catalogue never find two.
             (select jsonb_object_agg(key, 'E2E ' || ${suffix}) from jsonb_each_text(name)), summary, 900, true
      from services where id = 'residence-extension'`;
    for (let weekday = 1; weekday <= 7; weekday++) {
      await tx`insert into opening_hours (unit_id, weekday, opens, closes, counters) values (${id}, ${weekday}, '10:00', '10:30', 1)`;
    }
    await tx`
      insert into slot_capacities (service_id, unit_id, slot_minutes, parallel, booking_horizon_days, min_lead_hours, release_mode)
      values (${id}, ${id}, 15, 1, ${options.horizonDays ?? 3}, 0, 'first_come')`;
  });
  return { id, unitId: id };
}

/** Takes every place of the service in its horizon (as if booked long ago). */
export async function fillAllPlaces(service: TestService, days = 5) {
  await database()`
    insert into appointment_slots (service_id, unit_id, starts_at, ends_at, capacity, taken)
    select ${service.id}, ${service.unitId}, t, t + interval '15 minutes', 1, 1
    from generate_series(0, ${days}) as d,
         lateral (values ('10:00'::time), ('10:15'::time)) as times(at),
         lateral (select ((current_date + d) + times.at) at time zone 'Europe/Berlin' as t) as s
    on conflict (service_id, starts_at) do update set taken = excluded.capacity`;
}

/** A booked appointment of someone else in the service's first future slot; returns its link token. */
export async function bookSomeoneElse(service: TestService): Promise<{ token: string; startsAt: Date }> {
  const sql = database();
  const token = newToken();
  const [slot] = await sql<{ id: number; starts_at: Date }[]>`
    select id, starts_at from appointment_slots
    where service_id = ${service.id} and starts_at > now() + interval '3 hours' order by starts_at limit 1`;
  if (!slot) throw new Error("no future slot to book");
  const id = randomBytes(4).toString("hex");
  await sql`
    insert into appointments (code, service_id, slot_id, name, birth_date, email, language, person_key, email_key, manage_token_hash, idempotency_key)
    values (${`E2E${id.slice(0, 1).toUpperCase()}-${id.slice(1, 5).toUpperCase()}`}, ${service.id}, ${slot.id}, ${`Other Person ${id}`}, '1970-01-01',
            ${`other-${id}@example.org`}, 'de', ${`other person ${id}|1970-01-01`}, ${`other-${id}@example.org`}, ${hash(token)}, ${`e2e-${id}`})`;
  return { token, startsAt: slot.starts_at };
}

/** The first day from `fromDay` on (YYYY-MM-DD, office time) that is no public holiday. */
export async function workingDayFrom(offsetDays: number): Promise<string> {
  const [row] = await database()<{ day: string }[]>`
    select to_char(d, 'YYYY-MM-DD') as day
    from generate_series(current_date + ${offsetDays}::int, current_date + ${offsetDays + 10}::int, interval '1 day') as d
    where d::date not in (select day from holidays) order by d limit 1`;
  return row!.day;
}

/**
 * An open lottery round of the service for one day (the window closes in an hour), and the
 * service switched to lottery mode. The round is inserted first, so that the background
 * planner (which plans whole weeks for lottery services) cannot take that day before it.
 */
export async function openRound(service: TestService, day: string, urgentSharePercent = 50): Promise<number> {
  const sql = database();
  const [row] = await sql<{ id: number }[]>`
    insert into release_rounds (service_id, window_opens_at, window_closes_at, slots_from, slots_to, urgent_share_percent, urgent_within_days)
    values (${service.id}, now() - interval '1 minute', now() + interval '1 hour', ${day}, ${day}, ${urgentSharePercent}, 42)
    returning id`;
  await sql`update slot_capacities set release_mode = 'lottery' where service_id = ${service.id}`;
  return row!.id;
}

/** A request by someone else in a round; returns its link token. */
export async function requestBySomeoneElse(roundId: number, language: string): Promise<{ token: string; email: string }> {
  const token = newToken();
  const id = randomBytes(4).toString("hex");
  const email = `lottery-${id}@example.org`;
  await database()`
    insert into release_requests (round_id, name, birth_date, email, language, person_key, email_key, manage_token_hash)
    values (${roundId}, ${`Someone Else ${id}`}, '1980-01-01', ${email}, ${language}, ${`else someone ${id}|1980-01-01`}, ${email}, ${hash(token)})`;
  return { token, email };
}

/** Closes the round's window now: the next background tick (every 5 s) draws it. */
export async function closeRound(roundId: number) {
  await database()`update release_rounds set window_closes_at = now(), window_opens_at = now() - interval '2 hours' where id = ${roundId}`;
}

/** Messages of a kind to an address, newest last. */
export async function messagesTo(email: string, kind: string) {
  return database()<{ subject: string; body: string; language: string }[]>`
    select subject, body, language from outbox where to_email = ${email} and kind = ${kind} order by id`;
}

/** An invitation to an invitation-only service, as a case would send it; returns its token. */
export async function invite(serviceId: string, language: string): Promise<string> {
  const token = newToken();
  await database()`
    insert into invitations (service_id, case_reference, token_hash, language, expires_at)
    values (${serviceId}, ${`E2E-${randomBytes(3).toString("hex")}`}, ${hash(token)}, ${language}, now() + interval '30 days')`;
  return token;
}
