-- Writers no longer wait for each other on the audit chain (issue 21). Until now a trigger
-- chained every record as it was inserted, under a lock on audit.chain_head held until the
-- writer's commit, so every change of every service queued behind the one before it. Now:
--   * a record is written unchained (chain_seq, prev_hash and hash NULL) in the writer's own
--     transaction, which touches nothing shared;
--   * one chainer, audit.chain_committed(), run by every host every 200 ms (and once more on
--     a graceful stop), takes the chain head's lock and chains the committed records it finds
--     unchained, in id order, each exactly as the trigger did:
--       hash = SHA-256(previous hash || audit.canonical(record, with its position));
--     a second host's chainer waits for the lock and then finds nothing left to chain;
--   * the verifier checks every chained record as before and reports the unchained tail (how
--     many, the oldest), which a running host keeps at a fraction of a second.
-- What the chain proves is unchanged for every chained record; a record is not covered in the
-- moments between its commit and its chaining.

DROP TRIGGER audit_record_chain ON audit.audit_record;
DROP FUNCTION audit.chain();
ALTER TABLE audit.audit_record ALTER COLUMN chain_seq DROP NOT NULL,
  ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL;
-- The unchained tail, found without reading the chained records.
CREATE INDEX audit_record_unchained_idx ON audit.audit_record (id) WHERE chain_seq IS NULL;

-- Still append-only: the one change allowed is giving an unchained record its place in the
-- chain, with every other column as written. Only the chainer makes it (the services' role
-- has no UPDATE privilege; audit.chain_committed runs as the owner).
CREATE OR REPLACE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL AND NEW.prev_hash IS NOT NULL
       AND NEW.hash IS NOT NULL
       AND (NEW.id, NEW.recorded_at, NEW.actor, NEW.role, NEW.municipality_code, NEW.method,
            NEW.entity_type, NEW.entity_id, NEW.before_json, NEW.after_json, NEW.request_id)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.recorded_at, OLD.actor, OLD.role, OLD.municipality_code, OLD.method,
            OLD.entity_type, OLD.entity_id, OLD.before_json, OLD.after_json, OLD.request_id) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit records are append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

-- Chains up to max_records committed unchained records; returns how many it chained. Each
-- statement of a PL/pgSQL function sees what committed before it started, so the records are
-- read after the head's lock is taken: a chainer that waited for another sees its work.
-- audit.canonical of an unchained record is its text without the position (concat_ws skips
-- the NULL), read for the whole batch in one statement; the loop only prefixes the position
-- and hashes (each hash needs the one before), and one UPDATE writes them all. Calling
-- audit.canonical per record from the loop cost 50 times as much under load.
CREATE FUNCTION audit.chain_committed(max_records int) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  head   audit.chain_head%ROWTYPE;
  r      record;
  ids    bigint[] := '{}';
  seqs   bigint[] := '{}';
  prevs  bytea[] := '{}';
  hashes bytea[] := '{}';
BEGIN
  SELECT * INTO head FROM audit.chain_head WHERE id = 1 FOR UPDATE;
  FOR r IN SELECT a.id, audit.canonical(a) AS unplaced FROM audit.audit_record a
            WHERE a.chain_seq IS NULL ORDER BY a.id LIMIT max_records LOOP
    ids := ids || r.id;
    seqs := seqs || (head.last_seq + 1);
    prevs := prevs || head.last_hash;
    head.last_seq := head.last_seq + 1;
    head.last_hash := sha256(head.last_hash ||
                             convert_to(head.last_seq::text || E'\x1f' || r.unplaced, 'UTF8'));
    hashes := hashes || head.last_hash;
  END LOOP;
  IF cardinality(ids) > 0 THEN
    UPDATE audit.audit_record a
       SET chain_seq = c.seq, prev_hash = c.prev, hash = c.hash
      FROM unnest(ids, seqs, prevs, hashes) AS c(id, seq, prev, hash)
     WHERE a.id = c.id;
    UPDATE audit.chain_head SET last_seq = head.last_seq, last_hash = head.last_hash WHERE id = 1;
  END IF;
  RETURN cardinality(ids);
END $$;
REVOKE ALL ON FUNCTION audit.chain_committed(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.chain_committed(int) TO ozjt_app;
