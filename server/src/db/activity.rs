//! Activity entries: written in the same transaction as the change they describe.

use super::{Db, Tx, on};
use app::model::{OrgId, UserId};
use sqlx::QueryBuilder;

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
    on!(&mut *tx, |ex| {
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
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
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

/// What to keep: each `Some` narrows the entries (all are ANDed). `to` is exclusive.
#[derive(Default)]
pub struct Filter<'a> {
    pub action: Option<&'a str>,
    pub user: Option<UserId>,
    pub subject: Option<&'a str>,
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// Newest first; `before` is the (at, id) of the last entry of the previous page (keyset paging,
/// so a deep page costs what the first one does). Each filter has an index that begins with the
/// organization and it (`0011_activity_filters.sql`), so a filtered page reads its rows in order
/// instead of scanning the log.
pub async fn page(
    db: impl Into<Db<'_>>,
    org_id: OrgId,
    filter: &Filter<'_>,
    before: Option<(i64, &str)>,
    limit: i64,
) -> Result<Vec<Row>, sqlx::Error> {
    on!(db, |ex| {
        let mut q = QueryBuilder::new(
            "SELECT id, actor_name, action, subject, at FROM activity_entries WHERE organization_id = ",
        );
        q.push_bind(org_id);
        if let Some(action) = filter.action {
            q.push(" AND action = ").push_bind(action);
        }
        if let Some(user) = filter.user {
            q.push(" AND actor_user_id = ").push_bind(user);
        }
        if let Some(subject) = filter.subject {
            q.push(" AND subject = ").push_bind(subject);
        }
        if let Some(from) = filter.from {
            q.push(" AND at >= ").push_bind(from);
        }
        if let Some(to) = filter.to {
            q.push(" AND at < ").push_bind(to);
        }
        if let Some((at, id)) = before {
            q.push(" AND (at < ")
                .push_bind(at)
                .push(" OR (at = ")
                .push_bind(at)
                .push(" AND id < ")
                .push_bind(id)
                .push("))");
        }
        q.push(" ORDER BY at DESC, id DESC LIMIT ").push_bind(limit);
        q.build_query_as().fetch_all(ex).await
    })
}
