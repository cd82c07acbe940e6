-- KIT screening (and the barrièremodel before it): screening frameworks as versioned
-- checklists, screening cases with their evidence, assessments, Bibob referral, hearing and
-- decision, and the registration of an admitting decision against the contract it allowed.
-- Case content is confidential (art. 28 Wet Bibob): the service logs every read of it.
CREATE SCHEMA screening;
GRANT USAGE ON SCHEMA screening TO ozjt_app;

-- A framework version never changes once written (the role may only INSERT): cases keep the
-- checklist they were screened under.
CREATE TABLE screening.framework (
  id         bigserial PRIMARY KEY,
  code       text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,30}$'),
  version    int NOT NULL CHECK (version BETWEEN 2000 AND 2100 OR version BETWEEN 1 AND 99),
  title      text NOT NULL,
  valid_from date NOT NULL,
  items      jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, version)
);

-- The whole case as the domain's JSON (body); the columns the award gate, the outcome list
-- and the agenda filter on.
CREATE TABLE screening.screening_case (
  id           bigserial PRIMARY KEY,
  provider_id  bigint NOT NULL REFERENCES registry.provider (id),
  framework_id bigint NOT NULL REFERENCES screening.framework (id),
  occasion     text NOT NULL,
  status       text NOT NULL CHECK (status IN ('open', 'referred_to_bibob', 'decided')),
  outcome      text CHECK (outcome IN ('admitted', 'admitted_with_conditions', 'refused')),
  decided_on   date,
  valid_until  date,
  body         jsonb NOT NULL,
  version      bigint NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'decided') = (outcome IS NOT NULL AND decided_on IS NOT NULL))
);
CREATE INDEX screening_case_provider_idx ON screening.screening_case (provider_id, id);
CREATE INDEX screening_case_admitting_idx ON screening.screening_case (provider_id, valid_until)
  WHERE outcome IN ('admitted', 'admitted_with_conditions');

-- An admitting decision registered against the contract whose award it allowed (written by
-- the contracts service in the transaction that awards the contract).
CREATE TABLE screening.award_registration (
  case_id       bigint NOT NULL REFERENCES screening.screening_case (id),
  contract_id   bigint NOT NULL REFERENCES contracts.contract (id),
  provider_id   bigint NOT NULL REFERENCES registry.provider (id),
  registered_on date NOT NULL,
  registered_by text NOT NULL,
  PRIMARY KEY (contract_id, provider_id)
);
CREATE INDEX award_registration_case_idx ON screening.award_registration (case_id);

GRANT SELECT, INSERT ON screening.framework, screening.award_registration TO ozjt_app;
GRANT SELECT, INSERT, UPDATE ON screening.screening_case TO ozjt_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA screening TO ozjt_app;

-- The two frameworks in use: the barrièremodel (2018) and KIT (2024, used for the 2025
-- purchase). Ages in months; evidence without an age rule has max_age_months null.
INSERT INTO screening.framework (code, version, title, valid_from, items, created_by) VALUES
('barrieremodel', 2018, 'Barrièremodel Twente', '2018-01-01', '[
  {"code": "I1", "part": "integrity", "title": "Uniform Europees Aanbestedingsdocument (UEA)", "evidence_type": "uea", "required": true, "max_age_months": null, "notes": ""},
  {"code": "I2", "part": "integrity", "title": "Gedragsverklaring Aanbesteden", "evidence_type": "gedragsverklaring_aanbesteden", "required": true, "max_age_months": 24, "notes": "Justis"},
  {"code": "I3", "part": "integrity", "title": "Uittreksel Kamer van Koophandel", "evidence_type": "kvk_extract", "required": true, "max_age_months": 6, "notes": ""},
  {"code": "I4", "part": "integrity", "title": "Verklaring betalingsgedrag belastingen", "evidence_type": "tax_statement", "required": true, "max_age_months": 6, "notes": "Belastingdienst"},
  {"code": "Q1", "part": "quality", "title": "Kwaliteitskeurmerk", "evidence_type": "quality_mark", "required": false, "max_age_months": null, "notes": "HKZ, ISO 9001 of gelijkwaardig"},
  {"code": "R1", "part": "risk", "title": "Jaarrekening laatste boekjaar", "evidence_type": "annual_accounts", "required": true, "max_age_months": null, "notes": ""}
]', 'migration'),
('kit', 2024, 'Kwaliteit- en Integriteitsinstrument Twente (KIT)', '2024-01-01', '[
  {"code": "I1", "part": "integrity", "title": "Uniform Europees Aanbestedingsdocument (UEA)", "evidence_type": "uea", "required": true, "max_age_months": null, "notes": ""},
  {"code": "I2", "part": "integrity", "title": "Gedragsverklaring Aanbesteden", "evidence_type": "gedragsverklaring_aanbesteden", "required": true, "max_age_months": 24, "notes": "Justis"},
  {"code": "I3", "part": "integrity", "title": "Uittreksel Kamer van Koophandel", "evidence_type": "kvk_extract", "required": true, "max_age_months": 6, "notes": ""},
  {"code": "I4", "part": "integrity", "title": "Verklaring betalingsgedrag belastingen", "evidence_type": "tax_statement", "required": true, "max_age_months": 6, "notes": "Belastingdienst"},
  {"code": "I5", "part": "integrity", "title": "VOG rechtspersoon", "evidence_type": "vog_legal_entity", "required": true, "max_age_months": null, "notes": "Justis"},
  {"code": "I6", "part": "integrity", "title": "UBO-check (geen UBO op een sanctielijst)", "evidence_type": "ubo_check", "required": true, "max_age_months": null, "notes": "een UBO op een sanctielijst is een uitsluitingsgrond"},
  {"code": "I7", "part": "integrity", "title": "Bibob-vragenlijst met open en gesloten bronnen", "evidence_type": "bibob_questionnaire", "required": true, "max_age_months": null, "notes": "bij twijfel: advies Landelijk Bureau Bibob (5 jaar herbruikbaar)"},
  {"code": "Q1", "part": "quality", "title": "Kwaliteitskeurmerk", "evidence_type": "quality_mark", "required": true, "max_age_months": null, "notes": "HKZ, ISO 9001 of gelijkwaardig"},
  {"code": "Q2", "part": "quality", "title": "Verklaring kwaliteitseisen van de aanbesteding", "evidence_type": "quality_declaration", "required": true, "max_age_months": null, "notes": ""},
  {"code": "R1", "part": "risk", "title": "Jaarrekening laatste boekjaar", "evidence_type": "annual_accounts", "required": true, "max_age_months": null, "notes": ""},
  {"code": "R2", "part": "risk", "title": "Risicoanalyse (financieel, bestuur, continuïteit)", "evidence_type": "risk_analysis", "required": true, "max_age_months": null, "notes": ""}
]', 'migration');
