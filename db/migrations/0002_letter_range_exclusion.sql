-- Within a unit, no two letter ranges may share a letter.
ALTER TABLE "letter_ranges" ADD CONSTRAINT "letter_ranges_no_overlap"
  EXCLUDE USING gist ("unit_id" WITH =, int4range(ascii("first_letter"), ascii("last_letter"), '[]') WITH &&);
