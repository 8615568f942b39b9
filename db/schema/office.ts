// The office configuration as data: units, letter ranges, services, questions, document rules,
// reason codes, opening hours, holidays and slot capacities. The demo office is seeded from
// db/seed; a real office edits the same tables.
import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, foreignKey, integer, pgTable, serial, smallint, text, time, timestamp, unique } from "drizzle-orm/pg-core";
import { hasAllLanguages, translated } from "./columns";

export const office = pgTable(
  "office",
  {
    id: smallint("id").primaryKey().default(1),
    name: text("name").notNull(),
    street: text("street").notNull(),
    postcode: text("postcode").notNull(),
    city: text("city").notNull(),
    phone: text("phone").notNull(),
    email: text("email").notNull(),
    timeZone: text("time_zone").notNull().default("Europe/Berlin"),
    /** Typical weeks from a complete file to a decision, as the office states it. */
    statedProcessingWeeks: smallint("stated_processing_weeks").notNull(),
    /** Typical working days from submission to the end of the completeness check, as the office states it. */
    statedClearingDays: smallint("stated_clearing_days").notNull().default(10),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("office_single_row", sql`${t.id} = 1`),
    check("office_processing_weeks_positive", sql`${t.statedProcessingWeeks} > 0`),
    check("office_clearing_days_positive", sql`${t.statedClearingDays} > 0`),
  ],
);

export const units = pgTable(
  "units",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    name: translated("name").notNull(),
    description: translated("description").notNull(),
    sort: smallint("sort").notNull().default(0),
  },
  (t) => [
    check("units_kind", sql`${t.kind} IN ('clearing', 'service_point', 'specialist')`),
    check("units_name_translated", hasAllLanguages(t.name)),
    check("units_description_translated", hasAllLanguages(t.description)),
    check("units_id_slug", sql`${t.id} ~ '^[a-z][a-z0-9-]*$'`),
  ],
);

/**
 * Which case worker of a unit is responsible for which family names, by the first letter of
 * the name as written in the passport's machine-readable zone (A-Z only). Overlaps within a
 * unit are refused by an exclusion constraint (migration 0002).
 */
export const letterRanges = pgTable(
  "letter_ranges",
  {
    id: serial("id").primaryKey(),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    firstLetter: text("first_letter").notNull(),
    lastLetter: text("last_letter").notNull(),
    /** The responsible case worker or team, as the office names them. */
    caseWorker: text("case_worker").notNull(),
    /** The case worker's account (its inbox holds this range's cases); foreign key in migration 0011. */
    staffUserId: integer("staff_user_id"),
  },
  (t) => [
    check("letter_ranges_first_letter", sql`${t.firstLetter} ~ '^[A-Z]$'`),
    check("letter_ranges_last_letter", sql`${t.lastLetter} ~ '^[A-Z]$'`),
    check("letter_ranges_order", sql`${t.firstLetter} <= ${t.lastLetter}`),
  ],
);

export const services = pgTable(
  "services",
  {
    id: text("id").primaryKey(),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    name: translated("name").notNull(),
    /** Who the service is for, in one or two plain sentences. */
    summary: translated("summary").notNull(),
    legalBasis: text("legal_basis").notNull(),
    /** required: only with an appointment; optional; none; invitation: only by a personal invitation. */
    appointment: text("appointment").notNull(),
    /** Whether the service takes an application with documents. */
    takesApplication: boolean("takes_application").notNull(),
    active: boolean("active").notNull().default(true),
    sort: smallint("sort").notNull().default(0),
  },
  (t) => [
    check("services_id_slug", sql`${t.id} ~ '^[a-z][a-z0-9-]*$'`),
    check("services_name_translated", hasAllLanguages(t.name)),
    check("services_summary_translated", hasAllLanguages(t.summary)),
    check("services_appointment", sql`${t.appointment} IN ('required', 'optional', 'none', 'invitation')`),
  ],
);

