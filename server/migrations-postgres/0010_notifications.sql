-- PostgreSQL's copy of migrations/0010_notifications.sql: an identity column for seq, and its clock.
-- Notifications (issue 18): what happened to an organization without its own action. A kind
-- code and names, never a sentence (each reader sees it in their own language).
CREATE TABLE notifications (
    -- In commit order (one writer at a time): a user's read state is the last seq they saw.
    seq              BIGSERIAL PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    kind             TEXT NOT NULL,
    -- Who did it; empty for the server's own notices (an expiry).
    actor_name       TEXT NOT NULL,
    other_org_id     TEXT REFERENCES organizations (id),
    other_name       TEXT NOT NULL,
    -- The customer concerned when it is not the other organization (an order).
    customer_id      TEXT REFERENCES organizations (id),
    customer_name    TEXT,
    at               BIGINT NOT NULL
);
-- The page (newest first) and the unread count (seq above the user's mark) read one range; the
-- kind is in the index so that the count (on every page) never reads the table.
CREATE INDEX notifications_by_org ON notifications (organization_id, seq, kind);

-- The last notification seq each user has seen.
ALTER TABLE users ADD COLUMN notifications_seen BIGINT NOT NULL DEFAULT 0;

-- Whether the sender has been told that nobody answered before the link expired.
ALTER TABLE invitations ADD COLUMN expiry_noticed BOOLEAN NOT NULL DEFAULT FALSE;
-- Requests that expired before notifications existed are not announced now, months late.
UPDATE invitations SET expiry_noticed = TRUE
    WHERE state = 'pending' AND expires_at <= CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT);
CREATE INDEX invitations_expiring ON invitations (expires_at)
    WHERE state = 'pending' AND expiry_noticed = FALSE;
