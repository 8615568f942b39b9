CREATE TABLE "appointment_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slot_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"extensions" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_holds_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "appointment_holds_extensions" CHECK ("appointment_holds"."extensions" BETWEEN 0 AND 3)
);
--> statement-breakpoint
CREATE TABLE "appointment_slots" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" smallint NOT NULL,
	"taken" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "appointment_slots_service_start" UNIQUE("service_id","starts_at"),
	CONSTRAINT "appointment_slots_capacity" CHECK ("appointment_slots"."capacity" BETWEEN 1 AND 50),
	CONSTRAINT "appointment_slots_taken" CHECK ("appointment_slots"."taken" BETWEEN 0 AND "appointment_slots"."capacity"),
	CONSTRAINT "appointment_slots_order" CHECK ("appointment_slots"."starts_at" < "appointment_slots"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"service_id" text NOT NULL,
	"slot_id" integer NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"name" text NOT NULL,
	"birth_date" date NOT NULL,
	"email" text,
	"phone" text,
	"language" text NOT NULL,
	"person_key" text NOT NULL,
	"email_key" text,
	"phone_key" text,
	"manage_token_hash" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "appointments_code_unique" UNIQUE("code"),
	CONSTRAINT "appointments_manage_token_hash_unique" UNIQUE("manage_token_hash"),
	CONSTRAINT "appointments_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "appointments_status" CHECK ("appointments"."status" IN ('booked', 'cancelled', 'checked_in', 'no_show', 'completed')),
	CONSTRAINT "appointments_contact" CHECK ("appointments"."email" IS NOT NULL OR "appointments"."phone" IS NOT NULL),
	CONSTRAINT "appointments_language" CHECK ("appointments"."language" IN ('de','en','ar','fa','tr','uk','ru','fr')),
	CONSTRAINT "appointments_cancelled_at" CHECK (("appointments"."status" = 'cancelled') = ("appointments"."cancelled_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"to_email" text,
	"to_phone" text,
	"language" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_recipient" CHECK ("outbox"."to_email" IS NOT NULL OR "outbox"."to_phone" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"bucket" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limits_window" UNIQUE("bucket","window_start")
);
--> statement-breakpoint
ALTER TABLE "slot_capacities" ADD COLUMN "unit_id" text NOT NULL;--> statement-breakpoint
ALTER TABLE "appointment_holds" ADD CONSTRAINT "appointment_holds_slot_id_appointment_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."appointment_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_slot_id_appointment_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."appointment_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_holds_expiry" ON "appointment_holds" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_per_person" ON "appointments" USING btree ("service_id","person_key") WHERE "appointments"."status" = 'booked';--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_per_email" ON "appointments" USING btree ("service_id","email_key") WHERE "appointments"."status" = 'booked' AND "appointments"."email_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_per_phone" ON "appointments" USING btree ("service_id","phone_key") WHERE "appointments"."status" = 'booked' AND "appointments"."phone_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "appointments_slot" ON "appointments" USING btree ("slot_id");--> statement-breakpoint
CREATE INDEX "rate_limits_window_start" ON "rate_limits" USING btree ("window_start");--> statement-breakpoint
ALTER TABLE "slot_capacities" ADD CONSTRAINT "slot_capacities_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;