-- Contracts: contracts and lots, history, mutation-after-award events, notes, legal steps,
-- tariff lines, index figures, floors, indexation runs and vervoer KPIs. Reference data is
-- read from the registry schema.
CREATE SCHEMA contracts;
GRANT USAGE ON SCHEMA contracts TO ozjt_app;
GRANT USAGE ON SCHEMA registry TO ozjt_app;

-- Filter columns plus the whole contract as the domain's JSON (body).
CREATE TABLE contracts.contract (
  id                 bigserial PRIMARY KEY,
  reference          text NOT NULL UNIQUE,
  title              text NOT NULL,
  kind               text NOT NULL,
  parent_id          bigint REFERENCES contracts.contract (id),
  family             text NOT NULL,
  status             text NOT NULL CHECK (status IN ('draft', 'awarded', 'active', 'terminated')),
  start_date         date NOT NULL,
  end_date           date NOT NULL CHECK (end_date >= start_date),
  provider_ids       bigint[] NOT NULL DEFAULT '{}',
  municipality_codes text[] NOT NULL DEFAULT '{}',
  body               jsonb NOT NULL,
  version            bigint NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contract_providers_idx ON contracts.contract USING gin (provider_ids);
CREATE INDEX contract_municipalities_idx ON contracts.contract USING gin (municipality_codes);
CREATE INDEX contract_end_idx ON contracts.contract (end_date);
CREATE INDEX contract_parent_idx ON contracts.contract (parent_id);

CREATE TABLE contracts.contract_version (
  contract_id bigint NOT NULL REFERENCES contracts.contract (id),
  version     bigint NOT NULL,
  snapshot    jsonb NOT NULL,
  actor       text NOT NULL,
  method      text NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, version)
);

-- A change to an awarded or active contract, waiting for the supervision service to turn it
-- into a quality review (consumed_at set then).
CREATE TABLE contracts.mutation_event (
  id          bigserial PRIMARY KEY,
  contract_id bigint NOT NULL REFERENCES contracts.contract (id),
  kind        text NOT NULL,
  detail      jsonb NOT NULL,
  actor       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  consumed_at timestamptz
);
CREATE INDEX mutation_event_open_idx ON contracts.mutation_event (id) WHERE consumed_at IS NULL;

CREATE TABLE contracts.note (
  id                bigserial PRIMARY KEY,
  contract_id       bigint NOT NULL REFERENCES contracts.contract (id),
  municipality_code text NOT NULL DEFAULT '',
  text              text NOT NULL,
  author            text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX note_contract_idx ON contracts.note (contract_id, id);

CREATE TABLE contracts.legal_step (
  id          bigserial PRIMARY KEY,
  contract_id bigint NOT NULL REFERENCES contracts.contract (id),
  kind        text NOT NULL,
  deadline    date,
  body        jsonb NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX legal_step_contract_idx ON contracts.legal_step (contract_id, id);
CREATE INDEX legal_step_deadline_idx ON contracts.legal_step (deadline);

CREATE TABLE contracts.tariff_line (
  id                 bigserial PRIMARY KEY,
  contract_id        bigint NOT NULL REFERENCES contracts.contract (id),
  law                text NOT NULL,
  variant            text NOT NULL,
  product_category   text NOT NULL,
  product_code       text NOT NULL,
  description        text NOT NULL,
  unit               text NOT NULL,
  amount_cents       bigint NOT NULL CHECK (amount_cents > 0),
  municipality_codes text[] NOT NULL DEFAULT '{}',
  valid_from         date NOT NULL,
  valid_to           date CHECK (valid_to IS NULL OR valid_to >= valid_from),
  index_year         int NOT NULL,
  supersedes_id      bigint REFERENCES contracts.tariff_line (id),
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tariff_line_contract_idx ON contracts.tariff_line (contract_id, product_code, valid_from);
CREATE INDEX tariff_line_from_idx ON contracts.tariff_line (valid_from);

CREATE TABLE contracts.index_figure (
  component  text NOT NULL,
  year       int NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('forecast', 'final')),
  hundredths int NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (component, year, kind)
);

CREATE TABLE contracts.tariff_floor (
  product_category text NOT NULL,
  product_code     text NOT NULL,
  year             int NOT NULL,
  floor_cents      bigint NOT NULL CHECK (floor_cents > 0),
  PRIMARY KEY (product_category, product_code, year)
);

CREATE TABLE contracts.indexation_run (
  id               bigserial PRIMARY KEY,
  contract_id      bigint NOT NULL REFERENCES contracts.contract (id),
  year             int NOT NULL,
  index_hundredths int NOT NULL,
  detail           jsonb NOT NULL,
  applied_by       text NOT NULL,
  applied_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contract_id, year)
);

CREATE TABLE contracts.kpi_definition (
  contract_id bigint NOT NULL REFERENCES contracts.contract (id),
  kind        text NOT NULL,
  norm        bigint NOT NULL,
  direction   text NOT NULL CHECK (direction IN ('at_least', 'at_most')),
  description text NOT NULL DEFAULT '',
  PRIMARY KEY (contract_id, kind)
);

CREATE TABLE contracts.kpi_measurement (
  id                bigserial PRIMARY KEY,
  contract_id       bigint NOT NULL REFERENCES contracts.contract (id),
  period            text NOT NULL,
  kind              text NOT NULL,
  value             bigint NOT NULL CHECK (value >= 0),
  source            text NOT NULL,
  municipality_code text NOT NULL DEFAULT '',
  recorded_by       text NOT NULL,
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contract_id, period, kind, source, municipality_code)
);
CREATE INDEX kpi_measurement_period_idx ON contracts.kpi_measurement (period);

GRANT SELECT ON registry.provider, registry.municipality, registry.product_category,
  registry.unit TO ozjt_app;
GRANT SELECT, INSERT, UPDATE ON contracts.contract TO ozjt_app;
GRANT SELECT, INSERT ON contracts.contract_version, contracts.note, contracts.index_figure,
  contracts.indexation_run, contracts.kpi_measurement TO ozjt_app;
GRANT SELECT, INSERT, UPDATE ON contracts.legal_step, contracts.kpi_definition,
  contracts.tariff_floor TO ozjt_app;
-- Tariff lines are never overwritten: only their end (valid_to) may be set.
GRANT SELECT, INSERT ON contracts.tariff_line TO ozjt_app;
GRANT UPDATE (valid_to) ON contracts.tariff_line TO ozjt_app;
GRANT SELECT, INSERT ON contracts.mutation_event TO ozjt_app;
GRANT UPDATE (consumed_at) ON contracts.mutation_event TO ozjt_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA contracts TO ozjt_app;
