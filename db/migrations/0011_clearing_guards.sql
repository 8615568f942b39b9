-- Guards of the clearing that the database itself enforces, whatever a page or a script does.

-- A letter range names a case worker's account (the inbox shows them the cases of their range).
-- The foreign key lives here, not in the Drizzle schema, because office.ts and staff.ts would
-- import each other.
ALTER TABLE "letter_ranges" ADD CONSTRAINT "letter_ranges_staff_user_fk" FOREIGN KEY ("staff_user_id") REFERENCES "staff_users"("id");
--> statement-breakpoint

-- Only a complete case is forwarded: the stored completeness (written in the same transaction
-- as every upload and review) must say complete, no document may wait for review, and the case
-- worker, if any, must be a case worker of the unit it goes to.
CREATE FUNCTION lotse_forward_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.state = 'forwarded_to_unit' AND OLD.state IS DISTINCT FROM 'forwarded_to_unit' THEN
    IF OLD.state IS DISTINCT FROM 'complete' THEN
      RAISE EXCEPTION 'lotse: only a case marked complete can be forwarded (state %)', OLD.state
        USING ERRCODE = 'check_violation', CONSTRAINT = 'applications_forward_complete';
    END IF;
    IF NEW.completeness_state IS DISTINCT FROM 'complete' THEN
      RAISE EXCEPTION 'lotse: an incomplete case cannot be forwarded (%)', coalesce(NEW.completeness_state, 'unchecked')
        USING ERRCODE = 'check_violation', CONSTRAINT = 'applications_forward_complete';
    END IF;
    IF EXISTS (SELECT 1 FROM application_documents d WHERE d.application_id = NEW.id AND d.review = 'pending') THEN
      RAISE EXCEPTION 'lotse: a case with documents awaiting review cannot be forwarded'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'applications_forward_complete';
    END IF;
  END IF;
  IF NEW.routed_case_worker_id IS NOT NULL AND NEW.routed_case_worker_id IS DISTINCT FROM OLD.routed_case_worker_id THEN
    IF NOT EXISTS (
      SELECT 1 FROM staff_users s
      WHERE s.id = NEW.routed_case_worker_id AND s.role = 'case_worker' AND s.unit_id = NEW.routed_unit_id
    ) THEN
      RAISE EXCEPTION 'lotse: the case worker does not work in unit %', NEW.routed_unit_id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'applications_case_worker_unit';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER applications_forward_guard BEFORE UPDATE ON applications
  FOR EACH ROW EXECUTE FUNCTION lotse_forward_guard();
--> statement-breakpoint

-- The audit log's hash chain. Each insert takes a transaction-level lock, numbers the row after
-- the last one and hashes it together with the previous row's hash. The text hashed is:
--   prev_hash, id, at (UTC, microseconds), actor_kind, actor_id, action, application_id,
--   document_id, data (jsonb's canonical text), joined by line feeds.
-- scripts/audit-verify.mjs recomputes it independently.
CREATE FUNCTION lotse_audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_id bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(7423001);
  SELECT id, hash INTO last_id, last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
  NEW.id := coalesce(last_id, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.at := coalesce(NEW.at, now());
  NEW.hash := encode(sha256(convert_to(concat_ws(E'\n',
    NEW.prev_hash,
    NEW.id::text,
    to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    NEW.actor_kind,
    NEW.actor_id,
    NEW.action,
    coalesce(NEW.application_id::text, ''),
    coalesce(NEW.document_id::text, ''),
    NEW.data::text
  ), 'UTF8')), 'hex');
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION lotse_audit_chain();
--> statement-breakpoint
CREATE FUNCTION lotse_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'lotse: the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION lotse_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_audit_append_only();
--> statement-breakpoint

-- Every change of a case is in the audit log, whichever code path made it.
CREATE FUNCTION lotse_audit_case_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (at, actor_kind, actor_id, action, application_id, data, prev_hash, hash)
  VALUES (NEW.at, NEW.actor_kind, NEW.actor_id, 'case.' || NEW.type, NEW.application_id,
    jsonb_build_object('from', NEW.from_state, 'to', NEW.to_state, 'data', NEW.data), '', '');
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_events_audit AFTER INSERT ON case_events
  FOR EACH ROW EXECUTE FUNCTION lotse_audit_case_event();
