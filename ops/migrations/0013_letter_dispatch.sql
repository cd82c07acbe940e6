-- Letters to providers recorded as sent (issue 16): an option's exercise or decline, or a
-- legal step's letter, to one provider of the contract, with the day sent and the proof of
-- receipt. One record per letter and provider; subject is the option's number or the legal
-- step's id.
CREATE TABLE contracts.letter_dispatch (
  id            bigserial PRIMARY KEY,
  contract_id   bigint NOT NULL REFERENCES contracts.contract (id),
  kind          text NOT NULL CHECK (kind IN ('option_exercise', 'option_decline',
                                              'ingebrekestelling', 'ontbinding', 'opzegging')),
  option_number integer NOT NULL DEFAULT 0,
  legal_step_id bigint REFERENCES contracts.legal_step (id),
  provider_id   bigint NOT NULL,
  sent_date     date NOT NULL,
  receipt_proof text NOT NULL,
  recorded_by   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (contract_id, kind, option_number, legal_step_id, provider_id)
);
CREATE INDEX letter_dispatch_contract_idx ON contracts.letter_dispatch (contract_id, id);

GRANT SELECT, INSERT ON contracts.letter_dispatch TO ozjt_app;
GRANT USAGE ON SEQUENCE contracts.letter_dispatch_id_seq TO ozjt_app;
