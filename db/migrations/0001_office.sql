CREATE TABLE "document_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"document_type_id" text NOT NULL,
	"condition_question" text,
	"condition_options" text[],
	"min_count" smallint DEFAULT 1 NOT NULL,
	"max_age_days" smallint,
	"min_validity_days" smallint,
	"sort" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "document_rules_once_per_service" UNIQUE("service_id","document_type_id"),
	CONSTRAINT "document_rules_condition_complete" CHECK (("document_rules"."condition_question" IS NULL) = ("document_rules"."condition_options" IS NULL) AND coalesce(cardinality("document_rules"."condition_options"), 1) > 0),
	CONSTRAINT "document_rules_min_count" CHECK ("document_rules"."min_count" BETWEEN 1 AND 24),
	CONSTRAINT "document_rules_max_age" CHECK ("document_rules"."max_age_days" IS NULL OR "document_rules"."max_age_days" > 0),
	CONSTRAINT "document_rules_min_validity" CHECK ("document_rules"."min_validity_days" IS NULL OR "document_rules"."min_validity_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "document_types" (
	"id" text PRIMARY KEY NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	CONSTRAINT "document_types_id_slug" CHECK ("document_types"."id" ~ '^[a-z][a-z0-9-]*$'),
	CONSTRAINT "document_types_name_translated" CHECK (lotse_is_translated("document_types"."name")),
	CONSTRAINT "document_types_description_translated" CHECK (lotse_is_translated("document_types"."description"))
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"day" date PRIMARY KEY NOT NULL,
	"name" jsonb NOT NULL,
	CONSTRAINT "holidays_name_translated" CHECK (lotse_is_translated("holidays"."name"))
);
--> statement-breakpoint
CREATE TABLE "instance_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letter_ranges" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"first_letter" text NOT NULL,
	"last_letter" text NOT NULL,
	"case_worker" text NOT NULL,
	CONSTRAINT "letter_ranges_first_letter" CHECK ("letter_ranges"."first_letter" ~ '^[A-Z]$'),
	CONSTRAINT "letter_ranges_last_letter" CHECK ("letter_ranges"."last_letter" ~ '^[A-Z]$'),
	CONSTRAINT "letter_ranges_order" CHECK ("letter_ranges"."first_letter" <= "letter_ranges"."last_letter")
);
--> statement-breakpoint
CREATE TABLE "office" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"street" text NOT NULL,
	"postcode" text NOT NULL,
	"city" text NOT NULL,
	"phone" text NOT NULL,
	"email" text NOT NULL,
	"time_zone" text DEFAULT 'Europe/Berlin' NOT NULL,
	"stated_processing_weeks" smallint NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_single_row" CHECK ("office"."id" = 1),
	CONSTRAINT "office_processing_weeks_positive" CHECK ("office"."stated_processing_weeks" > 0)
);
--> statement-breakpoint
CREATE TABLE "opening_hours" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" text,
	"weekday" smallint NOT NULL,
	"opens" time NOT NULL,
	"closes" time NOT NULL,
	"counters" smallint DEFAULT 1 NOT NULL,
	CONSTRAINT "opening_hours_weekday" CHECK ("opening_hours"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "opening_hours_order" CHECK ("opening_hours"."opens" < "opening_hours"."closes"),
	CONSTRAINT "opening_hours_counters" CHECK ("opening_hours"."counters" BETWEEN 1 AND 50)
);
--> statement-breakpoint
CREATE TABLE "question_options" (
	"id" serial PRIMARY KEY NOT NULL,
	"question_id" integer NOT NULL,
	"key" text NOT NULL,
	"label" jsonb NOT NULL,
	"sort" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "question_options_key" UNIQUE("question_id","key"),
	CONSTRAINT "question_options_key_slug" CHECK ("question_options"."key" ~ '^[a-z][a-z0-9_]*$'),
	CONSTRAINT "question_options_label_translated" CHECK (lotse_is_translated("question_options"."label"))
);
--> statement-breakpoint
CREATE TABLE "reason_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"label" jsonb NOT NULL,
	"sort" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "reason_codes_id_slug" CHECK ("reason_codes"."id" ~ '^[a-z][a-z0-9-]*$'),
	CONSTRAINT "reason_codes_label_translated" CHECK (lotse_is_translated("reason_codes"."label"))
);
--> statement-breakpoint
CREATE TABLE "service_questions" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"key" text NOT NULL,
	"label" jsonb NOT NULL,
	"hint" jsonb,
	"sort" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "service_questions_key" UNIQUE("service_id","key"),
	CONSTRAINT "service_questions_key_slug" CHECK ("service_questions"."key" ~ '^[a-z][a-z0-9_]*$'),
	CONSTRAINT "service_questions_label_translated" CHECK (lotse_is_translated("service_questions"."label")),
	CONSTRAINT "service_questions_hint_translated" CHECK (lotse_is_translated("service_questions"."hint"))
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"name" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"legal_basis" text NOT NULL,
	"appointment" text NOT NULL,
	"takes_application" boolean NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "services_id_slug" CHECK ("services"."id" ~ '^[a-z][a-z0-9-]*$'),
	CONSTRAINT "services_name_translated" CHECK (lotse_is_translated("services"."name")),
	CONSTRAINT "services_summary_translated" CHECK (lotse_is_translated("services"."summary")),
	CONSTRAINT "services_appointment" CHECK ("services"."appointment" IN ('required', 'optional', 'none', 'invitation'))
);
--> statement-breakpoint
CREATE TABLE "slot_capacities" (
	"service_id" text PRIMARY KEY NOT NULL,
	"slot_minutes" smallint NOT NULL,
	"parallel" smallint NOT NULL,
	"booking_horizon_days" smallint NOT NULL,
	"min_lead_hours" smallint NOT NULL,
	CONSTRAINT "slot_capacities_minutes" CHECK ("slot_capacities"."slot_minutes" BETWEEN 5 AND 240),
	CONSTRAINT "slot_capacities_parallel" CHECK ("slot_capacities"."parallel" BETWEEN 1 AND 50),
	CONSTRAINT "slot_capacities_horizon" CHECK ("slot_capacities"."booking_horizon_days" BETWEEN 1 AND 365),
	CONSTRAINT "slot_capacities_lead" CHECK ("slot_capacities"."min_lead_hours" BETWEEN 0 AND 720)
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"sort" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "units_kind" CHECK ("units"."kind" IN ('clearing', 'service_point', 'specialist')),
	CONSTRAINT "units_name_translated" CHECK (lotse_is_translated("units"."name")),
	CONSTRAINT "units_description_translated" CHECK (lotse_is_translated("units"."description")),
	CONSTRAINT "units_id_slug" CHECK ("units"."id" ~ '^[a-z][a-z0-9-]*$')
);
--> statement-breakpoint
ALTER TABLE "document_rules" ADD CONSTRAINT "document_rules_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_rules" ADD CONSTRAINT "document_rules_document_type_id_document_types_id_fk" FOREIGN KEY ("document_type_id") REFERENCES "public"."document_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_rules" ADD CONSTRAINT "document_rules_condition_question_fk" FOREIGN KEY ("service_id","condition_question") REFERENCES "public"."service_questions"("service_id","key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_ranges" ADD CONSTRAINT "letter_ranges_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_hours" ADD CONSTRAINT "opening_hours_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_options" ADD CONSTRAINT "question_options_question_id_service_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."service_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_questions" ADD CONSTRAINT "service_questions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_capacities" ADD CONSTRAINT "slot_capacities_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;