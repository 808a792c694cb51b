-- A delivery is retried until retry_until: 24 hours from when it was queued, and again 24 hours
-- from each redelivery a person asks for (before, the window ran from the event, so an old
-- delivery redelivered to a receiver still down got one attempt). attempts_before: the attempts
-- made before the last redelivery, so that its retries start again at the short end of the
-- backoff while `attempts` keeps counting them all.
ALTER TABLE webhook_deliveries ADD COLUMN retry_until BIGINT;
UPDATE webhook_deliveries SET retry_until = created_at + 86400000;
ALTER TABLE webhook_deliveries ADD COLUMN attempts_before BIGINT NOT NULL DEFAULT 0;
-- The claim numbers each endpoint's due rows in this order.
CREATE INDEX webhook_deliveries_pending_by_endpoint ON webhook_deliveries (endpoint_id, next_attempt_at, id)
    WHERE state = 'pending';
