-- wikken organisation pool, migration 3: counts kept up to date, so a distribution and
-- `stats` cost the same with ten answers or ten million (issue 13: one distribution in at
-- most 10 ms and stats in at most 1 s at 10 000 000 answers; counting the answers table
-- took minutes). And a release that never waits and never releases fewer than `batch`.

-- No answer may change between the backfill below and the triggers that keep it up to date.
LOCK TABLE wikken.answers IN SHARE ROW EXCLUSIVE MODE;

-- Released answers per dilemma and (first choice, choice after revision): what every reader
-- needs, in a few rows per dilemma. Kept by the triggers below from the pub_ columns, so
-- every way an answer is released, replaced or erased (submit, revise, forget, the owner's
-- own statements) keeps it right. Nothing in it is below what the answers table holds for
-- the same released rows, and, like every table, it is closed to participants.
CREATE TABLE wikken.counts (
    pack text NOT NULL,
    v integer NOT NULL,
    dilemma text NOT NULL,
    -- Other teams' answers (imports) are counted apart: they never help this pool's own
    -- answers over k (see the readers below).
    imported boolean NOT NULL,
    first_choice text NOT NULL,
    after_choice text NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (pack, v, dilemma, imported, first_choice, after_choice)
);
INSERT INTO wikken.counts (pack, v, dilemma, imported, first_choice, after_choice, n)
SELECT pack, v, dilemma, imported, pub_first, coalesce(pub_revised, pub_first),
       count(*)::integer
FROM wikken.answers WHERE pub_first IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6;
REVOKE ALL ON wikken.counts FROM PUBLIC, wikken_participant;

-- Applies one statement's inserted or deleted rows to the counts: the released values of the
-- rows it added count +1, of the rows it removed -1. Per statement, so an owner's bulk load or
-- delete costs one aggregate, not one upsert per row; summed per key and upserted in key
-- order, so two transactions never lock the same counts in opposite order.
CREATE FUNCTION wikken.counts_track() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO counts AS c (pack, v, dilemma, imported, first_choice, after_choice, n)
        SELECT x.pack, x.v, x.dilemma, x.imported, x.pub_first,
               coalesce(x.pub_revised, x.pub_first), count(*)::integer
        FROM new_rows x WHERE x.pub_first IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (pack, v, dilemma, imported, first_choice, after_choice)
        DO UPDATE SET n = c.n + EXCLUDED.n;
    ELSE
        INSERT INTO counts AS c (pack, v, dilemma, imported, first_choice, after_choice, n)
        SELECT x.pack, x.v, x.dilemma, x.imported, x.pub_first,
               coalesce(x.pub_revised, x.pub_first), -count(*)::integer
        FROM old_rows x WHERE x.pub_first IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (pack, v, dilemma, imported, first_choice, after_choice)
        DO UPDATE SET n = c.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END;
$$;

-- Applies one updated row whose released values changed (a release): per row, because the
-- trigger's WHEN clause then skips every update that releases nothing (each submit's
-- replacement, each revision) without calling anything; a per-statement trigger ran on each
-- of them and cost a fifth of the submits' throughput. Concurrent releases of one dilemma
-- cannot interleave (see `release`), and of two dilemmas touch other counts.
CREATE FUNCTION wikken.counts_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
BEGIN
    IF OLD.pub_first IS NOT NULL THEN
        INSERT INTO counts AS c (pack, v, dilemma, imported, first_choice, after_choice, n)
        VALUES (OLD.pack, OLD.v, OLD.dilemma, OLD.imported, OLD.pub_first,
                coalesce(OLD.pub_revised, OLD.pub_first), -1)
        ON CONFLICT (pack, v, dilemma, imported, first_choice, after_choice)
        DO UPDATE SET n = c.n - 1;
    END IF;
    IF NEW.pub_first IS NOT NULL THEN
        INSERT INTO counts AS c (pack, v, dilemma, imported, first_choice, after_choice, n)
        VALUES (NEW.pack, NEW.v, NEW.dilemma, NEW.imported, NEW.pub_first,
                coalesce(NEW.pub_revised, NEW.pub_first), 1)
        ON CONFLICT (pack, v, dilemma, imported, first_choice, after_choice)
        DO UPDATE SET n = c.n + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION wikken.counts_clear() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
BEGIN
    DELETE FROM counts;
    RETURN NULL;
END;
$$;

