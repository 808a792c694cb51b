-- PostgreSQL's copy of migrations/0005_orders.sql: BIGINT license counts (read as i64, as SQLite's INTEGER is).
-- Offers, orders and subscriptions (W10–W12), customers' contact details, license assignments,
-- and the indexes that let a partner page through 100,000 customers by date or by name.

-- The operator's catalog. Prices are out of scope.
CREATE TABLE offers (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL,
    billing_term  TEXT NOT NULL CHECK (billing_term IN ('monthly', 'annual')),
    min_licenses  BIGINT NOT NULL CHECK (min_licenses >= 1),
    max_licenses  BIGINT NOT NULL CHECK (max_licenses >= min_licenses),
    -- Offered for new orders; a withdrawn offer keeps its subscriptions.
    available     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX offers_name ON offers (name);

-- What the New customer page asks besides the organization itself.
CREATE TABLE customer_profiles (
    customer_id         TEXT PRIMARY KEY REFERENCES organizations (id),
    address             TEXT NOT NULL,
    city                TEXT NOT NULL,
    postal_code         TEXT NOT NULL,
    contact_first_name  TEXT NOT NULL,
    contact_last_name   TEXT NOT NULL,
    contact_email       TEXT NOT NULL,
    contact_phone       TEXT NOT NULL
);

-- An order is placed by a provider for a customer; `request_key` is made by the page that submits
-- it, so that submitting twice creates one order.
CREATE TABLE orders (
    id                  TEXT PRIMARY KEY,
    customer_id         TEXT NOT NULL REFERENCES organizations (id),
    provider_id         TEXT NOT NULL REFERENCES organizations (id),
    reseller_id         TEXT REFERENCES organizations (id),
    request_key         TEXT NOT NULL,
    created_by_user_id  TEXT REFERENCES users (id),
    created_by_name     TEXT NOT NULL,
    created_at          BIGINT NOT NULL
);
CREATE UNIQUE INDEX orders_request_key ON orders (provider_id, request_key);
CREATE INDEX orders_by_customer ON orders (customer_id, created_at);

CREATE TABLE subscriptions (
    id                  TEXT PRIMARY KEY,
    customer_id         TEXT NOT NULL REFERENCES organizations (id),
    order_id            TEXT NOT NULL REFERENCES orders (id),
    offer_id            TEXT NOT NULL REFERENCES offers (id),
    -- The provider that sold it; it alone changes the two partner fields below.
    provider_id         TEXT NOT NULL REFERENCES organizations (id),
    licenses            BIGINT NOT NULL CHECK (licenses >= 1),
    status              TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
    -- Reseller (MPN ID): the partner of record for incentives.
    reseller_id         TEXT REFERENCES organizations (id),
    support_contact_id  TEXT NOT NULL REFERENCES organizations (id),
    created_by_user_id  TEXT REFERENCES users (id),
    created_by_name     TEXT NOT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE INDEX subscriptions_by_customer ON subscriptions (customer_id, created_at, id);

CREATE TABLE license_assignments (
    subscription_id   TEXT NOT NULL REFERENCES subscriptions (id),
    user_id           TEXT NOT NULL REFERENCES users (id),
    assigned_at       BIGINT NOT NULL,
    assigned_by_name  TEXT NOT NULL,
    PRIMARY KEY (subscription_id, user_id)
);
CREATE INDEX license_assignments_by_user ON license_assignments (user_id);

-- Sorting a partner's customers by name needs the name beside the relationship (customers are
-- not renamed; the server fills it from organizations.name_folded).
ALTER TABLE reseller_relationships ADD COLUMN customer_name_folded TEXT NOT NULL DEFAULT '';
UPDATE reseller_relationships
   SET customer_name_folded = (SELECT o.name_folded FROM organizations o WHERE o.id = reseller_relationships.customer_id);

-- Keyset paging: every sort ends with the customer's id, so that a page boundary is exact.
DROP INDEX reseller_relationships_by_partner;
CREATE INDEX reseller_relationships_by_partner_since ON reseller_relationships (partner_id, since, customer_id) WHERE ended_at IS NULL;
CREATE INDEX reseller_relationships_by_partner_name ON reseller_relationships (partner_id, customer_name_folded, customer_id) WHERE ended_at IS NULL;
