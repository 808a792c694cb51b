-- The Customers list filtered by an indirect reseller: the customers that the partner and the
-- reseller share, each with what the list shows of it from the partner's own relationship (its
-- date, the copies of migration 0006). One row per ordered pair of active relationships on the
-- same customer, so a filtered page is one index range like an unfiltered one; before, the
-- partner's relationship with each of the reseller's customers was looked up and all of them
-- sorted. `db::customers::refresh_shared` rewrites a customer's rows whenever one of its
-- relationships, grants or its domain changes.
CREATE TABLE shared_customers (
    partner_id            TEXT NOT NULL REFERENCES organizations (id),
    other_id              TEXT NOT NULL REFERENCES organizations (id),
    customer_id           TEXT NOT NULL REFERENCES organizations (id),
    since                 BIGINT NOT NULL,
    customer_name_folded  TEXT NOT NULL,
    customer_legal_name   TEXT NOT NULL,
    customer_domain       TEXT,
    customer_country      TEXT NOT NULL,
    has_grant             BOOLEAN NOT NULL,
    PRIMARY KEY (partner_id, other_id, customer_id)
);
CREATE INDEX shared_customers_by_since
    ON shared_customers (partner_id, other_id, since, customer_id, customer_legal_name,
                         customer_domain, customer_country, has_grant);
CREATE INDEX shared_customers_by_name
    ON shared_customers (partner_id, other_id, customer_name_folded, customer_id, since,
                         customer_legal_name, customer_domain, customer_country, has_grant);
CREATE INDEX shared_customers_by_customer ON shared_customers (customer_id);

INSERT INTO shared_customers (partner_id, other_id, customer_id, since, customer_name_folded,
                              customer_legal_name, customer_domain, customer_country, has_grant)
SELECT r.partner_id, a.partner_id, r.customer_id, r.since, r.customer_name_folded,
       r.customer_legal_name, r.customer_domain, r.customer_country, r.has_grant
  FROM reseller_relationships r
  JOIN reseller_relationships a
    ON a.customer_id = r.customer_id AND a.partner_id <> r.partner_id AND a.ended_at IS NULL
 WHERE r.ended_at IS NULL;
