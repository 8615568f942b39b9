CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"action" text NOT NULL,
	"application_id" uuid,
	"document_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_actor_kind" CHECK ("audit_log"."actor_kind" IN ('applicant', 'helper', 'staff', 'system'))
);
--> statement-breakpoint
ALTER TABLE "letter_ranges" ADD COLUMN "staff_user_id" integer;--> statement-breakpoint
ALTER TABLE "application_documents" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "application_documents" ADD COLUMN "reviewed_by" integer;--> statement-breakpoint
ALTER TABLE "application_documents" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "claimed_by" integer;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "document_request" jsonb;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "routed_unit_id" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "routed_case_worker_id" integer;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "routing_rule" jsonb;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "forwarded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "decision" text;--> statement-breakpoint
CREATE INDEX "audit_log_application_idx" ON "audit_log" USING btree ("application_id","id");--> statement-breakpoint
ALTER TABLE "application_documents" ADD CONSTRAINT "application_documents_reviewed_by_staff_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_claimed_by_staff_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_routed_unit_id_units_id_fk" FOREIGN KEY ("routed_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_routed_case_worker_id_staff_users_id_fk" FOREIGN KEY ("routed_case_worker_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applications_inbox_idx" ON "applications" USING btree ("routed_unit_id","routed_case_worker_id","state");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_decision" CHECK ("applications"."decision" IN ('granted', 'refused'));--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_claimed" CHECK (("applications"."state" <> 'submitted' OR "applications"."claimed_by" IS NULL) AND ("applications"."state" NOT IN ('in_clearing', 'documents_requested', 'complete') OR "applications"."claimed_by" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_request_open" CHECK ("applications"."state" <> 'documents_requested' OR "applications"."document_request" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_routed" CHECK ("applications"."state" NOT IN ('forwarded_to_unit', 'in_processing', 'decided', 'ready_for_pickup', 'closed') OR ("applications"."routed_unit_id" IS NOT NULL AND "applications"."routing_rule" IS NOT NULL AND "applications"."forwarded_at" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_decided" CHECK ("applications"."state" NOT IN ('decided', 'ready_for_pickup', 'closed') OR "applications"."decision" IS NOT NULL);