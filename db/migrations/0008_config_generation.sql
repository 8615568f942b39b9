CREATE TABLE "config_generation" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"generation" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "config_generation_single_row" CHECK ("config_generation"."id" = 1)
);
--> statement-breakpoint
-- Every change to the office configuration raises the generation. The value comes from a
-- sequence, so it never returns to an earlier one (not even after a TRUNCATE and a new row).
-- The raise is a deferred constraint trigger: it runs at commit, after every other lock the
-- transaction takes, so waiting for this one row can never close a deadlock cycle, and the new
-- generation becomes visible in the same instant as the change itself.
CREATE SEQUENCE "config_generation_seq";
--> statement-breakpoint
INSERT INTO "config_generation" ("id", "generation") VALUES (1, nextval('config_generation_seq'));
--> statement-breakpoint
CREATE FUNCTION "lotse_bump_config_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "config_generation" ("id", "generation") VALUES (1, nextval('config_generation_seq'))
  ON CONFLICT ("id") DO UPDATE SET "generation" = excluded."generation";
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  name text;
BEGIN
  FOREACH name IN ARRAY ARRAY['office', 'units', 'letter_ranges', 'services', 'service_questions',
    'question_options', 'document_types', 'document_rules', 'reason_codes', 'opening_hours',
    'holidays', 'slot_capacities', 'closures', 'release_rounds']
  LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
      'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "lotse_bump_config_generation"()',
      name || '_config_generation', name);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION "lotse_bump_config_generation"()',
      name || '_config_generation_truncate', name);
  END LOOP;
END
$$;
