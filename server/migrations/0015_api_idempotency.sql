-- Idempotency keys of API calls (issue 22): a POST retried with the same `Idempotency-Key`
-- gets the first answer back for 24 hours instead of acting twice. `status` is NULL while the
-- first request runs.
CREATE TABLE api_idempotency (
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    key              TEXT NOT NULL,
    request_hash     TEXT NOT NULL,
    status           BIGINT,
    response         TEXT,
    location         TEXT,
    created_at       BIGINT NOT NULL,
    PRIMARY KEY (organization_id, key)
);
CREATE INDEX api_idempotency_by_time ON api_idempotency (organization_id, created_at);
