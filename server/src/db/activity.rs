//! Activity entries: written in the same transaction as the change they describe.

use super::Tx;
use app::model::{OrgId, UserId};
use sqlx::{Executor, Sqlite};

pub struct Entry<'a> {
    pub id: &'a str,
    pub organization_id: OrgId,
    pub actor_user_id: Option<UserId>,
    pub actor_name: &'a str,
    pub action: &'a str,
    pub subject: &'a str,
    pub at: i64,
}

pub async fn insert(tx: &mut Tx, e: &Entry<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO activity_entries (id, organization_id, actor_user_id, actor_name, action, subject, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(e.id)
    .bind(e.organization_id)
    .bind(e.actor_user_id)
    .bind(e.actor_name)
    .bind(e.action)
    .bind(e.subject)
    .bind(e.at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct Row {
    pub id: String,
    pub actor_name: String,
    pub action: String,
    pub subject: String,
    pub at: i64,
}

/// Newest first; `before` is the (at, id) of the last entry of the previous page (keyset paging,
/// so a deep page costs what the first one does).
pub async fn page<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    org_id: OrgId,
    before: Option<(i64, &str)>,
    limit: i64,
) -> Result<Vec<Row>, sqlx::Error> {
    let (at, id) = before.unwrap_or((i64::MAX, ""));
    sqlx::query_as(
        "SELECT id, actor_name, action, subject, at FROM activity_entries
         WHERE organization_id = $1 AND (at < $2 OR (at = $2 AND id < $3))
         ORDER BY at DESC, id DESC
         LIMIT $4",
    )
    .bind(org_id)
    .bind(at)
    .bind(if before.is_some() { id } else { "\u{10FFFF}" })
    .bind(limit)
    .fetch_all(db)
    .await
}
