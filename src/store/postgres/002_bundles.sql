-- wikken organisation pool, migration 2: bundles. `wikken export` and `wikken import` are
-- owner operations (the participant role gets none of this). Other teams' records keep
-- the pseudonyms they came with (16 hex digits, hashed by their pool) and are marked
-- `imported`; the export key hashes this pool's own pseudonyms in bundles; tombstones that
-- arrive with bundles are kept so an erased answer cannot come back with the next one.

ALTER TABLE wikken.answers DROP CONSTRAINT IF EXISTS answers_p_check;
ALTER TABLE wikken.answers ADD CONSTRAINT answers_p_check
    CHECK (p ~ '^[0-9a-f]{16}$' OR p ~ '^[0-9a-f]{64}$');
ALTER TABLE wikken.answers ADD COLUMN IF NOT EXISTS imported boolean NOT NULL DEFAULT false;
-- The record id an imported record came with, so a re-export keeps it.
ALTER TABLE wikken.answers ADD COLUMN IF NOT EXISTS rid text
    CHECK (rid IS NULL OR rid ~ '^[0-9a-f]{16}$');

CREATE TABLE IF NOT EXISTS wikken.export_key (
    id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    key text NOT NULL CHECK (key ~ '^[0-9a-f]{64}$')
);
-- 256 bits from the server's random source (gen_random_uuid is core since PostgreSQL 13).
INSERT INTO wikken.export_key (key)
SELECT encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text
                                || gen_random_uuid()::text, 'UTF8')), 'hex')
ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS wikken.tombstones (
    t text PRIMARY KEY CHECK (t ~ '^[0-9a-f]{64}$')
);

REVOKE ALL ON ALL TABLES IN SCHEMA wikken FROM PUBLIC, wikken_participant;
