-- Idempotency keys of API calls (issue 22): a POST retried with the same `Idempotency-Key` by
-- the same API token gets the first answer back for 24 hours instead of acting twice. `status`
-- is NULL while the first request runs. An answer that carried a one-time secret (a link, a
-- temporary password) is not kept: its replay says the call was made and where its result is.
CREATE TABLE api_idempotency (
    token_id         TEXT NOT NULL REFERENCES api_tokens (id),
    key              TEXT NOT NULL,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    request_hash     TEXT NOT NULL,
    status           BIGINT,
    response         TEXT,
    content_type     TEXT,
    location         TEXT,
    created_at       BIGINT NOT NULL,
    PRIMARY KEY (token_id, key)
);
CREATE INDEX api_idempotency_by_time ON api_idempotency (created_at);
