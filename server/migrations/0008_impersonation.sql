-- Against impersonation (issue 15). A partner's legal name is unique in its country, compared by
-- a key the server computes (no case, accents, spacing, punctuation or look-alike letters; NULL
-- for customers, and filled for earlier partners at start). The directory marks the providers
-- the operator has not verified; the ones listed before verification existed count as verified.
-- A customer request shows on a customer's Partners page once that customer opened its link.
ALTER TABLE organizations ADD COLUMN legal_key TEXT;
CREATE UNIQUE INDEX organizations_partner_legal_key ON organizations (country, legal_key)
    WHERE legal_key IS NOT NULL;

ALTER TABLE provider_profiles ADD COLUMN verified_at BIGINT;
UPDATE provider_profiles SET verified_at = updated_at;

ALTER TABLE invitations ADD COLUMN opened_by_org_id TEXT REFERENCES organizations (id);
