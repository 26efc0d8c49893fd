-- wikken organisation pool, migration 1: the rules that keep answers anonymous live in the
-- database itself. Participants (role wikken_participant) may only EXECUTE the functions
-- below; every table is closed to them. See PRIVACY.md, "De organisatiepool".

CREATE SCHEMA IF NOT EXISTS wikken;

-- One row: the anonymity threshold k (never below 3) and the release batch (never below 3).
CREATE TABLE wikken.settings (
    id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    k integer NOT NULL DEFAULT 5 CHECK (k >= 3),
    batch integer NOT NULL DEFAULT 3 CHECK (batch >= 3)
);
INSERT INTO wikken.settings DEFAULT VALUES;

-- One row per participant per dilemma. `p` is a per-dilemma pseudonym (a keyed hash of a
-- secret that never leaves the participant's machine), so rows of one person cannot be
-- linked across dilemmas, not even by the administrator. `owner` is the SHA-256 of a
-- second keyed hash the participant alone can compute: it proves ownership for revise and
-- forget. The pending columns hold what was submitted; the pub_ columns what is counted.
-- Changes are released per dilemma in batches of at least `batch`, so comparing the
-- distribution before and after one person's answer reveals nothing.
CREATE TABLE wikken.answers (
    pack text NOT NULL CHECK (pack ~ '^[a-z0-9-]{1,64}$'),
    v integer NOT NULL CHECK (v >= 1),
    dilemma text NOT NULL CHECK (dilemma ~ '^[a-z0-9-]{1,64}$'),
    p text NOT NULL CHECK (p ~ '^[0-9a-f]{64}$'),
    owner text NOT NULL CHECK (owner ~ '^[0-9a-f]{64}$'),
    day date NOT NULL DEFAULT current_date,
    first text NOT NULL CHECK (first ~ '^[a-z0-9-]{1,64}$'),
    revised text CHECK (revised ~ '^[a-z0-9-]{1,64}$'),
    reasoning text CHECK (length(reasoning) <= 32768),
    pub_first text,
    pub_revised text,
    pub_reasoning text,
    dirty boolean NOT NULL DEFAULT true,
    PRIMARY KEY (pack, v, dilemma, p)
);
CREATE INDEX answers_dirty ON wikken.answers (pack, v, dilemma) WHERE dirty;

-- One new answer per login per dilemma. Pseudonyms are chosen by the client, so without
-- this one person could submit as many invented participants as it takes to push a
-- dilemma over k or to force the release of a single pending answer. `who` is a hash of
-- the login and a random salt per dilemma; the row says nothing about which answer is the
-- login's (the answer rows carry only the client's pseudonym).
CREATE TABLE wikken.salts (
    pack text NOT NULL, v integer NOT NULL, dilemma text NOT NULL,
    salt text NOT NULL DEFAULT gen_random_uuid()::text,
    PRIMARY KEY (pack, v, dilemma)
);
CREATE TABLE wikken.participation (
    pack text NOT NULL, v integer NOT NULL, dilemma text NOT NULL,
    who text NOT NULL,
    PRIMARY KEY (pack, v, dilemma, who)
);

