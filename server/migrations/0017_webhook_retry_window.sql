-- A delivery is retried until retry_until: 24 hours from when it was queued, and again 24 hours
-- from each redelivery a person asks for (before, the window ran from the event, so an old
-- delivery redelivered to a receiver still down got one attempt).
ALTER TABLE webhook_deliveries ADD COLUMN retry_until BIGINT;
UPDATE webhook_deliveries SET retry_until = created_at + 86400000;
