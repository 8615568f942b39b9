-- Functions and extensions the schema's constraints rely on.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- True when a jsonb value holds a non-empty text for each of Lotse's eight languages.
CREATE OR REPLACE FUNCTION lotse_is_translated(value jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_typeof(value) = 'object'
    AND value ?& array['de','en','ar','fa','tr','uk','ru','fr']
    AND NOT EXISTS (
      SELECT 1 FROM jsonb_each(value) AS t(k, v)
      WHERE jsonb_typeof(v) <> 'string' OR btrim(v #>> '{}') = ''
    )
$$;
