// Appointments. Capacity, one active appointment per person and service, and idempotent
// confirmation are enforced here, by constraints and indexes, not only by the server code.
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, serial, smallint, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { services, units } from "./office";

/**
 * A bookable time of a service. Rows are created when first needed (from the opening hours and
 * the slot capacity); `taken` counts live holds and booked appointments and can never exceed
 * `capacity`.
 */
export const appointmentSlots = pgTable(
  "appointment_slots",
  {
    id: serial("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    capacity: smallint("capacity").notNull(),
    taken: smallint("taken").notNull().default(0),
  },
  (t) => [
    unique("appointment_slots_service_start").on(t.serviceId, t.startsAt),
    check("appointment_slots_capacity", sql`${t.capacity} BETWEEN 1 AND 50`),
    check("appointment_slots_taken", sql`${t.taken} BETWEEN 0 AND ${t.capacity}`),
    check("appointment_slots_order", sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

/** A time held for a few minutes while a person enters their details. Counts in `taken`. */
export const appointmentHolds = pgTable(
  "appointment_holds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slotId: integer("slot_id")
      .notNull()
      .references(() => appointmentSlots.id, { onDelete: "cascade" }),
    /** sha256 of the hold token the browser keeps; the token itself is never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    extensions: smallint("extensions").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("appointment_holds_expiry").on(t.expiresAt), check("appointment_holds_extensions", sql`${t.extensions} BETWEEN 0 AND 3`)],
);

export const appointments = pgTable(
  "appointments",
  {
    id: serial("id").primaryKey(),
    /** Short code to read out at the counter and type at check-in. */
    code: text("code").notNull().unique(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id),
    slotId: integer("slot_id")
      .notNull()
      .references(() => appointmentSlots.id),
    status: text("status").notNull().default("booked"),
    name: text("name").notNull(),
    birthDate: date("birth_date").notNull(),
    email: text("email"),
    phone: text("phone"),
    language: text("language").notNull(),
    /** Normalised name + date of birth: one active appointment per person and service. */
    personKey: text("person_key").notNull(),
    emailKey: text("email_key"),
    phoneKey: text("phone_key"),
    /** sha256 of the link token (>= 128 bits) that lets the person see, move or cancel. */
    manageTokenHash: text("manage_token_hash").notNull().unique(),
    /** Sent with the confirmation form: a double click or a retry books once. */
    idempotencyKey: text("idempotency_key").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** How the appointment came about: the calendar, a waitlist offer, a lottery, an invitation. */
    source: text("source").notNull().default("calendar"),
    /** Set at check-in: the number shown on the waiting-room display (per office day, from 1). */
    ticket: integer("ticket"),
    ticketDay: date("ticket_day"),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    /** When a counter called the person, and which counter. */
    calledAt: timestamp("called_at", { withTimezone: true }),
    calledCounter: smallint("called_counter"),
  },
  (t) => [
    check("appointments_source", sql`${t.source} IN ('calendar', 'waitlist', 'lottery', 'invitation')`),
    check(
      "appointments_checked_in",
      sql`(${t.status} IN ('checked_in', 'completed')) <= (${t.checkedInAt} IS NOT NULL AND ${t.ticket} IS NOT NULL AND ${t.ticketDay} IS NOT NULL)`,
    ),
    check(
      "appointments_called_counter",
      sql`(${t.calledAt} IS NULL) = (${t.calledCounter} IS NULL) AND (${t.calledCounter} IS NULL OR ${t.calledCounter} BETWEEN 1 AND 50)`,
    ),
    unique("appointments_ticket_per_day").on(t.ticketDay, t.ticket),
    check("appointments_status", sql`${t.status} IN ('booked', 'cancelled', 'checked_in', 'no_show', 'completed')`),
    check("appointments_contact", sql`${t.email} IS NOT NULL OR ${t.phone} IS NOT NULL`),
    check("appointments_language", sql`${t.language} IN ('de','en','ar','fa','tr','uk','ru','fr')`),
    check("appointments_cancelled_at", sql`(${t.status} = 'cancelled') = (${t.cancelledAt} IS NOT NULL)`),
    uniqueIndex("appointments_one_per_person").on(t.serviceId, t.personKey).where(sql`${t.status} = 'booked'`),
    uniqueIndex("appointments_one_per_email").on(t.serviceId, t.emailKey).where(sql`${t.status} = 'booked' AND ${t.emailKey} IS NOT NULL`),
    uniqueIndex("appointments_one_per_phone").on(t.serviceId, t.phoneKey).where(sql`${t.status} = 'booked' AND ${t.phoneKey} IS NOT NULL`),
    index("appointments_slot").on(t.slotId),
  ],
);

/**
 * Messages to people. With SMTP configured they are sent and marked; otherwise they stay here
 * and demo mode shows them on a page.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: serial("id").primaryKey(),
    kind: text("kind").notNull(),
    toEmail: text("to_email"),
    toPhone: text("to_phone"),
    language: text("language").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [check("outbox_recipient", sql`${t.toEmail} IS NOT NULL OR ${t.toPhone} IS NOT NULL`)],
);

/** Fixed-window counters for rate limits, shared by every app process. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    bucket: text("bucket").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (t) => [unique("rate_limits_window").on(t.bucket, t.windowStart), index("rate_limits_window_start").on(t.windowStart)],
);

/** Single-use things already used (solved proof-of-work challenges, wait tickets), until they expire. */
export const spentTokens = pgTable(
  "spent_tokens",
  {
    hash: text("hash").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("spent_tokens_expiry").on(t.expiresAt)],
);

/**
 * Background jobs (reminders, sweeps, lottery draws, waitlist offers), taken by any app process
 * with FOR UPDATE SKIP LOCKED, so that any number of processes can run.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: serial("id").primaryKey(),
    kind: text("kind").notNull(),
    payload: text("payload").notNull().default("{}"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    /** At most one pending job per key (e.g. one reminder per appointment). */
    uniqueKey: text("unique_key").unique(),
    attempts: smallint("attempts").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    doneAt: timestamp("done_at", { withTimezone: true }),
    lastError: text("last_error"),
  },
  (t) => [index("jobs_due").on(t.runAt).where(sql`${t.doneAt} IS NULL`)],
);

/** Contact details shared by waitlist entries and lottery requests. */
function personColumns() {
  return {
    name: text("name").notNull(),
    birthDate: date("birth_date").notNull(),
    email: text("email"),
    phone: text("phone"),
    language: text("language").notNull(),
    personKey: text("person_key").notNull(),
    emailKey: text("email_key"),
    phoneKey: text("phone_key"),
    /** When the person's current permit expires, if they said: earlier expiry goes first. */
    permitExpires: date("permit_expires"),
    /** sha256 of the link token that lets the person see where they stand or leave. */
    manageTokenHash: text("manage_token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  };
}

/**
 * People waiting for a service with no free time. A cancelled place is offered to the next
 * person (urgent permit expiry first, then waiting time); one active entry per person and service.
 */
export const waitlistEntries = pgTable(
  "waitlist_entries",
  {
    id: serial("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    ...personColumns(),
    status: text("status").notNull().default("waiting"),
    /** Offers that ran out unclaimed; after MAX_MISSED_OFFERS the entry lapses. */
    missedOffers: smallint("missed_offers").notNull().default(0),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    check("waitlist_entries_status", sql`${t.status} IN ('waiting', 'offered', 'booked', 'left', 'lapsed')`),
    check("waitlist_entries_contact", sql`${t.email} IS NOT NULL OR ${t.phone} IS NOT NULL`),
    check("waitlist_entries_language", sql`${t.language} IN ('de','en','ar','fa','tr','uk','ru','fr')`),
    check("waitlist_entries_closed", sql`(${t.status} IN ('waiting', 'offered')) = (${t.closedAt} IS NULL)`),
    uniqueIndex("waitlist_one_per_person").on(t.serviceId, t.personKey).where(sql`${t.status} IN ('waiting', 'offered')`),
    uniqueIndex("waitlist_one_per_email").on(t.serviceId, t.emailKey).where(sql`${t.status} IN ('waiting', 'offered') AND ${t.emailKey} IS NOT NULL`),
    uniqueIndex("waitlist_one_per_phone").on(t.serviceId, t.phoneKey).where(sql`${t.status} IN ('waiting', 'offered') AND ${t.phoneKey} IS NOT NULL`),
    index("waitlist_queue").on(t.serviceId, t.status, t.createdAt),
  ],
);

/** A freed place offered to a waiting person; the place is held (an appointment hold) meanwhile. */
export const waitlistOffers = pgTable(
  "waitlist_offers",
  {
    id: serial("id").primaryKey(),
    entryId: integer("entry_id")
      .notNull()
      .references(() => waitlistEntries.id, { onDelete: "cascade" }),
    slotId: integer("slot_id")
      .notNull()
      .references(() => appointmentSlots.id, { onDelete: "cascade" }),
    holdId: uuid("hold_id").references(() => appointmentHolds.id, { onDelete: "set null" }),
    /** sha256 of the claim link token (>= 128 bits). */
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    status: text("status").notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    check("waitlist_offers_status", sql`${t.status} IN ('open', 'claimed', 'declined', 'expired')`),
    check("waitlist_offers_decided", sql`(${t.status} = 'open') = (${t.decidedAt} IS NULL)`),
    uniqueIndex("waitlist_offers_one_open_per_entry").on(t.entryId).where(sql`${t.status} = 'open'`),
    unique("waitlist_offers_once_per_slot").on(t.entryId, t.slotId),
  ],
);

/**
 * Fair release: the times of a date range are announced, requests are collected during a window,
 * then allocated by lottery, with a share reserved for people whose permit expires soon.
 */
export const releaseRounds = pgTable(
  "release_rounds",
  {
    id: serial("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    windowOpensAt: timestamp("window_opens_at", { withTimezone: true }).notNull(),
    windowClosesAt: timestamp("window_closes_at", { withTimezone: true }).notNull(),
    /** The days whose times this round releases. */
    slotsFrom: date("slots_from").notNull(),
    slotsTo: date("slots_to").notNull(),
    /** Percentage of places reserved for people whose permit expires within `urgentWithinDays`. */
    urgentSharePercent: smallint("urgent_share_percent").notNull(),
    urgentWithinDays: smallint("urgent_within_days").notNull(),
    status: text("status").notNull().default("open"),
    drawnAt: timestamp("drawn_at", { withTimezone: true }),
    /** Filled at the draw, for the record: places, requests, winners. */
    places: integer("places"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("release_rounds_status", sql`${t.status} IN ('open', 'drawn')`),
    check("release_rounds_drawn", sql`(${t.status} = 'drawn') = (${t.drawnAt} IS NOT NULL)`),
    check("release_rounds_window", sql`${t.windowOpensAt} < ${t.windowClosesAt}`),
    check("release_rounds_days", sql`${t.slotsFrom} <= ${t.slotsTo}`),
    check("release_rounds_share", sql`${t.urgentSharePercent} BETWEEN 0 AND 100`),
    check("release_rounds_urgent_days", sql`${t.urgentWithinDays} BETWEEN 1 AND 365`),
  ],
);

export const releaseRequests = pgTable(
  "release_requests",
  {
    id: serial("id").primaryKey(),
    roundId: integer("round_id")
      .notNull()
      .references(() => releaseRounds.id, { onDelete: "cascade" }),
    ...personColumns(),
    /** The permit expires within the round's urgent window (decided when the request is made). */
    urgent: boolean("urgent").notNull().default(false),
    result: text("result").notNull().default("pending"),
    appointmentId: integer("appointment_id").references(() => appointments.id),
  },
  (t) => [
    check("release_requests_result", sql`${t.result} IN ('pending', 'won', 'lost')`),
    check("release_requests_won", sql`(${t.result} = 'won') = (${t.appointmentId} IS NOT NULL)`),
    check("release_requests_contact", sql`${t.email} IS NOT NULL OR ${t.phone} IS NOT NULL`),
    check("release_requests_language", sql`${t.language} IN ('de','en','ar','fa','tr','uk','ru','fr')`),
    unique("release_requests_one_per_person").on(t.roundId, t.personKey),
    uniqueIndex("release_requests_one_per_email").on(t.roundId, t.emailKey).where(sql`${t.emailKey} IS NOT NULL`),
    uniqueIndex("release_requests_one_per_phone").on(t.roundId, t.phoneKey).where(sql`${t.phoneKey} IS NOT NULL`),
  ],
);

/**
 * Single-use invitations to book an invitation-only service (e.g. handing over a decided
 * permit), tied to a case. Used in the same transaction that books the appointment.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: serial("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    /** The case the invitation belongs to (its reference number). */
    caseReference: text("case_reference").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    language: text("language").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    appointmentId: integer("appointment_id").references(() => appointments.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("invitations_used", sql`(${t.usedAt} IS NULL) = (${t.appointmentId} IS NULL)`),
    check("invitations_language", sql`${t.language} IN ('de','en','ar','fa','tr','uk','ru','fr')`),
  ],
);

/** Days on which the office (unit null) or one unit takes no appointments, besides holidays. */
export const closures = pgTable(
  "closures",
  {
    id: serial("id").primaryKey(),
    day: date("day").notNull(),
    unitId: text("unit_id").references(() => units.id, { onDelete: "cascade" }),
    /** The staff member's note (internal, German). */
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("closures_day_unit").on(t.day, t.unitId).nullsNotDistinct()],
);

/** The last ticket number given out per office day (check-in takes the next one under a row lock). */
export const ticketCounters = pgTable("ticket_counters", {
  day: date("day").primaryKey(),
  last: integer("last").notNull(),
});
