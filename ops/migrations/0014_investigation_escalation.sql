-- An investigation escalates (supervision::Escalations, the one place of the rule) on an
-- unresolved critical finding, or on an undone action of an open plan that is more than the
-- grace days past its due date. Reading every body for that made the supervisor's inbox and
-- ListEscalations take a second at the national scale. Two columns, derived from the body by
-- PostgreSQL on every write (generated, so no writer can forget them and the bulk import fills
-- them too), narrow the read to the investigations that may escalate:
--   critical_since   the date of the oldest unresolved critical finding (NULL: none)
--   open_action_due  the oldest due date of an undone action of an open plan (NULL: none)
-- The service reads WHERE critical_since IS NOT NULL OR open_action_due < today - grace days,
-- and still decides from the body.
CREATE FUNCTION supervision.critical_since(body jsonb) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (SELECT min((d #>> '{}')::date)
            FROM jsonb_path_query(body,
                   '$.findings[*] ? (@.severity == "critical" && @.resolved == false).date') d);

CREATE FUNCTION supervision.open_action_due(body jsonb) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (SELECT min((d #>> '{}')::date)
            FROM jsonb_path_query(body,
                   '$.plans[*] ? (@.closed == false).actions[*] ? (@.done == null).due') d);

ALTER TABLE supervision.investigation
  ADD COLUMN critical_since date GENERATED ALWAYS AS (supervision.critical_since(body)) STORED,
  ADD COLUMN open_action_due date GENERATED ALWAYS AS (supervision.open_action_due(body)) STORED;

CREATE INDEX investigation_escalation_idx
  ON supervision.investigation (open_action_due) INCLUDE (critical_since)
  WHERE critical_since IS NOT NULL OR open_action_due IS NOT NULL;
