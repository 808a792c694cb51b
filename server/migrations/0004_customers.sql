-- Customers: a unique primary domain, delegated admin grants (customer → partner), the record of
-- Customer Agreement acceptances, and which invitation created a reseller relationship.

-- The legal name lower-cased by the server (Unicode, which SQL's LOWER is not everywhere), for
-- searching by a part of the name. Rows from before get SQL's lower case.
ALTER TABLE organizations ADD COLUMN name_folded TEXT NOT NULL DEFAULT '';
UPDATE organizations SET name_folded = LOWER(legal_name);

-- '<prefix>.<tenant suffix>', lower case; partners have none (NULLs do not collide).
ALTER TABLE organizations ADD COLUMN primary_domain TEXT;
CREATE UNIQUE INDEX organizations_primary_domain ON organizations (primary_domain);

ALTER TABLE reseller_relationships ADD COLUMN invitation_id TEXT REFERENCES invitations (id);
-- A partner's Customers list, newest first.
CREATE INDEX reseller_relationships_by_partner ON reseller_relationships (partner_id, since DESC) WHERE ended_at IS NULL;

-- Given by the customer to a partner; only the customer ends it, and it outlives the relationship.
CREATE TABLE delegated_admin_grants (
    id             TEXT PRIMARY KEY,
    customer_id    TEXT NOT NULL REFERENCES organizations (id),
    partner_id     TEXT NOT NULL REFERENCES organizations (id),
    since          BIGINT NOT NULL,
    ended_at       BIGINT,
    invitation_id  TEXT REFERENCES invitations (id)
);
CREATE UNIQUE INDEX delegated_admin_grants_active_pair ON delegated_admin_grants (customer_id, partner_id) WHERE ended_at IS NULL;
CREATE INDEX delegated_admin_grants_by_partner ON delegated_admin_grants (partner_id) WHERE ended_at IS NULL;

-- Every acceptance of the Customer Agreement, by whom and through which request.
CREATE TABLE customer_agreements (
    id                   TEXT PRIMARY KEY,
    customer_id          TEXT NOT NULL REFERENCES organizations (id),
    version              TEXT NOT NULL,
    accepted_by_user_id  TEXT REFERENCES users (id),
    accepted_by_name     TEXT NOT NULL,
    accepted_at          BIGINT NOT NULL,
    invitation_id        TEXT REFERENCES invitations (id)
);
CREATE INDEX customer_agreements_by_customer ON customer_agreements (customer_id, accepted_at);

-- Joint invites are listed for their second party (the provider) too.
CREATE INDEX invitations_by_second ON invitations (second_org_id, created_at DESC) WHERE second_org_id IS NOT NULL;

-- A customer's Partners page shows pending requests addressed to its users.
CREATE INDEX invitations_by_recipient ON invitations (recipient_email) WHERE state = 'pending';