CREATE TRIGGER counts_insert AFTER INSERT ON wikken.answers
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wikken.counts_track();
CREATE TRIGGER counts_update AFTER UPDATE ON wikken.answers FOR EACH ROW
    WHEN (OLD.pub_first IS DISTINCT FROM NEW.pub_first
          OR OLD.pub_revised IS DISTINCT FROM NEW.pub_revised
          OR (OLD.pub_first IS NOT NULL
              AND (OLD.pack, OLD.v, OLD.dilemma, OLD.imported)
                  IS DISTINCT FROM (NEW.pack, NEW.v, NEW.dilemma, NEW.imported)))
    EXECUTE FUNCTION wikken.counts_change();
CREATE TRIGGER counts_delete AFTER DELETE ON wikken.answers
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION wikken.counts_track();
CREATE TRIGGER counts_truncate AFTER TRUNCATE ON wikken.answers
    FOR EACH STATEMENT EXECUTE FUNCTION wikken.counts_clear();

-- Releases a dilemma's pending new answers once at least `batch` of them wait, and its
-- pending changes (revisions, replaced answers) once at least `batch` of those wait, each
-- class on its own, so a revision (which leaves every first choice as it was) cannot pad
-- the batch that releases one new answer's first choice. It never waits: when another
-- transaction is releasing this dilemma (or holds one of its pending rows), the answers
-- stay pending for the next submit. It releases exactly the rows it counted and locked, so
-- a concurrent release, re-answer or forget can never make it publish fewer than `batch`
-- (migration 1 counted in one snapshot and updated in another: two submits at once could
-- release a single answer on its own).
CREATE OR REPLACE FUNCTION wikken.release(a_pack text, a_v integer, a_dilemma text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
DECLARE
    news text[];
    changes text[];
    b integer := (SELECT batch FROM settings);
BEGIN
    IF NOT pg_try_advisory_xact_lock(
        hashtextextended('wikken.release/' || a_pack || '/' || a_v::text || '/' || a_dilemma,
                         0)) THEN
        RETURN;
    END IF;
    IF (SELECT count(*) FROM answers
        WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND dirty) < b THEN
        RETURN;
    END IF;
    SELECT array_agg(pending.p) FILTER (WHERE pending.pub_first IS NULL),
           array_agg(pending.p) FILTER (WHERE pending.pub_first IS NOT NULL)
    INTO news, changes
    FROM (SELECT a.p, a.pub_first FROM answers a
          WHERE a.pack = a_pack AND a.v = a_v AND a.dilemma = a_dilemma AND a.dirty
          FOR UPDATE SKIP LOCKED) pending;
    IF coalesce(cardinality(news), 0) >= b THEN
        UPDATE answers SET pub_first = first, pub_revised = revised, pub_reasoning = reasoning,
                           dirty = false
        WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND p = ANY (news);
    END IF;
    IF coalesce(cardinality(changes), 0) >= b THEN
        UPDATE answers SET pub_first = first, pub_revised = revised, pub_reasoning = reasoning,
                           dirty = false
        WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND p = ANY (changes);
    END IF;
END;
$$;

-- What may be shown of each dilemma, by the rule the folder pool follows too: this pool's
-- own answers show (with the imported ones) once they alone reach k; otherwise the imported
-- answers show on their own once they reach k; otherwise only the number of participants.
-- So a bundle, however crafted, never lifts a handful of own answers over k. A view with
-- window functions over (pack, v, dilemma), so a reader's filter on one dilemma reaches the
-- counts' primary key instead of scanning every dilemma. Closed to participants like every
-- table; the functions below read it as its owner.
CREATE VIEW wikken.shown AS
SELECT x.pack, x.v, x.dilemma, x.imported, x.first_choice, x.after_choice, x.n,
       (CASE WHEN x.own >= x.k THEN x.own + x.other
             WHEN x.other >= x.k THEN x.other
             ELSE x.own + x.other END)::integer AS total,
       (x.own >= x.k OR x.other >= x.k) AS visible
FROM (
    SELECT c.*,
           coalesce(sum(c.n) FILTER (WHERE NOT c.imported)
                    OVER (PARTITION BY c.pack, c.v, c.dilemma), 0) AS own,
           coalesce(sum(c.n) FILTER (WHERE c.imported)
                    OVER (PARTITION BY c.pack, c.v, c.dilemma), 0) AS other,
           (SELECT k FROM wikken.settings) AS k
    FROM wikken.counts c WHERE c.n > 0
) x
WHERE x.own >= x.k OR x.imported OR x.other < x.k;
REVOKE ALL ON wikken.shown FROM PUBLIC, wikken_participant;

-- The readers, from `shown`. Same signatures and results as in migration 1.
CREATE OR REPLACE FUNCTION wikken.distribution(a_pack text, a_v integer, a_dilemma text)
RETURNS TABLE (participants integer, visible boolean, option text, first_count integer,
               after_count integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
    WITH s AS (SELECT * FROM shown s
               WHERE s.pack = a_pack AND s.v = a_v AND s.dilemma = a_dilemma),
    t AS (SELECT coalesce(max(s.total), 0) AS total, coalesce(bool_or(s.visible), false) AS vis
          FROM s),
    o AS (
        SELECT x.o, sum(x.f)::integer AS f, sum(x.a)::integer AS a
        FROM (SELECT s.first_choice AS o, s.n AS f, 0 AS a FROM s WHERE s.visible
              UNION ALL SELECT s.after_choice, 0, s.n FROM s WHERE s.visible) x
        GROUP BY x.o
    )
    SELECT t.total, true, o.o, o.f, o.a FROM t, o WHERE t.vis
    UNION ALL
    SELECT t.total, false, NULL, NULL, NULL FROM t WHERE NOT t.vis;
$$;

CREATE OR REPLACE FUNCTION wikken.shared_reasoning(a_pack text, a_v integer, a_dilemma text)
RETURNS SETOF text
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
    WITH s AS (SELECT DISTINCT s.imported FROM shown s
               WHERE s.pack = a_pack AND s.v = a_v AND s.dilemma = a_dilemma AND s.visible)
    SELECT a.pub_reasoning FROM answers a JOIN s ON s.imported = a.imported
    WHERE a.pack = a_pack AND a.v = a_v AND a.dilemma = a_dilemma
      AND a.pub_reasoning IS NOT NULL
    ORDER BY random();
$$;

CREATE OR REPLACE FUNCTION wikken.stats()
RETURNS TABLE (pack text, v integer, dilemma text, participants integer, option text,
               first_count integer, after_count integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
    WITH s AS (SELECT * FROM shown),
    t AS (
        SELECT s.pack, s.v, s.dilemma, max(s.total) AS total, bool_or(s.visible) AS vis
        FROM s GROUP BY 1, 2, 3
    ), o AS (
        SELECT x.pack, x.v, x.dilemma, x.o, sum(x.f)::integer AS f, sum(x.a)::integer AS a
        FROM (SELECT s.pack, s.v, s.dilemma, s.first_choice AS o, s.n AS f, 0 AS a FROM s
              WHERE s.visible
              UNION ALL
              SELECT s.pack, s.v, s.dilemma, s.after_choice, 0, s.n FROM s WHERE s.visible) x
        GROUP BY 1, 2, 3, 4
    )
    SELECT t.pack, t.v, t.dilemma, t.total, o.o, o.f, o.a
    FROM t JOIN o ON o.pack = t.pack AND o.v = t.v AND o.dilemma = t.dilemma
    WHERE t.vis
    UNION ALL
    SELECT t.pack, t.v, t.dilemma, t.total, NULL, NULL, NULL FROM t WHERE NOT t.vis;
$$;

CREATE OR REPLACE FUNCTION wikken.moves()
RETURNS TABLE (pack text, v integer, dilemma text, from_option text, to_option text,
               n integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
    SELECT s.pack, s.v, s.dilemma, s.first_choice, s.after_choice, sum(s.n)::integer
    FROM shown s
    WHERE s.visible AND s.first_choice <> s.after_choice
    GROUP BY 1, 2, 3, 4, 5;
$$;

CREATE OR REPLACE FUNCTION wikken.status()
RETURNS TABLE (k integer, batch integer, dilemmas integer, answers integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
    WITH t AS (
        SELECT sum(c.n) AS total FROM counts c WHERE c.n > 0 GROUP BY c.pack, c.v, c.dilemma
    )
    SELECT s.k, s.batch, (SELECT count(*)::integer FROM t),
           (SELECT coalesce(sum(t.total), 0)::integer FROM t)
    FROM settings s;
$$;

-- New functions are executable by PUBLIC by default; these are for the triggers only.
REVOKE ALL ON FUNCTION wikken.counts_track(), wikken.counts_change(), wikken.counts_clear()
    FROM PUBLIC;
