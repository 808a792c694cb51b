//! The counts Home shows (`services::home`): each reads at most `cap` rows of a partial index
//! (migration 0012), so a provider with a hundred thousand customers costs what a new one does.

use app::model::OrgId;
use sqlx::{Executor, Sqlite};

/// Requests the organization sent that wait for an answer (pending, unexpired), at most `cap`,
/// and how many of those expire before `soon`. The soonest expiry is read first, so the second
/// count is exact whenever the first is below the cap.
pub async fn waiting<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    org_id: OrgId,
    now: i64,
    soon: i64,
    cap: i64,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(expires_at <= $3), 0) FROM (
             SELECT expires_at FROM invitations
             WHERE from_org_id = $1 AND state = 'pending' AND expires_at > $2
             ORDER BY expires_at LIMIT $4)",
    )
    .bind(org_id)
    .bind(now)
    .bind(soon)
    .bind(cap)
    .fetch_one(db)
    .await
}

/// The partner's active customers that gave it no delegated admin grant, at most `cap`.
pub async fn without_grant<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    partner_id: OrgId,
    cap: i64,
) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM (
             SELECT 1 FROM reseller_relationships
             WHERE partner_id = $1 AND ended_at IS NULL AND has_grant = FALSE LIMIT $2)",
    )
    .bind(partner_id)
    .bind(cap)
    .fetch_one(db)
    .await?;
    Ok(n)
}

/// The newest `limit` of [`without_grant`]: (id, legal name).
pub async fn newest_without_grant<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    partner_id: OrgId,
    limit: i64,
) -> Result<Vec<(OrgId, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT customer_id, customer_legal_name FROM reseller_relationships
         WHERE partner_id = $1 AND ended_at IS NULL AND has_grant = FALSE
         ORDER BY since DESC, customer_id DESC LIMIT $2",
    )
    .bind(partner_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Customer requests (reseller relationship, joint invite) that a user of the customer opened
/// and nobody answered yet, unexpired, at most `cap` (what `invitations::pending_for_customer`
/// lists).
pub async fn to_answer<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    customer_id: OrgId,
    now: i64,
    cap: i64,
) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM (
             SELECT 1 FROM invitations
             WHERE opened_by_org_id = $1 AND state = 'pending' AND expires_at > $2
               AND kind IN ('reseller_relationship', 'joint_invite')
             LIMIT $3)",
    )
    .bind(customer_id)
    .bind(now)
    .bind(cap)
    .fetch_one(db)
    .await?;
    Ok(n)
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

pub async fn first_steps<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    org_id: OrgId,
    now: i64,
) -> Result<FirstSteps, sqlx::Error> {
    sqlx::query_as(
        "SELECT
             EXISTS (SELECT 1 FROM partnerships WHERE provider_id = $1 AND ended_at IS NULL)
             OR EXISTS (SELECT 1 FROM partnerships WHERE reseller_id = $1 AND ended_at IS NULL)
             OR EXISTS (SELECT 1 FROM invitations
                        WHERE from_org_id = $1 AND state = 'pending' AND expires_at > $2
                          AND kind = 'partnership')
                 AS has_partnership,
             EXISTS (SELECT 1 FROM reseller_relationships WHERE partner_id = $1 AND ended_at IS NULL)
             OR EXISTS (SELECT 1 FROM invitations
                        WHERE from_org_id = $1 AND state = 'pending' AND expires_at > $2
                          AND kind <> 'partnership')
                 AS has_customer,
             (SELECT COUNT(*) FROM (SELECT 1 FROM users WHERE organization_id = $1 LIMIT 2)) > 1
                 AS has_colleague",
    )
    .bind(org_id)
    .bind(now)
    .fetch_one(db)
    .await
}
