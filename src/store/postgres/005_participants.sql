-- wikken organisation pool, migration 5 (attacker review 19): a pool that holds against its
-- own participants.
--
-- * Releases come in batches of at least k (the larger of `batch` and `k`): whoever knows some
--   answers of a batch learns only how the others chose together, and one answer stands alone
--   only for k - 1 colluding logins, who would reach k on a fresh dilemma anyway.
-- * Only dilemmas the owner registered (`wikken pool init` / `wikken pool packs`) take
--   answers, only with their own werkwijzen, and each login writes at most `quota` times a day.
-- * A participant's transaction left open holds only what it wrote: the salt of every
--   registered dilemma exists before anyone answers it, a revision that matches no row takes
--   nothing, and a release writes its counts in a slot of its own (below), so another release
--   of the same dilemma never waits for it and never finds it "busy".

-- No answer may change while the counts and their triggers are rebuilt.
LOCK TABLE wikken.answers IN SHARE ROW EXCLUSIVE MODE;

-- Writes per login per day (submits and revisions that changed something). 200 is more than
-- twice every bundled dilemma (44) answered and revised in one day; a journal replayed after
-- weeks offline goes in over several days (the rest waits in it). The owner may change it.
ALTER TABLE wikken.settings ADD COLUMN quota integer NOT NULL DEFAULT 200 CHECK (quota >= 1);
-- Hashes the login in `quota`, so the table holds no login names.
ALTER TABLE wikken.settings ADD COLUMN quota_salt text NOT NULL
    DEFAULT encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text,
                                     'UTF8')), 'hex');

