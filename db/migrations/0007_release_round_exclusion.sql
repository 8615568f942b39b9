-- Two release rounds of one service never release the same day.
ALTER TABLE "release_rounds" ADD CONSTRAINT "release_rounds_no_overlap"
  EXCLUDE USING gist ("service_id" WITH =, daterange("slots_from", "slots_to", '[]') WITH &&);