/** The few questions a service asks to decide which documents apply. */
export const serviceQuestions = pgTable(
  "service_questions",
  {
    id: serial("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: translated("label").notNull(),
    hint: translated("hint"),
    sort: smallint("sort").notNull().default(0),
  },
  (t) => [
    unique("service_questions_key").on(t.serviceId, t.key),
    check("service_questions_key_slug", sql`${t.key} ~ '^[a-z][a-z0-9_]*$'`),
    check("service_questions_label_translated", hasAllLanguages(t.label)),
    check("service_questions_hint_translated", hasAllLanguages(t.hint)),
  ],
);

export const questionOptions = pgTable(
  "question_options",
  {
    id: serial("id").primaryKey(),
    questionId: integer("question_id")
      .notNull()
      .references(() => serviceQuestions.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: translated("label").notNull(),
    sort: smallint("sort").notNull().default(0),
  },
  (t) => [
    unique("question_options_key").on(t.questionId, t.key),
    check("question_options_key_slug", sql`${t.key} ~ '^[a-z][a-z0-9_]*$'`),
    check("question_options_label_translated", hasAllLanguages(t.label)),
  ],
);

export const documentTypes = pgTable(
  "document_types",
  {
    id: text("id").primaryKey(),
    name: translated("name").notNull(),
    /** What exactly is expected, in plain words. */
    description: translated("description").notNull(),
  },
  (t) => [
    check("document_types_id_slug", sql`${t.id} ~ '^[a-z][a-z0-9-]*$'`),
    check("document_types_name_translated", hasAllLanguages(t.name)),
    check("document_types_description_translated", hasAllLanguages(t.description)),
  ],
);

/**
 * One document a service requires: always, or only when a question was answered with one of
 * the given options; how many; how fresh (issued within N days); how long it must still be valid.
 */
export const documentRules = pgTable(
  "document_rules",
  {
    id: serial("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    documentTypeId: text("document_type_id")
      .notNull()
      .references(() => documentTypes.id),
    conditionQuestion: text("condition_question"),
    conditionOptions: text("condition_options").array(),
    minCount: smallint("min_count").notNull().default(1),
    maxAgeDays: smallint("max_age_days"),
    minValidityDays: smallint("min_validity_days"),
    sort: smallint("sort").notNull().default(0),
  },
  (t) => [
    unique("document_rules_once_per_service").on(t.serviceId, t.documentTypeId),
    foreignKey({
      name: "document_rules_condition_question_fk",
      columns: [t.serviceId, t.conditionQuestion],
      foreignColumns: [serviceQuestions.serviceId, serviceQuestions.key],
    }).onDelete("cascade"),
    check(
      "document_rules_condition_complete",
      sql`(${t.conditionQuestion} IS NULL) = (${t.conditionOptions} IS NULL) AND coalesce(cardinality(${t.conditionOptions}), 1) > 0`,
    ),
    check("document_rules_min_count", sql`${t.minCount} BETWEEN 1 AND 24`),
    check("document_rules_max_age", sql`${t.maxAgeDays} IS NULL OR ${t.maxAgeDays} > 0`),
    check("document_rules_min_validity", sql`${t.minValidityDays} IS NULL OR ${t.minValidityDays} >= 0`),
  ],
);

/** Why clearing staff reject a document; translated so the applicant reads it in their language. */
export const reasonCodes = pgTable(
  "reason_codes",
  {
    id: text("id").primaryKey(),
    label: translated("label").notNull(),
    sort: smallint("sort").notNull().default(0),
  },
  (t) => [check("reason_codes_id_slug", sql`${t.id} ~ '^[a-z][a-z0-9-]*$'`), check("reason_codes_label_translated", hasAllLanguages(t.label))],
);

/**
 * Opening hours. Rows without a unit are the building's public opening hours; rows with a unit
 * are the hours in which that unit serves appointments, with the number of parallel counters.
 */
export const openingHours = pgTable(
  "opening_hours",
  {
    id: serial("id").primaryKey(),
    unitId: text("unit_id").references(() => units.id, { onDelete: "cascade" }),
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: smallint("weekday").notNull(),
    opens: time("opens").notNull(),
    closes: time("closes").notNull(),
    counters: smallint("counters").notNull().default(1),
  },
  (t) => [
    check("opening_hours_weekday", sql`${t.weekday} BETWEEN 1 AND 7`),
    check("opening_hours_order", sql`${t.opens} < ${t.closes}`),
    check("opening_hours_counters", sql`${t.counters} BETWEEN 1 AND 50`),
  ],
);

export const holidays = pgTable(
  "holidays",
  {
    day: date("day").primaryKey(),
    name: translated("name").notNull(),
  },
  (t) => [check("holidays_name_translated", hasAllLanguages(t.name))],
);

/** How appointments for a service are cut into slots, and how far ahead they can be booked. */
export const slotCapacities = pgTable(
  "slot_capacities",
  {
    serviceId: text("service_id")
      .primaryKey()
      .references(() => services.id, { onDelete: "cascade" }),
    /** Where the appointment takes place: the unit whose opening hours give the times. */
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    slotMinutes: smallint("slot_minutes").notNull(),
    /** How many people can be seen in the same slot (parallel counters). */
    parallel: smallint("parallel").notNull(),
    bookingHorizonDays: smallint("booking_horizon_days").notNull(),
    minLeadHours: smallint("min_lead_hours").notNull(),
    /** first_come: times open as soon as they are in the horizon; lottery: fair release rounds. */
    releaseMode: text("release_mode").notNull().default("first_come"),
    /**
     * Lottery mode releases one calendar week per round: its request window opens this many days
     * before the week's Monday (08:00 office time) and stays open `lotteryWindowHours`.
     */
    lotteryLeadDays: smallint("lottery_lead_days").notNull().default(14),
    lotteryWindowHours: smallint("lottery_window_hours").notNull().default(48),
    /** Share of each round's places reserved for people whose permit expires within `lotteryUrgentDays`. */
    lotteryUrgentSharePercent: smallint("lottery_urgent_share_percent").notNull().default(30),
    lotteryUrgentDays: smallint("lottery_urgent_days").notNull().default(42),
  },
  (t) => [
    check("slot_capacities_lottery_lead", sql`${t.lotteryLeadDays} BETWEEN 1 AND 180`),
    check("slot_capacities_lottery_window", sql`${t.lotteryWindowHours} BETWEEN 1 AND 336`),
    check("slot_capacities_lottery_share", sql`${t.lotteryUrgentSharePercent} BETWEEN 0 AND 100`),
    check("slot_capacities_lottery_urgent_days", sql`${t.lotteryUrgentDays} BETWEEN 1 AND 365`),
    check("slot_capacities_release_mode", sql`${t.releaseMode} IN ('first_come', 'lottery')`),
    check("slot_capacities_minutes", sql`${t.slotMinutes} BETWEEN 5 AND 240`),
    check("slot_capacities_parallel", sql`${t.parallel} BETWEEN 1 AND 50`),
    check("slot_capacities_horizon", sql`${t.bookingHorizonDays} BETWEEN 1 AND 365`),
    check("slot_capacities_lead", sql`${t.minLeadHours} BETWEEN 0 AND 720`),
  ],
);

/** Instance-wide settings that every app process must share (e.g. a generated demo secret). */
export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * A counter that triggers (migration 0008) raise on every change to the office configuration
 * tables, so that each app process can keep that configuration in memory and see in one tiny
 * query whether it is still current (app/lib/config-cache.server.ts).
 */
export const configGeneration = pgTable(
  "config_generation",
  {
    id: smallint("id").primaryKey().default(1),
    generation: bigint("generation", { mode: "number" }).notNull().default(1),
  },
  (t) => [check("config_generation_single_row", sql`${t.id} = 1`)],
);
