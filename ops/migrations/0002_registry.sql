-- Provider registry: reference tables and providers.
CREATE SCHEMA registry;
GRANT USAGE ON SCHEMA registry TO ozjt_app;

CREATE TABLE registry.region (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9_-]{1,40}$'),
  name text NOT NULL
);

CREATE TABLE registry.municipality (
  cbs_code    char(4) PRIMARY KEY CHECK (cbs_code ~ '^[0-9]{4}$'),
  name        text NOT NULL,
  region_code text NOT NULL REFERENCES registry.region (code)
);

-- law: 'jeugdwet' (iJw JZ020) or 'wmo' (iWmo WMO020).
CREATE TABLE registry.product_category (
  law    text NOT NULL CHECK (law IN ('jeugdwet', 'wmo')),
  code   char(2) NOT NULL,
  name   text NOT NULL,
  legacy boolean NOT NULL DEFAULT false,
  PRIMARY KEY (law, code)
);

-- WJ756 units.
CREATE TABLE registry.unit (
  code char(2) PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE registry.joint_task (
  code text PRIMARY KEY,
  name text NOT NULL
);

-- Which municipality takes part in which joint task, over which period (valid_to inclusive).
CREATE TABLE registry.task_participation (
  task_code  text NOT NULL REFERENCES registry.joint_task (code),
  cbs_code   char(4) NOT NULL REFERENCES registry.municipality (cbs_code),
  valid_from date NOT NULL,
  valid_to   date,
  PRIMARY KEY (task_code, cbs_code, valid_from),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

CREATE TABLE registry.provider (
  id          bigserial PRIMARY KEY,
  kvk_number  char(8) NOT NULL UNIQUE CHECK (kvk_number ~ '^[0-9]{8}$'),
  name        text NOT NULL,
  legal_form  text NOT NULL,
  laws        text[] NOT NULL,
  tier        text NOT NULL CHECK (tier IN ('strategic', 'local')),
  status      text NOT NULL CHECK (status IN ('applicant', 'contracted', 'suspended', 'ended')),
  version     bigint NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX provider_name_idx ON registry.provider (lower(name), id);

CREATE TABLE registry.provider_agb (
  provider_id bigint NOT NULL REFERENCES registry.provider (id),
  agb_code    char(8) NOT NULL CHECK (agb_code ~ '^[0-9]{8}$'),
  PRIMARY KEY (provider_id, agb_code)
);
CREATE INDEX provider_agb_code_idx ON registry.provider_agb (agb_code);

CREATE TABLE registry.establishment (
  provider_id          bigint NOT NULL REFERENCES registry.provider (id),
  establishment_number char(12) NOT NULL CHECK (establishment_number ~ '^[0-9]{12}$'),
  name                 text NOT NULL,
  agb_code             text NOT NULL DEFAULT '',
  municipality_code    text NOT NULL DEFAULT '',
  position             int NOT NULL,
  PRIMARY KEY (provider_id, establishment_number)
);
CREATE INDEX establishment_agb_idx ON registry.establishment (agb_code) WHERE agb_code <> '';

CREATE TABLE registry.provider_municipality (
  provider_id bigint NOT NULL REFERENCES registry.provider (id),
  cbs_code    char(4) NOT NULL REFERENCES registry.municipality (cbs_code),
  PRIMARY KEY (provider_id, cbs_code)
);
CREATE INDEX provider_municipality_code_idx ON registry.provider_municipality (cbs_code, provider_id);

CREATE TABLE registry.provider_turnover (
  provider_id bigint NOT NULL REFERENCES registry.provider (id),
  year        int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  total_cents bigint NOT NULL CHECK (total_cents >= 0),
  PRIMARY KEY (provider_id, year)
);

CREATE TABLE registry.provider_region_turnover (
  provider_id  bigint NOT NULL,
  year         int NOT NULL,
  region_code  text NOT NULL REFERENCES registry.region (code),
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  PRIMARY KEY (provider_id, year, region_code),
  FOREIGN KEY (provider_id, year) REFERENCES registry.provider_turnover (provider_id, year)
);

-- Every version of every provider, as the JSON the API returns, for the change history.
CREATE TABLE registry.provider_version (
  provider_id bigint NOT NULL REFERENCES registry.provider (id),
  version     bigint NOT NULL,
  snapshot    jsonb NOT NULL,
  actor       text NOT NULL,
  method      text NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider_id, version)
);

GRANT SELECT ON registry.region, registry.municipality, registry.product_category,
  registry.unit, registry.joint_task, registry.task_participation TO ozjt_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON registry.provider, registry.provider_agb,
  registry.establishment, registry.provider_municipality, registry.provider_turnover,
  registry.provider_region_turnover TO ozjt_app;
-- History is append-only like the audit log.
GRANT SELECT, INSERT ON registry.provider_version TO ozjt_app;
GRANT USAGE ON SEQUENCE registry.provider_id_seq TO ozjt_app;
