-- Quality supervision: investigations (with their findings and improvement plans as the
-- domain's JSON), and the contract mutation events they consumed. Finding details are
-- sensitive: the service logs reads of them.
CREATE SCHEMA supervision;
GRANT USAGE ON SCHEMA supervision TO ozjt_app;

CREATE TABLE supervision.investigation (
  id                      bigserial PRIMARY KEY,
  provider_id             bigint NOT NULL REFERENCES registry.provider (id),
  kind                    text NOT NULL,
  status                  text NOT NULL CHECK (status IN ('requested', 'planned', 'in_progress', 'concluded')),
  requesting_municipality text NOT NULL DEFAULT '',
  contract_id             bigint REFERENCES contracts.contract (id),
  mutation_event_id       bigint REFERENCES contracts.mutation_event (id),
  opened                  date NOT NULL,
  body                    jsonb NOT NULL,
  version                 bigint NOT NULL DEFAULT 1,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX investigation_provider_idx ON supervision.investigation (provider_id, id);
CREATE INDEX investigation_municipality_idx ON supervision.investigation (requesting_municipality)
  WHERE requesting_municipality <> '';
-- Each contract mutation event becomes one review per provider of the contract, once.
CREATE UNIQUE INDEX investigation_mutation_idx ON supervision.investigation (mutation_event_id, provider_id)
  WHERE mutation_event_id IS NOT NULL;

GRANT SELECT, INSERT, UPDATE ON supervision.investigation TO ozjt_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA supervision TO ozjt_app;
