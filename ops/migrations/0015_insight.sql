-- Contract management information: the iJw/iWmo message traffic as far as the measures need it
-- (services/insight). No BSN, name, address, birth date, contact data or comment is stored:
-- a client is the keyed pseudonym of the BSN (HMAC-SHA256, the key outside the database; its
-- version on every message). One row per imported message; the same message (law, type,
-- sender, identification) is stored once, whatever the file it came in.
CREATE SCHEMA insight;
GRANT USAGE ON SCHEMA insight TO ozjt_app;

CREATE TABLE insight.message (
  id                bigserial PRIMARY KEY,
  law               text NOT NULL CHECK (law IN ('jw', 'wmo')),
  type              int NOT NULL CHECK (type IN (301, 305, 307, 315, 317, 323, 325)),
  sender            text NOT NULL,
  identification    text NOT NULL CHECK (length(identification) BETWEEN 1 AND 12),
  dated             date NOT NULL,
  municipality_code char(4) NOT NULL CHECK (municipality_code ~ '^[0-9]{4}$'),
  agb_code          char(8) NOT NULL CHECK (agb_code ~ '^[0-9]{8}$'),
  file_name         text NOT NULL,
  key_version       int NOT NULL,
  imported_by       text NOT NULL,
  imported_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (law, type, sender, identification)
);
CREATE INDEX message_municipality_idx ON insight.message (municipality_code, type, id);

-- Every item table repeats its message's municipality, so that a municipality's quarter is
-- read by an index range scan of its own rows.

-- 301: every version as sent; the measures take the latest per (municipality, law, number).
CREATE TABLE insight.allocation (
  message_id    bigint NOT NULL REFERENCES insight.message (id),
  municipality_code char(4) NOT NULL,
  client        text NOT NULL,
  number        bigint NOT NULL,
  reference     text NOT NULL,
  category      text NOT NULL,
  code          text NOT NULL,
  allocated_on  date NOT NULL,
  allocated_at  text NOT NULL,
  starts_on     date NOT NULL,
  ends_on       date,
  change_reason text NOT NULL,
  volume        bigint,
  unit          text NOT NULL,
  frequency     text NOT NULL,
  budget_cents  bigint
);
CREATE INDEX allocation_message_idx ON insight.allocation (message_id);
CREATE INDEX allocation_municipality_idx ON insight.allocation (municipality_code, starts_on);

-- 305 (kind 'start') and 307 ('stop') lines, with StatusAanlevering (1 new, 3 delete).
CREATE TABLE insight.care_line (
  message_id bigint NOT NULL REFERENCES insight.message (id),
  municipality_code char(4) NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('start', 'stop')),
  client     text NOT NULL,
  number     bigint NOT NULL,
  category   text NOT NULL,
  code       text NOT NULL,
  begins_on  date NOT NULL,
  ends_on    date,
  end_reason text NOT NULL,
  status     int NOT NULL CHECK (status IN (1, 3))
);
CREATE INDEX care_line_message_idx ON insight.care_line (message_id);
CREATE INDEX care_line_municipality_idx ON insight.care_line (municipality_code, kind, begins_on);

-- 315: requests for allocation (the request date is the message's).
CREATE TABLE insight.request (
  message_id bigint NOT NULL REFERENCES insight.message (id),
  client     text NOT NULL,
  reference  text NOT NULL,
  category   text NOT NULL,
  code       text NOT NULL,
  starts_on  date NOT NULL
);

-- 323: the claim and its lines (volume and amount negative for a credit line).
CREATE TABLE insight.claim (
  message_id  bigint PRIMARY KEY REFERENCES insight.message (id),
  number      text NOT NULL,
  period_from date NOT NULL,
  period_to   date NOT NULL,
  total_cents bigint NOT NULL
);
CREATE TABLE insight.claim_line (
  message_id         bigint NOT NULL REFERENCES insight.message (id),
  municipality_code  char(4) NOT NULL,
  client             text NOT NULL,
  reference          text NOT NULL,
  previous_reference text NOT NULL,
  number             bigint NOT NULL,
  category           text NOT NULL,
  code               text NOT NULL,
  period_from        date NOT NULL,
  period_to          date NOT NULL,
  volume             bigint NOT NULL,
  unit               text NOT NULL,
  tariff_cents       bigint,
  amount_cents       bigint NOT NULL
);
CREATE INDEX claim_line_message_idx ON insight.claim_line (message_id);
CREATE INDEX claim_line_municipality_idx ON insight.claim_line (municipality_code, period_from);

-- 325: the answer to a claim and the lines it rejects.
CREATE TABLE insight.claim_answer (
  message_id     bigint PRIMARY KEY REFERENCES insight.message (id),
  municipality_code char(4) NOT NULL,
  dated          date NOT NULL,
  number         text NOT NULL,
  declared_cents bigint NOT NULL,
  granted_cents  bigint NOT NULL
);
CREATE INDEX claim_answer_municipality_idx ON insight.claim_answer (municipality_code, dated);
CREATE TABLE insight.rejected_line (
  message_id bigint NOT NULL REFERENCES insight.message (id),
  municipality_code char(4) NOT NULL,
  dated      date NOT NULL,
  reference  text NOT NULL,
  codes      text[] NOT NULL
);
CREATE INDEX rejected_line_message_idx ON insight.rejected_line (message_id);
CREATE INDEX rejected_line_municipality_idx ON insight.rejected_line (municipality_code, dated);

-- Imported traffic is never changed; a message that corrects another is a message of its own.
GRANT SELECT, INSERT ON insight.message, insight.allocation, insight.care_line, insight.request,
  insight.claim, insight.claim_line, insight.claim_answer, insight.rejected_line TO ozjt_app;
GRANT USAGE ON SEQUENCE insight.message_id_seq TO ozjt_app;
