-- Tamper evidence for the audit log: every record carries its position in the chain
-- (chain_seq, in the order records were written), the previous record's hash and its own hash
-- = SHA-256(previous hash || canonical text of the record). A trigger computes them under a
-- lock on the chain head, so concurrent writers chain one after the other; `ozjt-admin
-- verify-audit` recomputes the chain and reports the first broken link.
ALTER TABLE audit.audit_record ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash bytea,
  ADD COLUMN hash bytea;

CREATE TABLE audit.chain_head (
  id        int PRIMARY KEY CHECK (id = 1),
  last_seq  bigint NOT NULL,
  last_hash bytea NOT NULL
);
REVOKE ALL ON audit.chain_head FROM PUBLIC;
GRANT SELECT ON audit.chain_head TO ozjt_app;

-- The text a record's hash covers: every column but the hashes, unit separator between them.
CREATE FUNCTION audit.canonical(r audit.audit_record) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT concat_ws(E'\x1f', r.chain_seq::text, r.id::text,
                   (extract(epoch FROM r.recorded_at) * 1000000)::bigint::text, r.actor, r.role,
                   r.municipality_code, r.method, r.entity_type, r.entity_id,
                   coalesce(r.before_json::text, ''), coalesce(r.after_json::text, ''),
                   r.request_id)
$$;

CREATE FUNCTION audit.genesis() RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT sha256(convert_to('ozjt-contracts audit chain', 'UTF8'))
$$;

-- Records written before this migration are chained in id order.
ALTER TABLE audit.audit_record DISABLE TRIGGER audit_record_no_update_delete;
DO $$
DECLARE
  r    audit.audit_record;
  prev bytea := audit.genesis();
  seq  bigint := 0;
BEGIN
  FOR r IN SELECT * FROM audit.audit_record ORDER BY id LOOP
    seq := seq + 1;
    r.chain_seq := seq;
    r.prev_hash := prev;
    r.hash := sha256(prev || convert_to(audit.canonical(r), 'UTF8'));
    UPDATE audit.audit_record SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = r.hash
     WHERE id = r.id;
    prev := r.hash;
  END LOOP;
  INSERT INTO audit.chain_head VALUES (1, seq, prev);
END $$;
ALTER TABLE audit.audit_record ENABLE TRIGGER audit_record_no_update_delete;
ALTER TABLE audit.audit_record ALTER COLUMN chain_seq SET NOT NULL,
  ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX audit_record_chain_idx ON audit.audit_record (chain_seq);

-- Runs as the owner (the services' role cannot touch the chain head itself).
CREATE FUNCTION audit.chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  head audit.chain_head%ROWTYPE;
BEGIN
  SELECT * INTO head FROM audit.chain_head WHERE id = 1 FOR UPDATE;
  NEW.chain_seq := head.last_seq + 1;
  NEW.prev_hash := head.last_hash;
  NEW.hash := sha256(head.last_hash || convert_to(audit.canonical(NEW), 'UTF8'));
  UPDATE audit.chain_head SET last_seq = NEW.chain_seq, last_hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_record_chain BEFORE INSERT ON audit.audit_record
  FOR EACH ROW EXECUTE FUNCTION audit.chain();
