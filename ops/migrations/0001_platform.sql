-- Platform: the services' database role and the append-only audit log.
-- Services connect with the configured login and then SET ROLE ozjt_app, so every
-- privilege below is what a service can do; migrations run as the login itself.
DO $$
BEGIN
  CREATE ROLE ozjt_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;  -- roles are cluster-wide: another database (or process) created it already
END $$;

DO $$
BEGIN
  EXECUTE format('GRANT ozjt_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN
  NULL;  -- already a member, or a superuser (who may SET ROLE anyway)
END $$;

CREATE SCHEMA audit;
GRANT USAGE ON SCHEMA audit TO ozjt_app;

-- One row per successful change (and per confidential read where a service asks for it),
-- written in the same transaction as the change.
CREATE TABLE audit.audit_record (
  id                bigserial PRIMARY KEY,
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  actor             text NOT NULL,
  role              text NOT NULL,
  municipality_code text NOT NULL DEFAULT '',
  method            text NOT NULL,
  entity_type       text NOT NULL,
  entity_id         text NOT NULL,
  before_json       jsonb,
  after_json        jsonb,
  request_id        text NOT NULL
);
CREATE INDEX audit_record_entity_idx ON audit.audit_record (entity_type, entity_id, id);
CREATE INDEX audit_record_actor_idx ON audit.audit_record (actor, id);
CREATE INDEX audit_record_time_idx ON audit.audit_record (recorded_at, id);

-- Append-only for everyone: the role has no UPDATE/DELETE/TRUNCATE privilege, and these
-- triggers refuse them even to the table owner.
CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit records are append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_record_no_update_delete BEFORE UPDATE OR DELETE ON audit.audit_record
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit.audit_record
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

REVOKE ALL ON audit.audit_record FROM PUBLIC;
GRANT SELECT, INSERT ON audit.audit_record TO ozjt_app;
GRANT USAGE ON SEQUENCE audit.audit_record_id_seq TO ozjt_app;
