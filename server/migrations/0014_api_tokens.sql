-- API tokens (issue 22): an organization's machine credentials for /api/v1. The secret is shown
-- once; only its SHA-256 is kept. A token acts with its roles, never more than its creator still
-- holds (the session of a token is its creator's account, checked on every call).
CREATE TABLE api_tokens (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    name             TEXT NOT NULL,
    secret_hash      TEXT NOT NULL UNIQUE,
    -- The secret's first characters ("tl_AbCd"), so that a leaked secret can be recognised.
    hint             TEXT NOT NULL,
    -- Role codes separated by commas (model::Role::as_str).
    roles            TEXT NOT NULL,
    created_by       TEXT NOT NULL REFERENCES users (id),
    created_at       BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL,
    last_used_at     BIGINT,
    revoked_at       BIGINT
);
CREATE INDEX api_tokens_by_organization ON api_tokens (organization_id, created_at DESC);
-- Activity entries name the token: two live tokens of one organization never share a name.
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (organization_id, name) WHERE revoked_at IS NULL;
