//! The counts Home shows (`services::home`), read in one statement (each a query of its own cost
//! a hand-off to sqlx's worker thread: five of them were a third of Home's instructions). Each
//! count reads at most `cap` rows of a partial index (migration 0012), so a provider with a
//! hundred thousand customers costs what a new one does; a count the reader's roles do not call
//! for is not read (`CASE` evaluates only the branch it takes).

use super::{Db, on};
use app::model::OrgId;

/// Which counts the reader's roles call for.
pub struct Asked {
    /// Requests the organization sent that wait for an answer, and those expiring before `soon`.
    pub waiting: bool,
    /// The partner's active customers that gave it no delegated admin grant.
    pub without_grant: bool,
    /// Customer requests (reseller relationship, joint invite) that a user of the customer
    /// opened and nobody answered yet (what `invitations::pending_for_customer` lists).
    pub to_answer: bool,
    /// What a new partner has begun ([`FirstSteps`]).
    pub first_steps: bool,
}

/// What a new organization has begun: a step is begun once it is done or asked for.
#[derive(sqlx::FromRow)]
pub struct FirstSteps {
    /// An active partnership on either side, or a partnership request waiting for an answer.
    pub has_partnership: bool,
    /// An active reseller relationship as the partner, or a customer request waiting.
    pub has_customer: bool,
    /// More than one user.
    pub has_colleague: bool,
}

/// Each count at most `cap`; 0 (and nothing begun) where not asked.
#[derive(sqlx::FromRow)]
pub struct Counts {
    pub waiting: i64,
    pub expiring: i64,
    pub without_grant: i64,
    pub to_answer: i64,
    #[sqlx(flatten)]
    pub first: FirstSteps,
}

pub async fn counts(
    db: impl Into<Db<'_>>,
    org_id: OrgId,
    now: i64,
    soon: i64,
    cap: i64,
    asked: &Asked,
) -> Result<Counts, sqlx::Error> {
    on!(db, |ex| {
        sqlx::query_as(
        "SELECT
             CASE WHEN $3 THEN (SELECT COUNT(*) FROM (SELECT 1 FROM invitations
                 WHERE from_org_id = $1 AND state = 'pending' AND expires_at > $2 LIMIT $7) AS r)
             ELSE 0 END AS waiting,
             CASE WHEN $3 THEN (SELECT COUNT(*) FROM (SELECT 1 FROM invitations
                 WHERE from_org_id = $1 AND state = 'pending' AND expires_at > $2
                   AND expires_at <= $8 LIMIT $7) AS r)
             ELSE 0 END AS expiring,
             CASE WHEN $4 THEN (SELECT COUNT(*) FROM (SELECT 1 FROM reseller_relationships
                 WHERE partner_id = $1 AND ended_at IS NULL AND has_grant = FALSE LIMIT $7) AS r)
             ELSE 0 END AS without_grant,
             CASE WHEN $5 THEN (SELECT COUNT(*) FROM (SELECT 1 FROM invitations
                 WHERE opened_by_org_id = $1 AND state = 'pending' AND expires_at > $2
                   AND kind IN ('reseller_relationship', 'joint_invite') LIMIT $7) AS r)
             ELSE 0 END AS to_answer,
             CASE WHEN $6 THEN
                 EXISTS (SELECT 1 FROM partnerships WHERE provider_id = $1 AND ended_at IS NULL)
                 OR EXISTS (SELECT 1 FROM partnerships WHERE reseller_id = $1 AND ended_at IS NULL)
                 OR EXISTS (SELECT 1 FROM invitations
                            WHERE from_org_id = $1 AND state = 'pending' AND expires_at > $2
                              AND kind = 'partnership')
             ELSE FALSE END AS has_partnership,
             CASE WHEN $6 THEN
                 EXISTS (SELECT 1 FROM reseller_relationships
                         WHERE partner_id = $1 AND ended_at IS NULL)
                 OR EXISTS (SELECT 1 FROM invitations
                            WHERE from_org_id = $1 AND state = 'pending' AND expires_at > $2
                              AND kind <> 'partnership')
             ELSE FALSE END AS has_customer,
             CASE WHEN $6 THEN
                 (SELECT COUNT(*) FROM (SELECT 1 FROM users WHERE organization_id = $1 LIMIT 2) AS r) > 1
             ELSE FALSE END AS has_colleague",
    )
    .bind(org_id)
    .bind(now)
    .bind(asked.waiting)
    .bind(asked.without_grant)
    .bind(asked.to_answer)
    .bind(asked.first_steps)
    .bind(cap)
    .bind(soon)
    .fetch_one(ex)
    .await
    })
}

/// The newest `limit` of the customers without a grant: (id, legal name).
pub async fn newest_without_grant(
    db: impl Into<Db<'_>>,
    partner_id: OrgId,
    limit: i64,
) -> Result<Vec<(OrgId, String)>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(
        "SELECT customer_id, customer_legal_name FROM reseller_relationships
         WHERE partner_id = $1 AND ended_at IS NULL AND has_grant = FALSE
         ORDER BY since DESC, customer_id DESC LIMIT $2",
    )
    .bind(partner_id)
    .bind(limit)
    .fetch_all(ex)
    .await)
}
