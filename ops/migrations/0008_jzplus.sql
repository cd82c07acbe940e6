-- Jeugdzorg Plus inflow: aggregated counts only (no field for data about a child) per quarter,
-- municipality of residence, provider and authorisation type. A quarter is replaced as a whole
-- by an import (delete and insert in one transaction, audited).
CREATE SCHEMA jzplus;
GRANT USAGE ON SCHEMA jzplus TO ozjt_app;

CREATE TABLE jzplus.inflow (
  year              int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  quarter           int NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  municipality_code char(4) NOT NULL REFERENCES registry.municipality (cbs_code),
  provider_id       bigint NOT NULL REFERENCES registry.provider (id),
  authorisation     text NOT NULL CHECK (authorisation IN ('regular', 'emergency', 'conditional')),
  placements        int NOT NULL CHECK (placements >= 0),
  young_people      int NOT NULL CHECK (young_people >= 0 AND young_people <= placements),
  imported_by       text NOT NULL,
  imported_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (year, quarter, municipality_code, provider_id, authorisation)
);

GRANT SELECT, INSERT, DELETE ON jzplus.inflow TO ozjt_app;