-- Releases a dilemma's pending changes once there are at least `batch` of them.
CREATE FUNCTION wikken.release(a_pack text, a_v integer, a_dilemma text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
    UPDATE answers SET pub_first = first, pub_revised = revised, pub_reasoning = reasoning,
                       dirty = false
    WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND dirty
      AND (SELECT count(*) FROM answers
           WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND dirty)
          >= (SELECT batch FROM settings);
$$;

-- An answer (or a new answer to the same dilemma by the same participant, which replaces
-- the earlier one). Dates are kept without time. A login gives at most one new answer per
-- dilemma (see `participation`).
CREATE FUNCTION wikken.submit(a_pack text, a_v integer, a_dilemma text, a_p text, a_owner text,
                              a_first text, a_revised text, a_reasoning text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
DECLARE
    s text;
    n integer;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM answers WHERE pack = a_pack AND v = a_v
                   AND dilemma = a_dilemma AND p = a_p) THEN
        INSERT INTO salts (pack, v, dilemma) VALUES (a_pack, a_v, a_dilemma)
        ON CONFLICT DO NOTHING;
        SELECT salt INTO s FROM salts WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma;
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
        WHERE answers.owner = EXCLUDED.owner;
    PERFORM release(a_pack, a_v, a_dilemma);
END;
$$;

-- A revision ("zou je nu anders kiezen?"), proven with the owner token.
CREATE FUNCTION wikken.revise(a_pack text, a_v integer, a_dilemma text, a_p text, a_token text,
                              a_revised text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
DECLARE n integer;
BEGIN
    UPDATE answers SET revised = a_revised, dirty = true
    WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND p = a_p
      AND owner = encode(sha256(convert_to(a_token, 'UTF8')), 'hex');
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM release(a_pack, a_v, a_dilemma);
    RETURN n;
END;
$$;

-- Erases one answer, proven with the owner token. Returns how many rows went (0 or 1).
CREATE FUNCTION wikken.forget(a_pack text, a_v integer, a_dilemma text, a_p text, a_token text)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
DECLARE n integer;
BEGIN
    DELETE FROM answers
    WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND p = a_p
      AND owner = encode(sha256(convert_to(a_token, 'UTF8')), 'hex');
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END;
$$;

-- A dilemma's released distribution: one row per werkwijze with first and after-revision
-- counts, or, below k, a single row with only the number of participants.
CREATE FUNCTION wikken.distribution(a_pack text, a_v integer, a_dilemma text)
RETURNS TABLE (participants integer, visible boolean, option text, first_count integer,
               after_count integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
    WITH pub AS (
        SELECT pub_first AS f, coalesce(pub_revised, pub_first) AS a FROM answers
        WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND pub_first IS NOT NULL
    ), n AS (SELECT count(*)::integer AS c FROM pub), k AS (SELECT k FROM settings),
    opts AS (SELECT f AS o FROM pub UNION SELECT a FROM pub)
    SELECT n.c, true, opts.o,
           (SELECT count(*)::integer FROM pub WHERE f = opts.o),
           (SELECT count(*)::integer FROM pub WHERE a = opts.o)
    FROM n, k, opts WHERE n.c >= k.k
    UNION ALL
    SELECT n.c, false, NULL, NULL, NULL FROM n, k WHERE n.c < k.k;
$$;

-- Shared reasoning of a dilemma, only at k or more participants, in random order, without
-- ids or dates.
CREATE FUNCTION wikken.shared_reasoning(a_pack text, a_v integer, a_dilemma text)
RETURNS SETOF text
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
    SELECT pub_reasoning FROM answers
    WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND pub_reasoning IS NOT NULL
      AND (SELECT count(*) FROM answers WHERE pack = a_pack AND v = a_v
           AND dilemma = a_dilemma AND pub_first IS NOT NULL) >= (SELECT k FROM settings)
    ORDER BY random();
$$;

-- The pool as `wikken stats` may show it: per dilemma the participants, and per werkwijze
-- the counts only where the dilemma reached k.
CREATE FUNCTION wikken.stats()
RETURNS TABLE (pack text, v integer, dilemma text, participants integer, option text,
               first_count integer, after_count integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
    WITH pub AS (
        SELECT a.pack, a.v, a.dilemma, a.pub_first AS f,
               coalesce(a.pub_revised, a.pub_first) AS af
        FROM answers a WHERE a.pub_first IS NOT NULL
    ), n AS (SELECT pub.pack, pub.v, pub.dilemma, count(*)::integer AS c FROM pub
             GROUP BY 1, 2, 3),
    opts AS (SELECT DISTINCT pub.pack, pub.v, pub.dilemma, o
             FROM pub, LATERAL (VALUES (pub.f), (pub.af)) AS x(o))
    SELECT n.pack, n.v, n.dilemma, n.c, opts.o,
           (SELECT count(*)::integer FROM pub WHERE pub.pack = n.pack AND pub.v = n.v
              AND pub.dilemma = n.dilemma AND pub.f = opts.o),
           (SELECT count(*)::integer FROM pub WHERE pub.pack = n.pack AND pub.v = n.v
              AND pub.dilemma = n.dilemma AND pub.af = opts.o)
    FROM n JOIN opts USING (pack, v, dilemma)
    WHERE n.c >= (SELECT k FROM settings)
    UNION ALL
    SELECT n.pack, n.v, n.dilemma, n.c, NULL, NULL, NULL FROM n
    WHERE n.c < (SELECT k FROM settings);
$$;

-- Revisions per dilemma (from, to, how many), only for dilemmas at k or more, as `wikken
-- stats` shows them.
CREATE FUNCTION wikken.moves()
RETURNS TABLE (pack text, v integer, dilemma text, from_option text, to_option text,
               n integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
    WITH pub AS (
        SELECT a.pack, a.v, a.dilemma, a.pub_first AS f, a.pub_revised AS r
        FROM answers a WHERE a.pub_first IS NOT NULL
    ), n AS (SELECT pub.pack, pub.v, pub.dilemma, count(*) AS c FROM pub GROUP BY 1, 2, 3)
    SELECT pub.pack, pub.v, pub.dilemma, pub.f, pub.r, count(*)::integer
    FROM pub JOIN n USING (pack, v, dilemma)
    WHERE pub.r IS NOT NULL AND pub.r <> pub.f AND n.c >= (SELECT k FROM settings)
    GROUP BY 1, 2, 3, 4, 5;
$$;

-- Counts for `wikken pool status`: never rows, and nothing about what waits for release
-- (a count of pending answers would tell an attacker when one answer stands alone).
CREATE FUNCTION wikken.status()
RETURNS TABLE (k integer, batch integer, dilemmas integer, answers integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
    SELECT s.k, s.batch,
           (SELECT count(DISTINCT (a.pack, a.v, a.dilemma))::integer FROM answers a
            WHERE a.pub_first IS NOT NULL),
           (SELECT count(*)::integer FROM answers a WHERE a.pub_first IS NOT NULL)
    FROM settings s;
$$;

-- The participant role: functions only.
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wikken_participant') THEN
        CREATE ROLE wikken_participant NOLOGIN;
    END IF;
END $$;
REVOKE ALL ON SCHEMA wikken FROM PUBLIC;
GRANT USAGE ON SCHEMA wikken TO wikken_participant;
REVOKE ALL ON ALL TABLES IN SCHEMA wikken FROM PUBLIC, wikken_participant;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA wikken FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    wikken.submit(text, integer, text, text, text, text, text, text),
    wikken.revise(text, integer, text, text, text, text),
    wikken.forget(text, integer, text, text, text),
    wikken.distribution(text, integer, text),
    wikken.shared_reasoning(text, integer, text),
    wikken.stats(),
    wikken.moves(),
    wikken.status()
TO wikken_participant;