-- The dilemmas that take answers, with their werkwijzen: written by the owner only.
CREATE TABLE wikken.registered (
    pack text NOT NULL CHECK (pack ~ '^[a-z0-9-]{1,64}$'),
    v integer NOT NULL CHECK (v >= 1),
    dilemma text NOT NULL CHECK (dilemma ~ '^[a-z0-9-]{1,64}$'),
    options text[] NOT NULL CHECK (cardinality(options) BETWEEN 1 AND 64),
    PRIMARY KEY (pack, v, dilemma)
);
-- Every registered dilemma has its salt before its first answer, so no submit ever inserts
-- one (an uncommitted salt made every other login's first answer to that dilemma wait).
CREATE FUNCTION wikken.registered_salt() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
BEGIN
    INSERT INTO salts (pack, v, dilemma) VALUES (NEW.pack, NEW.v, NEW.dilemma)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;
CREATE TRIGGER registered_salt AFTER INSERT ON wikken.registered
    FOR EACH ROW EXECUTE FUNCTION wikken.registered_salt();

-- One row per login: the day (UTC, whatever the session's time zone) of its last write and how
-- many writes it made that day. The login is hashed with `settings.quota_salt`; only the last
-- day is kept.
CREATE TABLE wikken.quota (
    who text PRIMARY KEY CHECK (who ~ '^[0-9a-f]{64}$'),
    day date NOT NULL,
    n integer NOT NULL
);

-- Refuses a write to a dilemma that is not registered, or with a werkwijze it does not
-- have. SQLSTATE WK001, which the client turns into "ask the administrator to register
-- this pack".
CREATE FUNCTION wikken.accepts(a_pack text, a_v integer, a_dilemma text, a_first text,
                               a_revised text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
DECLARE opts text[];
BEGIN
    SELECT r.options INTO opts FROM registered r
    WHERE r.pack = a_pack AND r.v = a_v AND r.dilemma = a_dilemma;
    IF opts IS NULL THEN
        RAISE EXCEPTION 'dilemma % of pack % version % is not registered in this pool',
            a_dilemma, a_pack, a_v
            USING ERRCODE = 'WK001',
                  HINT = 'The administrator registers packs with: wikken pool packs URL';
    END IF;
    IF (a_first IS NOT NULL AND NOT a_first = ANY (opts))
       OR (a_revised IS NOT NULL AND NOT a_revised = ANY (opts)) THEN
        RAISE EXCEPTION 'dilemma % of pack % version % has no such werkwijze', a_dilemma,
            a_pack, a_v
            USING ERRCODE = 'WK001',
                  HINT = 'The administrator registers packs with: wikken pool packs URL';
    END IF;
END;
$$;

-- Counts one write of the calling login today; refuses it (SQLSTATE WK002, the limit in
-- DETAIL) past `settings.quota`. The refusal rolls the write back, this count with it.
CREATE FUNCTION wikken.spend() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
DECLARE
    w text;
    lim integer;
    used integer;
    today date := (now() AT TIME ZONE 'UTC')::date;
BEGIN
    SELECT encode(sha256(convert_to(s.quota_salt || session_user::text, 'UTF8')), 'hex'),
           s.quota
    INTO w, lim FROM settings s;
    INSERT INTO quota AS q (who, day, n) VALUES (w, today, 1)
    ON CONFLICT (who) DO UPDATE
        SET n = CASE WHEN q.day = today THEN q.n + 1 ELSE 1 END, day = today
    RETURNING q.n INTO used;
    IF used > lim THEN
        RAISE EXCEPTION 'this login reached the pool''s limit of % answers a day', lim
            USING ERRCODE = 'WK002', DETAIL = lim::text;
    END IF;
END;
$$;

-- Counts slots. A release (or an erasure, or the owner's statements) writes a dilemma's
-- counts in slot s only while its transaction holds the advisory lock of (dilemma, s); it
-- takes the lowest slot no other transaction holds. So a transaction left open after a
-- release blocks nothing: the next release of that dilemma takes the next slot, and the
-- readers add the slots up. Only 16 transactions open on one dilemma at once would make
-- releases of that dilemma wait (see PRIVACY.md chapter 6). (Slot 16 is the owner's: `slot`.)
CREATE FUNCTION wikken.try_slot(a_pack text, a_v integer, a_dilemma text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
BEGIN
    FOR s IN 0..15 LOOP
        IF pg_try_advisory_xact_lock(
            hashtextextended('wikken.counts/' || a_pack || '/' || a_v::text || '/'
                             || a_dilemma || '/' || s::text, 0)) THEN
            RETURN s;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$$;

-- The slot a counts write goes to, or an error that says the dilemma is busy (SQLSTATE 55P03,
-- as a lock timeout). The owner's own statements (an import, a bulk load, a correction) write
-- to slot 16 under one lock for all dilemmas while they can have it: an import touching
-- thousands of dilemmas would otherwise take a lock per dilemma and could fill the server's
-- lock table.
CREATE FUNCTION wikken.slot(a_pack text, a_v integer, a_dilemma text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
DECLARE s integer;
BEGIN
    IF session_user = current_user
       AND pg_try_advisory_xact_lock(hashtextextended('wikken.counts/owner', 0)) THEN
        RETURN 16;
    END IF;
    s := try_slot(a_pack, a_v, a_dilemma);
    IF s IS NULL THEN
        RAISE EXCEPTION 'dilemma % of pack % version % is busy; try again later', a_dilemma,
            a_pack, a_v
            USING ERRCODE = 'lock_not_available';
    END IF;
    RETURN s;
END;
$$;

ALTER TABLE wikken.counts ADD COLUMN slot smallint NOT NULL DEFAULT 0;
ALTER TABLE wikken.counts DROP CONSTRAINT counts_pkey;
ALTER TABLE wikken.counts
    ADD PRIMARY KEY (pack, v, dilemma, imported, first_choice, after_choice, slot);

CREATE OR REPLACE FUNCTION wikken.counts_track() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO counts AS c (pack, v, dilemma, imported, first_choice, after_choice, slot, n)
        SELECT g.pack, g.v, g.dilemma, g.imported, g.f, g.a, slot(g.pack, g.v, g.dilemma), g.n
        FROM (SELECT x.pack, x.v, x.dilemma, x.imported, x.pub_first AS f,
                     coalesce(x.pub_revised, x.pub_first) AS a, count(*)::integer AS n
              FROM new_rows x WHERE x.pub_first IS NOT NULL
              GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6) g
        ON CONFLICT (pack, v, dilemma, imported, first_choice, after_choice, slot)
        DO UPDATE SET n = c.n + EXCLUDED.n;
    ELSE
        INSERT INTO counts AS c (pack, v, dilemma, imported, first_choice, after_choice, slot, n)
        SELECT g.pack, g.v, g.dilemma, g.imported, g.f, g.a, slot(g.pack, g.v, g.dilemma), -g.n
        FROM (SELECT x.pack, x.v, x.dilemma, x.imported, x.pub_first AS f,
                     coalesce(x.pub_revised, x.pub_first) AS a, count(*)::integer AS n
              FROM old_rows x WHERE x.pub_first IS NOT NULL
              GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6) g
        ON CONFLICT (pack, v, dilemma, imported, first_choice, after_choice, slot)
        DO UPDATE SET n = c.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION wikken.counts_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
BEGIN
    IF OLD.pub_first IS NOT NULL THEN
        INSERT INTO counts AS c (pack, v, dilemma, imported, first_choice, after_choice, slot, n)
        VALUES (OLD.pack, OLD.v, OLD.dilemma, OLD.imported, OLD.pub_first,
                coalesce(OLD.pub_revised, OLD.pub_first), slot(OLD.pack, OLD.v, OLD.dilemma), -1)
        ON CONFLICT (pack, v, dilemma, imported, first_choice, after_choice, slot)
        DO UPDATE SET n = c.n - 1;
    END IF;
    IF NEW.pub_first IS NOT NULL THEN
        INSERT INTO counts AS c (pack, v, dilemma, imported, first_choice, after_choice, slot, n)
        VALUES (NEW.pack, NEW.v, NEW.dilemma, NEW.imported, NEW.pub_first,
                coalesce(NEW.pub_revised, NEW.pub_first), slot(NEW.pack, NEW.v, NEW.dilemma), 1)
        ON CONFLICT (pack, v, dilemma, imported, first_choice, after_choice, slot)
        DO UPDATE SET n = c.n + 1;
    END IF;
    RETURN NULL;
END;
$$;

-- Releases a dilemma's pending new answers once at least B = max(batch, k) of them wait, and
-- its pending changes (revisions, replaced answers) once at least B of those wait, each class
-- on its own (migration 3). It never waits, never publishes fewer than B, and keeps nothing it
-- does not publish: per class it takes a free counts slot and locks the pending rows no other
-- transaction holds, inside a subtransaction; when those are fewer than B (some are held by
-- a release not yet committed), the subtransaction is rolled back and its locks go with it.
-- (Migration 3 locked every pending row of the dilemma first: a transaction left open after
-- a release that published nothing kept the rows it had counted from everyone else's.)
CREATE OR REPLACE FUNCTION wikken.release(a_pack text, a_v integer, a_dilemma text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
DECLARE
    b integer := (SELECT greatest(s.batch, s.k) FROM settings s);
    n_new integer;
    n_changed integer;
    rows text[];
BEGIN
    SELECT count(*) FILTER (WHERE a.pub_first IS NULL),
           count(*) FILTER (WHERE a.pub_first IS NOT NULL)
    INTO n_new, n_changed
    FROM answers a WHERE a.pack = a_pack AND a.v = a_v AND a.dilemma = a_dilemma AND a.dirty;
    FOR changed IN 0..1 LOOP
        CONTINUE WHEN (CASE changed WHEN 0 THEN n_new ELSE n_changed END) < b;
        BEGIN
            IF try_slot(a_pack, a_v, a_dilemma) IS NULL THEN
                RAISE EXCEPTION 'no counts slot' USING ERRCODE = 'WK000';
            END IF;
            SELECT array_agg(pending.p) INTO rows
            FROM (SELECT a.p FROM answers a
                  WHERE a.pack = a_pack AND a.v = a_v AND a.dilemma = a_dilemma AND a.dirty
                    AND (a.pub_first IS NOT NULL) = (changed = 1)
                  FOR UPDATE SKIP LOCKED) pending;
            IF coalesce(cardinality(rows), 0) < b THEN
                RAISE EXCEPTION 'fewer than a batch free' USING ERRCODE = 'WK000';
            END IF;
            UPDATE answers SET pub_first = first, pub_revised = revised,
                               pub_reasoning = reasoning, dirty = false
            WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND p = ANY (rows);
        EXCEPTION WHEN SQLSTATE 'WK000' THEN
            NULL; -- stays pending for a later submit; nothing of this attempt is kept
        END;
    END LOOP;
END;
$$;

-- An answer, or a new answer of the same participant that replaces theirs: only to a
-- registered dilemma with its werkwijzen, counted against the login's daily quota when it
-- changes something, and releasing only then.
CREATE OR REPLACE FUNCTION wikken.submit(a_pack text, a_v integer, a_dilemma text, a_p text,
                                         a_owner text, a_first text, a_revised text,
                                         a_reasoning text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
DECLARE
    s text;
    n integer;
BEGIN
    PERFORM accepts(a_pack, a_v, a_dilemma, a_first, a_revised);
    IF NOT EXISTS (SELECT 1 FROM answers WHERE pack = a_pack AND v = a_v
                   AND dilemma = a_dilemma AND p = a_p) THEN
        SELECT salt INTO s FROM salts WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma;
        IF s IS NULL THEN
            -- Registered by the owner's own statement, past the trigger: made once.
            INSERT INTO salts (pack, v, dilemma) VALUES (a_pack, a_v, a_dilemma)
            ON CONFLICT DO NOTHING;
            SELECT salt INTO s FROM salts
            WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma;
        END IF;
        INSERT INTO participation (pack, v, dilemma, who)
        VALUES (a_pack, a_v, a_dilemma,
                encode(sha256(convert_to(s || session_user::text, 'UTF8')), 'hex'))
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n = 0 THEN
            RAISE EXCEPTION 'this login already answered this dilemma'
                USING ERRCODE = 'unique_violation';
        END IF;
    END IF;
    INSERT INTO answers (pack, v, dilemma, p, owner, first, revised, reasoning)
    VALUES (a_pack, a_v, a_dilemma, a_p, a_owner, a_first, a_revised, NULLIF(a_reasoning, ''))
    ON CONFLICT (pack, v, dilemma, p) DO UPDATE
        SET first = EXCLUDED.first, revised = EXCLUDED.revised,
            reasoning = EXCLUDED.reasoning, day = current_date, dirty = true
        WHERE answers.owner = EXCLUDED.owner
          AND (answers.first, answers.revised, answers.reasoning)
              IS DISTINCT FROM (EXCLUDED.first, EXCLUDED.revised, EXCLUDED.reasoning);
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 0 THEN
        PERFORM spend();
        PERFORM release(a_pack, a_v, a_dilemma);
    END IF;
END;
$$;

-- A revision, proven with the owner token: to a werkwijze of the registered dilemma, counted
-- against the quota, and releasing (so taking a counts slot) only when it changed a row. A
-- revision of a pseudonym nobody has takes nothing at all.
CREATE OR REPLACE FUNCTION wikken.revise(a_pack text, a_v integer, a_dilemma text, a_p text,
                                         a_token text, a_revised text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
DECLARE n integer;
BEGIN
    PERFORM accepts(a_pack, a_v, a_dilemma, NULL, a_revised);
    UPDATE answers SET revised = a_revised, dirty = true
    WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND p = a_p
      AND owner = encode(sha256(convert_to(a_token, 'UTF8')), 'hex')
      AND revised IS DISTINCT FROM a_revised;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 0 THEN
        PERFORM spend();
        PERFORM release(a_pack, a_v, a_dilemma);
        RETURN n;
    END IF;
    SELECT count(*) INTO n FROM answers
    WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND p = a_p
      AND owner = encode(sha256(convert_to(a_token, 'UTF8')), 'hex');
    RETURN n;
END;
$$;

-- What may be shown, as in migration 3, from the counts of every slot: a key (dilemma,
-- imported, first choice, choice after revision) counts when its slots add up to more than
-- nothing, and the readers add the slots' rows up. Window sums over the primary key's order, so
-- no sort, and a reader's filter on one dilemma still reaches the primary key (a GROUP BY over
-- the slots made `stats` hash and sort every key: 2.5 times slower).
CREATE OR REPLACE VIEW wikken.shown AS
SELECT x.pack, x.v, x.dilemma, x.imported, x.first_choice, x.after_choice, x.n,
       (CASE WHEN x.own >= x.k THEN x.own + x.other
             WHEN x.other >= x.k THEN x.other
             ELSE x.own + x.other END)::integer AS total,
       (x.own >= x.k OR x.other >= x.k) AS visible
FROM (
    SELECT c.pack, c.v, c.dilemma, c.imported, c.first_choice, c.after_choice, c.n,
           coalesce(sum(c.n) FILTER (WHERE NOT c.imported)
                    OVER (PARTITION BY c.pack, c.v, c.dilemma), 0) AS own,
           coalesce(sum(c.n) FILTER (WHERE c.imported)
                    OVER (PARTITION BY c.pack, c.v, c.dilemma), 0) AS other,
           (SELECT k FROM wikken.settings) AS k
    FROM (SELECT t.pack, t.v, t.dilemma, t.imported, t.first_choice, t.after_choice, t.n,
                 sum(t.n) OVER (PARTITION BY t.pack, t.v, t.dilemma, t.imported,
                                             t.first_choice, t.after_choice) AS key_n
          FROM wikken.counts t) c
    WHERE c.key_n > 0 AND c.n <> 0
) x
WHERE x.own >= x.k OR x.imported OR x.other < x.k;
REVOKE ALL ON wikken.shown FROM PUBLIC, wikken_participant;

-- `pool status`: the batch as releases use it (never below k).
CREATE OR REPLACE FUNCTION wikken.status()
RETURNS TABLE (k integer, batch integer, dilemmas integer, answers integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
    WITH t AS (
        SELECT sum(c.n) AS total FROM counts c GROUP BY c.pack, c.v, c.dilemma
        HAVING sum(c.n) > 0
    )
    SELECT s.k, greatest(s.batch, s.k), (SELECT count(*)::integer FROM t),
           (SELECT coalesce(sum(t.total), 0)::integer FROM t)
    FROM settings s;
$$;

-- The registered dilemmas, for the client: it says at once, without a round trip, that an
-- answer to another dilemma stays in the journal. (Which packs the organisation uses is no
-- secret among its participants.)
CREATE FUNCTION wikken.registered_dilemmas()
RETURNS TABLE (pack text, v integer, dilemma text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
    SELECT r.pack, r.v, r.dilemma FROM registered r ORDER BY 1, 2, 3;
$$;

REVOKE ALL ON wikken.registered, wikken.quota FROM PUBLIC, wikken_participant;
REVOKE ALL ON FUNCTION wikken.accepts(text, integer, text, text, text), wikken.spend(),
    wikken.try_slot(text, integer, text), wikken.slot(text, integer, text),
    wikken.registered_salt()
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wikken.registered_dilemmas() TO wikken_participant;
