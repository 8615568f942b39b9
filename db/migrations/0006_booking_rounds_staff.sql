CREATE TABLE "closures" (
	"id" serial PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"unit_id" text,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "closures_day_unit" UNIQUE NULLS NOT DISTINCT("day","unit_id")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"case_reference" text NOT NULL,
	"token_hash" text NOT NULL,
	"language" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"appointment_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "invitations_used" CHECK (("invitations"."used_at" IS NULL) = ("invitations"."appointment_id" IS NULL)),
	CONSTRAINT "invitations_language" CHECK ("invitations"."language" IN ('de','en','ar','fa','tr','uk','ru','fr'))
);
--> statement-breakpoint
CREATE TABLE "release_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"name" text NOT NULL,
	"birth_date" date NOT NULL,
	"email" text,
	"phone" text,
	"language" text NOT NULL,
	"person_key" text NOT NULL,
	"email_key" text,
	"phone_key" text,
	"permit_expires" date,
	"manage_token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"result" text DEFAULT 'pending' NOT NULL,
	"appointment_id" integer,
	CONSTRAINT "release_requests_manage_token_hash_unique" UNIQUE("manage_token_hash"),
	CONSTRAINT "release_requests_one_per_person" UNIQUE("round_id","person_key"),
	CONSTRAINT "release_requests_result" CHECK ("release_requests"."result" IN ('pending', 'won', 'lost')),
	CONSTRAINT "release_requests_won" CHECK (("release_requests"."result" = 'won') = ("release_requests"."appointment_id" IS NOT NULL)),
	CONSTRAINT "release_requests_contact" CHECK ("release_requests"."email" IS NOT NULL OR "release_requests"."phone" IS NOT NULL),
	CONSTRAINT "release_requests_language" CHECK ("release_requests"."language" IN ('de','en','ar','fa','tr','uk','ru','fr'))
);
--> statement-breakpoint
CREATE TABLE "release_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"window_opens_at" timestamp with time zone NOT NULL,
	"window_closes_at" timestamp with time zone NOT NULL,
	"slots_from" date NOT NULL,
	"slots_to" date NOT NULL,
	"urgent_share_percent" smallint NOT NULL,
	"urgent_within_days" smallint NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"drawn_at" timestamp with time zone,
	"places" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "release_rounds_status" CHECK ("release_rounds"."status" IN ('open', 'drawn')),
	CONSTRAINT "release_rounds_drawn" CHECK (("release_rounds"."status" = 'drawn') = ("release_rounds"."drawn_at" IS NOT NULL)),
	CONSTRAINT "release_rounds_window" CHECK ("release_rounds"."window_opens_at" < "release_rounds"."window_closes_at"),
	CONSTRAINT "release_rounds_days" CHECK ("release_rounds"."slots_from" <= "release_rounds"."slots_to"),
	CONSTRAINT "release_rounds_share" CHECK ("release_rounds"."urgent_share_percent" BETWEEN 0 AND 100),
	CONSTRAINT "release_rounds_urgent_days" CHECK ("release_rounds"."urgent_within_days" BETWEEN 1 AND 365)
);
--> statement-breakpoint
CREATE TABLE "ticket_counters" (
	"day" date PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waitlist_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"name" text NOT NULL,
	"birth_date" date NOT NULL,
	"email" text,
	"phone" text,
	"language" text NOT NULL,
	"person_key" text NOT NULL,
	"email_key" text,
	"phone_key" text,
	"permit_expires" date,
	"manage_token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"missed_offers" smallint DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "waitlist_entries_manage_token_hash_unique" UNIQUE("manage_token_hash"),
	CONSTRAINT "waitlist_entries_status" CHECK ("waitlist_entries"."status" IN ('waiting', 'offered', 'booked', 'left', 'lapsed')),
	CONSTRAINT "waitlist_entries_contact" CHECK ("waitlist_entries"."email" IS NOT NULL OR "waitlist_entries"."phone" IS NOT NULL),
	CONSTRAINT "waitlist_entries_language" CHECK ("waitlist_entries"."language" IN ('de','en','ar','fa','tr','uk','ru','fr')),
	CONSTRAINT "waitlist_entries_closed" CHECK (("waitlist_entries"."status" IN ('waiting', 'offered')) = ("waitlist_entries"."closed_at" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "waitlist_offers" (
	"id" serial PRIMARY KEY NOT NULL,
	"entry_id" integer NOT NULL,
	"slot_id" integer NOT NULL,
	"hold_id" uuid,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "waitlist_offers_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "waitlist_offers_once_per_slot" UNIQUE("entry_id","slot_id"),
	CONSTRAINT "waitlist_offers_status" CHECK ("waitlist_offers"."status" IN ('open', 'claimed', 'declined', 'expired')),
	CONSTRAINT "waitlist_offers_decided" CHECK (("waitlist_offers"."status" = 'open') = ("waitlist_offers"."decided_at" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "staff_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"complete" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"unit_id" text,
	"password_hash" text NOT NULL,
	"totp_secret" text,
	"totp_last_step" integer,
	"failed_logins" smallint DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone,
	CONSTRAINT "staff_users_email_unique" UNIQUE("email"),
	CONSTRAINT "staff_users_role" CHECK ("staff_users"."role" IN ('clearing', 'case_worker', 'service_point', 'team_lead', 'admin')),
	CONSTRAINT "staff_users_email" CHECK ("staff_users"."email" = lower("staff_users"."email") AND "staff_users"."email" LIKE '%_@_%'),
	CONSTRAINT "staff_users_unit" CHECK ("staff_users"."role" NOT IN ('clearing', 'case_worker', 'service_point') OR "staff_users"."unit_id" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "source" text DEFAULT 'calendar' NOT NULL;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "ticket" integer;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "ticket_day" date;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "checked_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "called_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "called_counter" smallint;--> statement-breakpoint
ALTER TABLE "slot_capacities" ADD COLUMN "release_mode" text DEFAULT 'first_come' NOT NULL;--> statement-breakpoint
ALTER TABLE "slot_capacities" ADD COLUMN "lottery_lead_days" smallint DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "slot_capacities" ADD COLUMN "lottery_window_hours" smallint DEFAULT 48 NOT NULL;--> statement-breakpoint
ALTER TABLE "slot_capacities" ADD COLUMN "lottery_urgent_share_percent" smallint DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "slot_capacities" ADD COLUMN "lottery_urgent_days" smallint DEFAULT 42 NOT NULL;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_round_id_release_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."release_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_rounds" ADD CONSTRAINT "release_rounds_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_entry_id_waitlist_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."waitlist_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_slot_id_appointment_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."appointment_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_hold_id_appointment_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."appointment_holds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD CONSTRAINT "staff_sessions_user_id_staff_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "release_requests_one_per_email" ON "release_requests" USING btree ("round_id","email_key") WHERE "release_requests"."email_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "release_requests_one_per_phone" ON "release_requests" USING btree ("round_id","phone_key") WHERE "release_requests"."phone_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_one_per_person" ON "waitlist_entries" USING btree ("service_id","person_key") WHERE "waitlist_entries"."status" IN ('waiting', 'offered');--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_one_per_email" ON "waitlist_entries" USING btree ("service_id","email_key") WHERE "waitlist_entries"."status" IN ('waiting', 'offered') AND "waitlist_entries"."email_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_one_per_phone" ON "waitlist_entries" USING btree ("service_id","phone_key") WHERE "waitlist_entries"."status" IN ('waiting', 'offered') AND "waitlist_entries"."phone_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "waitlist_queue" ON "waitlist_entries" USING btree ("service_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_offers_one_open_per_entry" ON "waitlist_offers" USING btree ("entry_id") WHERE "waitlist_offers"."status" = 'open';--> statement-breakpoint
CREATE INDEX "staff_sessions_user" ON "staff_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "staff_sessions_expiry" ON "staff_sessions" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_ticket_per_day" UNIQUE("ticket_day","ticket");--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_source" CHECK ("appointments"."source" IN ('calendar', 'waitlist', 'lottery', 'invitation'));--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_checked_in" CHECK (("appointments"."status" IN ('checked_in', 'completed')) <= ("appointments"."checked_in_at" IS NOT NULL AND "appointments"."ticket" IS NOT NULL AND "appointments"."ticket_day" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_called_counter" CHECK (("appointments"."called_at" IS NULL) = ("appointments"."called_counter" IS NULL) AND ("appointments"."called_counter" IS NULL OR "appointments"."called_counter" BETWEEN 1 AND 50));--> statement-breakpoint
ALTER TABLE "slot_capacities" ADD CONSTRAINT "slot_capacities_lottery_lead" CHECK ("slot_capacities"."lottery_lead_days" BETWEEN 1 AND 180);--> statement-breakpoint
ALTER TABLE "slot_capacities" ADD CONSTRAINT "slot_capacities_lottery_window" CHECK ("slot_capacities"."lottery_window_hours" BETWEEN 1 AND 336);--> statement-breakpoint
ALTER TABLE "slot_capacities" ADD CONSTRAINT "slot_capacities_lottery_share" CHECK ("slot_capacities"."lottery_urgent_share_percent" BETWEEN 0 AND 100);--> statement-breakpoint
ALTER TABLE "slot_capacities" ADD CONSTRAINT "slot_capacities_lottery_urgent_days" CHECK ("slot_capacities"."lottery_urgent_days" BETWEEN 1 AND 365);--> statement-breakpoint
ALTER TABLE "slot_capacities" ADD CONSTRAINT "slot_capacities_release_mode" CHECK ("slot_capacities"."release_mode" IN ('first_come', 'lottery'));