-- wikken organisation pool, migration 4 (attacker review): erasure that travels, and a
-- release batch that nobody can pad.
--
-- * `forget` leaves a tombstone — the same hash a folder pool writes, of the pseudonym as
--   this pool exports it — so an erased answer that comes back in another team's bundle is
--   dropped at import, and every later export carries the erasure on.
-- * A submit or revision that changes nothing marks nothing as pending (and keeps the
--   date): an unchanged resubmit could otherwise fill a batch and release a lone new answer.
-- (New answers and changes are released in batches of their own since migration 3.)

CREATE OR REPLACE FUNCTION wikken.submit(a_pack text, a_v integer, a_dilemma text, a_p text,
                                         a_owner text, a_first text, a_revised text,
                                         a_reasoning text) RETURNS void
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
        WHERE answers.owner = EXCLUDED.owner
          AND (answers.first, answers.revised, answers.reasoning)
              IS DISTINCT FROM (EXCLUDED.first, EXCLUDED.revised, EXCLUDED.reasoning);
    PERFORM release(a_pack, a_v, a_dilemma);
END;
$$;

CREATE OR REPLACE FUNCTION wikken.revise(a_pack text, a_v integer, a_dilemma text, a_p text,
                                         a_token text, a_revised text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
DECLARE n integer;
BEGIN
    SELECT count(*) INTO n FROM answers
    WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND p = a_p
      AND owner = encode(sha256(convert_to(a_token, 'UTF8')), 'hex');
    UPDATE answers SET revised = a_revised, dirty = true
    WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND p = a_p
      AND owner = encode(sha256(convert_to(a_token, 'UTF8')), 'hex')
      AND revised IS DISTINCT FROM a_revised;
    PERFORM release(a_pack, a_v, a_dilemma);
    RETURN n;
END;
$$;

-- Erases one answer, proven with the owner token, leaving its tombstone: SHA-256 of
-- "wikken-tombstone", a zero byte and the pseudonym as `wikken export` writes it (the
-- first 16 hex digits of SHA-256 of the export key, "p" and the pseudonym).
CREATE OR REPLACE FUNCTION wikken.forget(a_pack text, a_v integer, a_dilemma text, a_p text,
                                         a_token text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = wikken, pg_temp AS $$
DECLARE n integer;
BEGIN
    INSERT INTO tombstones (t)
    SELECT encode(sha256(convert_to('wikken-tombstone', 'UTF8') || '\x00'::bytea
                         || convert_to(left(encode(sha256(convert_to(k.key || 'p' || a.p,
                                                                      'UTF8')), 'hex'), 16),
                                       'UTF8')), 'hex')
    FROM answers a, export_key k
    WHERE a.pack = a_pack AND a.v = a_v AND a.dilemma = a_dilemma AND a.p = a_p
      AND a.owner = encode(sha256(convert_to(a_token, 'UTF8')), 'hex')
    ON CONFLICT DO NOTHING;
    DELETE FROM answers
    WHERE pack = a_pack AND v = a_v AND dilemma = a_dilemma AND p = a_p
      AND owner = encode(sha256(convert_to(a_token, 'UTF8')), 'hex');
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END;
$$;

