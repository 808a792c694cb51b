-- Invitations (partnership requests now; customer relationship requests and joint invites later),
-- partnerships between providers and resellers, reseller relationships with customers, and the
-- provider directory.

CREATE TABLE invitations (
    id                   TEXT PRIMARY KEY,
    kind                 TEXT NOT NULL CHECK (kind IN ('partnership', 'reseller_relationship', 'joint_invite')),
    -- The inviting organization; for a joint invite, the reseller.
    from_org_id          TEXT NOT NULL REFERENCES organizations (id),
    -- For a joint invite: the indirect provider invited alongside.
    second_org_id        TEXT REFERENCES organizations (id),
    recipient_email      TEXT,
    ask_delegated_admin  BOOLEAN NOT NULL DEFAULT FALSE,
    -- Only the SHA-256 of the link's token: an old link cannot be shown again.
    token_hash           TEXT NOT NULL UNIQUE,
    -- 'expired' is not stored: a pending invitation past expires_at is expired.
    state                TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'declined', 'revoked')),
    created_by           TEXT REFERENCES users (id),
    created_by_name      TEXT NOT NULL,
    created_at           BIGINT NOT NULL,
    expires_at           BIGINT NOT NULL,
    decided_at           BIGINT,
    decided_by_name      TEXT,
    decided_by_org_id    TEXT REFERENCES organizations (id),
    decided_by_user_id   TEXT REFERENCES users (id)
);
CREATE INDEX invitations_by_sender ON invitations (from_org_id, created_at DESC);

CREATE TABLE partnerships (
    id           TEXT PRIMARY KEY,
    provider_id  TEXT NOT NULL REFERENCES organizations (id),
    reseller_id  TEXT NOT NULL REFERENCES organizations (id),
    since        BIGINT NOT NULL,
    ended_at     BIGINT,
    invitation_id TEXT REFERENCES invitations (id)
);
-- At most one active partnership per pair; ended ones stay for the record.
CREATE UNIQUE INDEX partnerships_active_pair ON partnerships (provider_id, reseller_id) WHERE ended_at IS NULL;
CREATE INDEX partnerships_by_reseller ON partnerships (reseller_id) WHERE ended_at IS NULL;

-- Partner (provider or reseller) — customer. Filled by the customer workflows.
CREATE TABLE reseller_relationships (
    id           TEXT PRIMARY KEY,
    partner_id   TEXT NOT NULL REFERENCES organizations (id),
    customer_id  TEXT NOT NULL REFERENCES organizations (id),
    since        BIGINT NOT NULL,
    ended_at     BIGINT
);
CREATE UNIQUE INDEX reseller_relationships_active_pair ON reseller_relationships (partner_id, customer_id) WHERE ended_at IS NULL;
CREATE INDEX reseller_relationships_by_customer ON reseller_relationships (customer_id) WHERE ended_at IS NULL;

CREATE TABLE provider_profiles (
    organization_id   TEXT PRIMARY KEY REFERENCES organizations (id),
    countries_served  TEXT NOT NULL DEFAULT '',  -- ISO codes separated by spaces
    website           TEXT NOT NULL DEFAULT '',
    contact_email     TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    hidden            BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at        BIGINT NOT NULL
);
-- Providers enrolled before this migration get a profile of their name and country.
INSERT INTO provider_profiles (organization_id, countries_served, updated_at)
SELECT id, country, created_at FROM organizations WHERE kind = 'provider';
