-- Organizations, users, roles, sessions, activity, sign-in throttling.
-- Portable SQL: plain types (TEXT, BIGINT, BOOLEAN), ids are UUID text made by the server,
-- times are UTC milliseconds since the Unix epoch.

CREATE TABLE regions (
    country TEXT PRIMARY KEY,
    region  TEXT NOT NULL
);

CREATE TABLE organizations (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('provider', 'reseller', 'customer', 'operator')),
    legal_name  TEXT NOT NULL,
    country     TEXT NOT NULL REFERENCES regions (country),
    cloud       TEXT NOT NULL CHECK (cloud IN ('public', 'us-gov')),
    mpn_id      TEXT UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE users (
    id                    TEXT PRIMARY KEY,
    organization_id       TEXT NOT NULL REFERENCES organizations (id),
    name                  TEXT NOT NULL,
    email                 TEXT NOT NULL UNIQUE,
    password_hash         TEXT NOT NULL,
    must_change_password  BOOLEAN NOT NULL DEFAULT FALSE,
    active                BOOLEAN NOT NULL DEFAULT TRUE,
    time_zone             TEXT NOT NULL DEFAULT 'UTC',
    created_at            BIGINT NOT NULL
);
CREATE INDEX users_by_organization ON users (organization_id, name);

CREATE TABLE user_roles (
    user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('global_admin', 'user_management_admin', 'admin_agent', 'sales_agent')),
    PRIMARY KEY (user_id, role)
);

-- Only the SHA-256 of a session token is stored: a copy of this table signs nobody in.
CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE activity_entries (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    actor_user_id    TEXT REFERENCES users (id),
    actor_name       TEXT NOT NULL,
    action           TEXT NOT NULL,
    subject          TEXT NOT NULL DEFAULT '',
    at               BIGINT NOT NULL
);
CREATE INDEX activity_by_organization ON activity_entries (organization_id, at DESC, id DESC);

-- Rate limiting: attempts per key ('signin-account:<email>', 'signin-address:<ip>',
-- 'respond:<ip>'), counted over a sliding window.
CREATE TABLE rate_events (
    key  TEXT NOT NULL,
    at   BIGINT NOT NULL
);
CREATE INDEX rate_events_by_key ON rate_events (key, at);
CREATE INDEX rate_events_by_time ON rate_events (at);
