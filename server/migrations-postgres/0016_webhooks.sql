-- Webhooks (issue 22): a partner's endpoints, and a durable outbox of deliveries. A delivery row
-- is written in the transaction of the change it tells of, so none is lost on a crash; the
-- server's delivery job sends due rows and records each attempt.
CREATE TABLE webhook_endpoints (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    url              TEXT NOT NULL,
    -- Event codes between commas (",invitation.accepted,customer.created,"): one LIKE finds one.
    events           TEXT NOT NULL,
    -- The signing secret ("whsec_" + base64 key), kept in clear: every delivery is signed with it.
    secret           TEXT NOT NULL,
    -- After a rotation the old secret signs beside the new one until previous_until.
    previous_secret  TEXT,
    previous_until   BIGINT,
    created_by       TEXT NOT NULL REFERENCES users (id),
    created_by_name  TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    -- Set when a delivery failed for 24 hours; cleared by the next delivered one.
    failing_since    BIGINT
);
CREATE INDEX webhook_endpoints_by_organization ON webhook_endpoints (organization_id, created_at DESC);

CREATE TABLE webhook_deliveries (
    -- "msg_" + a UUID: the webhook-id header, the same on every attempt.
    id               TEXT PRIMARY KEY,
    endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event            TEXT NOT NULL,
    body             TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    -- pending | delivered | failed
    state            TEXT NOT NULL,
    attempts         BIGINT NOT NULL DEFAULT 0,
    -- While pending: when it is due.
    next_attempt_at  BIGINT,
    -- An instance sending it holds it until then (a crashed sender's lease runs out).
    lease_until      BIGINT,
    last_attempt_at  BIGINT,
    response_code    BIGINT,
    -- Why the last attempt failed (model::AttemptFailure codes).
    failure          TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);
