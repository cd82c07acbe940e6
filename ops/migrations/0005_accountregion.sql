-- Account-holding region and continuity: assignments, financial statements, signals and
-- continuity cases. Turnover per region is read from the registry.
CREATE SCHEMA accountregion;
GRANT USAGE ON SCHEMA accountregion TO ozjt_app;

CREATE TABLE accountregion.assignment (
  id          bigserial PRIMARY KEY,
  provider_id bigint NOT NULL REFERENCES registry.provider (id),
  region_code text NOT NULL REFERENCES registry.region (code),
  basis       text NOT NULL CHECK (basis IN ('agreed', 'vng_list')),
  valid_from  date NOT NULL,
  valid_to    date CHECK (valid_to IS NULL OR valid_to >= valid_from),
  note        text NOT NULL DEFAULT '',
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assignment_provider_idx ON accountregion.assignment (provider_id);

CREATE TABLE accountregion.financial_statement (
  provider_id         bigint NOT NULL REFERENCES registry.provider (id),
  period              text NOT NULL,
  equity              bigint NOT NULL,
  total_assets        bigint NOT NULL,
  current_assets      bigint NOT NULL,
  current_liabilities bigint NOT NULL,
  revenue             bigint NOT NULL,
  net_result          bigint NOT NULL,
  created_by          text NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider_id, period)
);

CREATE TABLE accountregion.signal (
  id                        bigserial PRIMARY KEY,
  provider_id               bigint NOT NULL REFERENCES registry.provider (id),
  source                    text NOT NULL,
  category                  text NOT NULL,
  description               text NOT NULL,
  reported_date             date NOT NULL,
  written_confirmation_date date,
  recorded_by               text NOT NULL,
  created_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signal_provider_idx ON accountregion.signal (provider_id, id);

-- The whole case as the domain's JSON (steps, actions, regions informed); status, step and
-- the recovery plan's due date as columns for the agenda and the early-warning list.
CREATE TABLE accountregion.continuity_case (
  id                bigserial PRIMARY KEY,
  provider_id       bigint NOT NULL REFERENCES registry.provider (id),
  status            text NOT NULL CHECK (status IN ('open', 'resolved', 'bankruptcy')),
  step              int NOT NULL CHECK (step BETWEEN 1 AND 6),
  recovery_plan_due date,
  body              jsonb NOT NULL,
  version           bigint NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
-- One open case per provider.
CREATE UNIQUE INDEX continuity_case_open_idx ON accountregion.continuity_case (provider_id)
  WHERE status = 'open';
CREATE INDEX continuity_case_due_idx ON accountregion.continuity_case (recovery_plan_due)
  WHERE status = 'open';

GRANT SELECT ON registry.provider_turnover, registry.provider_region_turnover,
  registry.provider_municipality, registry.region TO ozjt_app;
GRANT SELECT, INSERT ON accountregion.assignment, accountregion.financial_statement,
  accountregion.signal TO ozjt_app;
GRANT SELECT, INSERT, UPDATE ON accountregion.continuity_case TO ozjt_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA accountregion TO ozjt_app;
