-- The forward guard of migration 0011 checked only the step into forwarded_to_unit. A direct
-- UPDATE (or INSERT) could put an incomplete case straight into a later state of the unit
-- (in_processing, decided, ready_for_pickup, closed), where it shows in the case worker's inbox
-- without ever having been complete; and moving a case to another unit while keeping its case
-- worker skipped the case worker's check. Now every way into the unit's states is checked: the
-- case must come from 'complete', with the stored completeness complete and no document waiting
-- for review; and the case worker must work in the unit whenever either of them changes.
CREATE OR REPLACE FUNCTION lotse_forward_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  unit_states CONSTANT text[] := ARRAY['forwarded_to_unit', 'in_processing', 'decided', 'ready_for_pickup', 'closed'];
BEGIN
  -- OLD is null on INSERT: a case cannot be created in the unit either.
  IF NEW.state = ANY (unit_states) AND (OLD.state IS NULL OR NOT OLD.state = ANY (unit_states)) THEN
    IF OLD.state IS DISTINCT FROM 'complete' THEN
      RAISE EXCEPTION 'lotse: only a case marked complete can be forwarded (state %)', coalesce(OLD.state, 'new')
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
  IF NEW.routed_case_worker_id IS NOT NULL
    AND (NEW.routed_unit_id, NEW.routed_case_worker_id) IS DISTINCT FROM (OLD.routed_unit_id, OLD.routed_case_worker_id) THEN
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
DROP TRIGGER applications_forward_guard ON applications;
--> statement-breakpoint
CREATE TRIGGER applications_forward_guard BEFORE INSERT OR UPDATE ON applications
  FOR EACH ROW EXECUTE FUNCTION lotse_forward_guard();
