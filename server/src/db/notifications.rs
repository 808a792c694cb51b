//! Notifications and each user's read mark: written in the transaction of the change they tell
//! of; read by range on `(organization_id, seq)`.

use super::{Db, Tx, on};
use app::model::{OrgId, UserId};
use sqlx::QueryBuilder;

pub struct New<'a> {
    pub organization_id: OrgId,
    pub kind: &'a str,
    pub actor_name: &'a str,
    pub other_org_id: Option<OrgId>,
    pub other_name: &'a str,
    pub customer_id: Option<OrgId>,
    pub customer_name: Option<&'a str>,
    pub at: i64,
}

/// The channel on which the instances sharing a PostgreSQL database hear that an organization's
/// notifications or read marks changed (`services::peers`); the payload is the organization id.
pub const CHANNEL: &str = "tierlink_announcements";

/// On PostgreSQL, tells every instance (this one too) about the organization `org_sql` selects,
/// when this transaction commits: never before, never if it rolls back, and with no connection
/// of its own (identical payloads in one transaction are delivered once). SQLite: one instance.
async fn tell_instances(tx: &mut Tx, org_sql: &str, bind: &str) -> Result<(), sqlx::Error> {
    if let Tx::Postgres(t) = tx {
        sqlx::query(&format!("SELECT pg_notify($1, ({org_sql}))"))
            .bind(CHANNEL)
            .bind(bind)
            .execute(&mut **t)
            .await?;
    }
    Ok(())
}

pub async fn insert(tx: &mut Tx, n: &New<'_>) -> Result<(), sqlx::Error> {
    tell_instances(tx, "SELECT $2", &n.organization_id.to_string()).await?;
    on!(&mut *tx, |ex| sqlx::query(
        "INSERT INTO notifications (organization_id, kind, actor_name, other_org_id, other_name,
                                    customer_id, customer_name, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(n.organization_id)
    .bind(n.kind)
    .bind(n.actor_name)
    .bind(n.other_org_id)
    .bind(n.other_name)
    .bind(n.customer_id)
    .bind(n.customer_name)
    .bind(n.at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct Row {
    pub seq: i64,
    pub kind: String,
    pub actor_name: String,
    pub other_org_id: Option<OrgId>,
    pub other_name: String,
    pub customer_id: Option<OrgId>,
    pub customer_name: Option<String>,
    pub at: i64,
}

/// `AND kind IN (…)` for the kinds the reader may see (`None`: every kind, no condition; a
/// reader who may see none gets `AND FALSE`).
fn push_kinds<'a, DB: sqlx::Database>(q: &mut QueryBuilder<'a, DB>, kinds: Option<&[&'static str]>)
where
    &'static str: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    let Some(kinds) = kinds else {
        return;
    };
    if kinds.is_empty() {
        q.push(" AND FALSE");
        return;
    }
    q.push(" AND kind IN (");
    let mut list = q.separated(", ");
    for k in kinds {
        list.push_bind(*k);
    }
    q.push(")");
}

/// Newest first, below `before` (a seq) when given.
pub async fn page(
    db: impl Into<Db<'_>>,
    org_id: OrgId,
    kinds: Option<&[&'static str]>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<Row>, sqlx::Error> {
    on!(db, |ex| {
        let mut q = QueryBuilder::new(
            "SELECT seq, kind, actor_name, other_org_id, other_name, customer_id, customer_name, at
             FROM notifications WHERE organization_id = ",
        );
        q.push_bind(org_id);
        q.push(" AND seq < ").push_bind(before.unwrap_or(i64::MAX));
        push_kinds(&mut q, kinds);
        q.push(" ORDER BY seq DESC LIMIT ").push_bind(limit);
        q.build_query_as().fetch_all(ex).await
    })
}

/// How many the user has not seen (seq above their mark), counted up to `cap`: the bell is on
/// every page, so the count reads at most `cap` index entries however many there are.
pub async fn unread(
    db: impl Into<Db<'_>>,
    org_id: OrgId,
    user_id: UserId,
    kinds: Option<&[&'static str]>,
    cap: i64,
) -> Result<i64, sqlx::Error> {
    on!(db, |ex| {
        let mut q = QueryBuilder::new(
            "SELECT COUNT(*) FROM (SELECT 1 FROM notifications WHERE organization_id = ",
        );
        q.push_bind(org_id);
        q.push(" AND seq > (SELECT notifications_seen FROM users WHERE id = ")
            .push_bind(user_id)
            .push(")");
        push_kinds(&mut q, kinds);
        q.push(" LIMIT ").push_bind(cap).push(") AS unread");
        q.build_query_scalar().fetch_one(ex).await
    })
}

/// The newest notification's seq of an organization (0 when there is none).
pub async fn newest(db: impl Into<Db<'_>>, org_id: OrgId) -> Result<i64, sqlx::Error> {
    on!(db, |ex| sqlx::query_scalar(
        "SELECT COALESCE(MAX(seq), 0) FROM notifications WHERE organization_id = $1"
    )
    .bind(org_id)
    .fetch_one(ex)
    .await)
}

/// The last seq the user has seen.
pub async fn seen(db: impl Into<Db<'_>>, user_id: UserId) -> Result<i64, sqlx::Error> {
    Ok(on!(db, |ex| sqlx::query_scalar(
        "SELECT notifications_seen FROM users WHERE id = $1"
    )
    .bind(user_id)
    .fetch_optional(ex)
    .await)?
    .unwrap_or(0))
}

/// Moves the user's mark up to `seq` (never down).
pub async fn mark_seen(tx: &mut Tx, user_id: UserId, seq: i64) -> Result<(), sqlx::Error> {
    tell_instances(
        tx,
        "SELECT organization_id FROM users WHERE id = $2",
        &user_id.to_string(),
    )
    .await?;
    on!(&mut *tx, |ex| sqlx::query(
        "UPDATE users SET notifications_seen = $1 WHERE id = $2 AND notifications_seen < $1",
    )
    .bind(seq)
    .bind(user_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct Expired {
    pub id: String,
    pub kind: String,
    pub from_org_id: OrgId,
    pub recipient_email: Option<String>,
    pub created_by_name: String,
    pub expires_at: i64,
}

/// Pending requests past their expiry whose sender has not been told yet, oldest first.
pub async fn expired_unnoticed(
    tx: &mut Tx,
    now: i64,
    limit: i64,
) -> Result<Vec<Expired>, sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query_as(
        "SELECT id, kind, from_org_id, recipient_email, created_by_name, expires_at FROM invitations
         WHERE state = 'pending' AND expiry_noticed = FALSE AND expires_at <= $1
         ORDER BY expires_at LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(ex)
    .await
    })
}

pub async fn mark_expiry_noticed(tx: &mut Tx, id: &str) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "UPDATE invitations SET expiry_noticed = TRUE WHERE id = $1"
    )
    .bind(id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
