-- Holding a place of a slot as one statement (decision 0015). The steps are those holdSlot took
-- as separate statements in a transaction: create the slot row if this is its first hold, lock
-- it, refuse a closed day, give back places of expired holds, take a place if one is free, and
-- record the hold. Run as one call, the slot's row lock is held for the function's few
-- statements instead of across seven round trips between app and database, which in a rush was
-- what the other attempts on that time queued behind. The invariants stay where they were: the
-- CHECK on taken, and the unique slot per service and start.
CREATE FUNCTION lotse_hold_slot(
  p_service text, p_unit text, p_starts timestamptz, p_ends timestamptz, p_capacity integer,
  p_day date, p_token_hash text, p_expires timestamptz, p_now timestamptz
) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_slot integer;
  v_gone integer;
BEGIN
  INSERT INTO appointment_slots (service_id, unit_id, starts_at, ends_at, capacity)
    VALUES (p_service, p_unit, p_starts, p_ends, p_capacity)
    ON CONFLICT DO NOTHING;
  SELECT id INTO v_slot FROM appointment_slots WHERE service_id = p_service AND starts_at = p_starts FOR UPDATE;
  -- The day may have been closed since the calendar was read: checked again under the lock.
  IF EXISTS (SELECT 1 FROM closures WHERE day = p_day AND (unit_id IS NULL OR unit_id = p_unit)) THEN
    RETURN 'not-a-slot';
  END IF;
  WITH gone AS (DELETE FROM appointment_holds WHERE slot_id = v_slot AND expires_at < p_now RETURNING 1)
    SELECT count(*) INTO v_gone FROM gone;
  IF v_gone > 0 THEN
    UPDATE appointment_slots SET taken = taken - v_gone WHERE id = v_slot;
  END IF;
  UPDATE appointment_slots SET taken = taken + 1 WHERE id = v_slot AND taken < capacity;
  IF NOT FOUND THEN
    RETURN 'full';
  END IF;
  INSERT INTO appointment_holds (slot_id, token_hash, expires_at) VALUES (v_slot, p_token_hash, p_expires);
  RETURN 'held';
END;
$$;
