-- Spending ceilings (bestedingsruimte, Contractstandaard art. 1.5): an amount per contract,
-- provider, municipality and year, from 1 January or a later start day to 31 December. The
-- steps of the article are recorded as their days: the written notice to the provider (at 70%
-- used or a threatened overrun), the consultation and the decision on an adjustment; the
-- clocks on the agenda run from them. Spend is never stored: it is computed from the messages.
CREATE TABLE insight.spending_ceiling (
  id                bigserial PRIMARY KEY,
  contract_id       bigint NOT NULL,
  provider_id       bigint NOT NULL REFERENCES registry.provider (id),
  municipality_code char(4) NOT NULL REFERENCES registry.municipality (cbs_code),
  year              int NOT NULL CHECK (year BETWEEN 2015 AND 2100),
  starts_on         date NOT NULL CHECK (extract(year FROM starts_on) = year),
  amount_cents      bigint NOT NULL CHECK (amount_cents > 0),
  notified_on       date,
  consulted_on      date CHECK (consulted_on IS NULL OR notified_on IS NOT NULL),
  decided_on        date CHECK (decided_on IS NULL OR consulted_on IS NOT NULL),
  UNIQUE (contract_id, provider_id, municipality_code, year)
);
CREATE INDEX spending_ceiling_year_idx ON insight.spending_ceiling (year, municipality_code);

GRANT SELECT, INSERT, UPDATE ON insight.spending_ceiling TO ozjt_app;
GRANT USAGE ON SEQUENCE insight.spending_ceiling_id_seq TO ozjt_app;
