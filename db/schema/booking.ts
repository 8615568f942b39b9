// Appointments. Capacity, one active appointment per person and service, and idempotent
// confirmation are enforced here, by constraints and indexes, not only by the server code.
import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
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
  },
  (t) => [
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
