-- Home's attention counts (issue 20), each a bounded range of a partial index instead of a scan of
-- the organization's rows: the requests it sent that wait for an answer, soonest expiry first
-- (how many expire within days); its customers without a delegated admin grant, newest first;
-- and the requests a customer opened and has not answered (before, the customer's page of
-- partners scanned every pending request).
CREATE INDEX invitations_waiting ON invitations (from_org_id, expires_at) WHERE state = 'pending';
-- Covering (the condition's columns included, as migration 0006 explains), or SQLite prefers the
-- covering Customers-list index and walks every customer of the partner.
CREATE INDEX reseller_relationships_without_grant
    ON reseller_relationships (partner_id, since, customer_id, customer_legal_name, ended_at, has_grant)
    WHERE ended_at IS NULL AND has_grant = FALSE;
CREATE INDEX invitations_opened_pending ON invitations (opened_by_org_id, created_at)
    WHERE state = 'pending';
