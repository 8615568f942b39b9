CREATE TABLE "application_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"document_type_id" text NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"media_type" text NOT NULL,
	"pages" smallint NOT NULL,
	"width" integer,
	"height" integer,
	"display_name" text,
	"document_date" date,
	"valid_until" date,
	"review" text DEFAULT 'pending' NOT NULL,
	"reason_code" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_documents_storage_key_unique" UNIQUE("storage_key"),
	CONSTRAINT "application_documents_once" UNIQUE("application_id","document_type_id","sha256"),
	CONSTRAINT "application_documents_media_type" CHECK ("application_documents"."media_type" IN ('image/jpeg', 'application/pdf')),
	CONSTRAINT "application_documents_review" CHECK ("application_documents"."review" IN ('pending', 'accepted', 'rejected')),
	CONSTRAINT "application_documents_rejected_reason" CHECK (("application_documents"."review" = 'rejected') = ("application_documents"."reason_code" IS NOT NULL)),
	CONSTRAINT "application_documents_size" CHECK ("application_documents"."size" > 0),
	CONSTRAINT "application_documents_pages" CHECK ("application_documents"."pages" > 0)
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"language" text NOT NULL,
	"draft_hash" text NOT NULL,
	"reference" text,
	"access_hash" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"step" text DEFAULT 'about' NOT NULL,
	"completeness" jsonb,
	"completeness_state" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "applications_draft_hash_unique" UNIQUE("draft_hash"),
	CONSTRAINT "applications_reference_unique" UNIQUE("reference"),
	CONSTRAINT "applications_access_hash_unique" UNIQUE("access_hash"),
	CONSTRAINT "applications_state" CHECK ("applications"."state" IN ('draft','submitted','in_clearing','documents_requested','complete','forwarded_to_unit','in_processing','decided','ready_for_pickup','closed','withdrawn','lapsed')),
	CONSTRAINT "applications_language" CHECK ("applications"."language" IN ('de','en','ar','fa','tr','uk','ru','fr')),
	CONSTRAINT "applications_submitted" CHECK (("applications"."state" = 'draft') = ("applications"."reference" IS NULL) AND ("applications"."reference" IS NULL) = ("applications"."access_hash" IS NULL) AND ("applications"."reference" IS NULL) = ("applications"."submitted_at" IS NULL)),
	CONSTRAINT "applications_reference_format" CHECK ("applications"."reference" ~ '^LT-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
	CONSTRAINT "applications_completeness_state" CHECK ("applications"."completeness_state" IN ('complete', 'awaiting-review', 'incomplete'))
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"type" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "case_events_actor_kind" CHECK ("case_events"."actor_kind" IN ('applicant', 'helper', 'staff', 'system')),
	CONSTRAINT "case_events_from_state" CHECK ("case_events"."from_state" IN ('draft','submitted','in_clearing','documents_requested','complete','forwarded_to_unit','in_processing','decided','ready_for_pickup','closed','withdrawn','lapsed')),
	CONSTRAINT "case_events_to_state" CHECK ("case_events"."to_state" IN ('draft','submitted','in_clearing','documents_requested','complete','forwarded_to_unit','in_processing','decided','ready_for_pickup','closed','withdrawn','lapsed'))
);
--> statement-breakpoint
CREATE TABLE "upload_chunks" (
	"session_id" uuid NOT NULL,
	"offset" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "upload_chunks_session_id_offset_pk" PRIMARY KEY("session_id","offset")
);
--> statement-breakpoint
CREATE TABLE "upload_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"document_type_id" text NOT NULL,
	"declared_name" text,
	"total_bytes" integer NOT NULL,
	"received_bytes" integer DEFAULT 0 NOT NULL,
	"document_date" date,
	"valid_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "upload_sessions_total" CHECK ("upload_sessions"."total_bytes" > 0),
	CONSTRAINT "upload_sessions_received" CHECK ("upload_sessions"."received_bytes" BETWEEN 0 AND "upload_sessions"."total_bytes")
);
--> statement-breakpoint
ALTER TABLE "office" ADD COLUMN "stated_clearing_days" smallint DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "application_documents" ADD CONSTRAINT "application_documents_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_documents" ADD CONSTRAINT "application_documents_document_type_id_document_types_id_fk" FOREIGN KEY ("document_type_id") REFERENCES "public"."document_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_documents" ADD CONSTRAINT "application_documents_reason_code_reason_codes_id_fk" FOREIGN KEY ("reason_code") REFERENCES "public"."reason_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upload_chunks" ADD CONSTRAINT "upload_chunks_session_id_upload_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."upload_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upload_sessions" ADD CONSTRAINT "upload_sessions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upload_sessions" ADD CONSTRAINT "upload_sessions_document_type_id_document_types_id_fk" FOREIGN KEY ("document_type_id") REFERENCES "public"."document_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_documents_application_idx" ON "application_documents" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "applications_state_idx" ON "applications" USING btree ("state","submitted_at");--> statement-breakpoint
CREATE INDEX "case_events_application_idx" ON "case_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "case_events_type_idx" ON "case_events" USING btree ("type","at");--> statement-breakpoint
CREATE INDEX "upload_sessions_expires_idx" ON "upload_sessions" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "office" ADD CONSTRAINT "office_clearing_days_positive" CHECK ("office"."stated_clearing_days" > 0);