-- Idempotency keys (AIP-155, issue 22): the answer to each change sent with a request_id, kept
-- under (caller, key) in the transaction that made the change, so that a retry of the same
-- request is answered from here and changes nothing again. Kept at least
-- OZJT_IDEMPOTENCY_HOURS (the host deletes older answers).
CREATE SCHEMA platform;
GRANT USAGE ON SCHEMA platform TO ozjt_app;

CREATE TABLE platform.request_answer (
  actor          text NOT NULL,         -- the token's subject
  request_id     text NOT NULL,         -- the client's key
  method         text NOT NULL,         -- "/ozjt.contracts.v1.ContractService/CreateContractNote"
  request_digest text NOT NULL,         -- SHA-256 of the request without its key
  response       bytea NOT NULL,        -- the serialized answer
  answered_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor, request_id)
);
CREATE INDEX request_answer_time_idx ON platform.request_answer (answered_at);

REVOKE ALL ON platform.request_answer FROM PUBLIC;
GRANT SELECT, INSERT, DELETE ON platform.request_answer TO ozjt_app;
