-- Findings as rows of their own. An investigation kept its findings inside its body
-- (body->'findings'), so adding one rewrote the whole body and wrote an audit record with the
-- whole body before and after: CreateFinding grew slower with every finding of the
-- investigation (ops/bench.sh, create_finding). A finding is now one row here, written once when
-- it is made and again only when its content changes (a plan closed as effective resolves it);
-- the investigation's body keeps "findings": [] (the domain's JSON has the key), and the
-- store's reads put the rows back into it in the same statement (ordered by number), so the
-- domain's Investigation is what it was.
--   severity, date, resolved  the finding's own values (the body's), for the queries below
--   body                      the finding as the domain's JSON (supervision::FindingToJson)
CREATE TABLE supervision.finding (
  investigation_id bigint NOT NULL REFERENCES supervision.investigation (id),
  number           int NOT NULL,
  severity         text NOT NULL CHECK (severity IN ('observation', 'minor', 'major', 'critical')),
  date             date NOT NULL,
  resolved         boolean NOT NULL,
  body             jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (investigation_id, number)
);
GRANT SELECT, INSERT, UPDATE ON supervision.finding TO ozjt_app;

-- Every finding stored so far, out of the bodies (created_at: when this migration ran).
INSERT INTO supervision.finding (investigation_id, number, severity, date, resolved, body)
SELECT i.id, (f->>'number')::int, f->>'severity', (f->>'date')::date, (f->>'resolved')::boolean, f
  FROM supervision.investigation i, jsonb_array_elements(i.body->'findings') f;

-- What read the findings in the body goes first (so the rewrite of the bodies below does not
-- maintain it): the agenda's partial index (migration 0010), and the generated column
-- critical_since with its function and the escalation index that includes it (migration 0014).
DROP INDEX supervision.investigation_agenda_idx;
DROP INDEX supervision.investigation_escalation_idx;
ALTER TABLE supervision.investigation DROP COLUMN critical_since;
DROP FUNCTION supervision.critical_since(jsonb);

-- The bodies without their findings; version and updated_at stay (nothing a user changed, and
-- what a reader parsed before is still the investigation it reads now).
UPDATE supervision.investigation
   SET body = jsonb_set(body, '{findings}', '[]')
 WHERE body->'findings' IS DISTINCT FROM '[]'::jsonb;
-- No writer may put findings back into a body: a read would silently replace them by the rows.
ALTER TABLE supervision.investigation
  ADD CONSTRAINT investigation_findings_are_rows CHECK (body->'findings' = '[]'::jsonb);

-- The unresolved critical findings (an escalation signal, and on the agenda whatever the
-- investigation's status): few, so the agenda and the escalation reads start from them.
CREATE INDEX finding_open_critical_idx ON supervision.finding (investigation_id)
  WHERE severity = 'critical' AND NOT resolved;
-- The agenda's investigations from the bodies: open, or with an open plan (those with an
-- unresolved critical finding come from finding_open_critical_idx; due_items_impl.cc).
CREATE INDEX investigation_agenda_idx
  ON supervision.investigation (provider_id) INCLUDE (id, version, updated_at)
  WHERE status <> 'concluded'
     OR jsonb_path_exists(body, '$.plans[*] ? (@.closed == false)');
-- The investigations with an undone action of an open plan (open_action_due, migration 0014).
CREATE INDEX investigation_escalation_idx
  ON supervision.investigation (open_action_due) WHERE open_action_due IS NOT NULL;
