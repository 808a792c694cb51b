//! Invitations: created with the hash of their token, closed by one conditional update.

use super::{Db, Tx, on};
use app::model::{OrgId, UserId};

pub struct NewInvitation<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub from_org_id: OrgId,
    pub second_org_id: Option<OrgId>,
    pub recipient_email: Option<&'a str>,
    pub ask_delegated_admin: bool,
    pub token_hash: &'a str,
    pub created_by: Option<UserId>,
    pub created_by_name: &'a str,
    pub created_at: i64,
    pub expires_at: i64,
}

pub async fn insert(tx: &mut Tx, i: &NewInvitation<'_>) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
        "INSERT INTO invitations (id, kind, from_org_id, second_org_id, recipient_email, ask_delegated_admin, token_hash,
                                  state, created_by, created_by_name, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10, $11)",
    )
    .bind(i.id)
    .bind(i.kind)
    .bind(i.from_org_id)
    .bind(i.second_org_id)
    .bind(i.recipient_email)
    .bind(i.ask_delegated_admin)
    .bind(i.token_hash)
    .bind(i.created_by)
    .bind(i.created_by_name)
    .bind(i.created_at)
    .bind(i.expires_at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Record {
    pub id: String,
    pub token_hash: String,
    pub kind: String,
    pub from_org_id: OrgId,
    pub second_org_id: Option<OrgId>,
    pub recipient_email: Option<String>,
    pub ask_delegated_admin: bool,
    pub state: String,
    pub created_by_name: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub decided_at: Option<i64>,
    pub decided_by_name: Option<String>,
    /// The customer organization one of whose users opened the link while signed in.
    pub opened_by_org_id: Option<String>,
}

const COLUMNS: &str = "id, token_hash, kind, from_org_id, second_org_id, recipient_email, ask_delegated_admin, state, created_by_name,
                       created_at, expires_at, decided_at, decided_by_name, opened_by_org_id";

pub async fn by_token_hash(
    db: impl Into<Db<'_>>,
    hash: &str,
) -> Result<Option<Record>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE token_hash = $1"
    ))
    .bind(hash)
    .fetch_optional(ex)
    .await)
}

/// An invitation the organization sent (as inviter or, for a joint invite, as the second party).
pub async fn by_id_for_org(
    db: impl Into<Db<'_>>,
    id: &str,
    org_id: OrgId,
) -> Result<Option<Record>, sqlx::Error> {
    on!(db, |ex| {
        sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE id = $1 AND (from_org_id = $2 OR second_org_id = $2)"
    ))
    .bind(id)
    .bind(org_id)
    .fetch_optional(ex)
    .await
    })
}

/// Pending, unexpired customer requests (reseller relationship, joint invite) whose link a user
/// of the customer organization has opened; the newest first. Not those merely addressed to one
/// of its users: a partner could put any request on any customer's page by naming its user.
/// With `id`, only that request (if it qualifies).
pub async fn pending_for_customer(
    db: impl Into<Db<'_>>,
    customer_id: OrgId,
    now: i64,
    id: Option<&str>,
) -> Result<Vec<Record>, sqlx::Error> {
    on!(db, |ex| {
        sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM invitations
         WHERE state = 'pending' AND expires_at > $2 AND kind IN ('reseller_relationship', 'joint_invite')
           AND opened_by_org_id = $1
           AND ($3 IS NULL OR id = $3)
         ORDER BY created_at DESC, id DESC
         LIMIT 100"
    ))
    .bind(customer_id)
    .bind(now)
    .bind(id)
    .fetch_all(ex)
    .await
    })
}

/// Newest first, at most `limit`.
/// A row of the Invitations page: the request and its parties' names.
#[derive(sqlx::FromRow)]
pub struct ListedRow {
    #[sqlx(flatten)]
    pub record: Record,
    pub from_name: String,
    pub second_name: Option<String>,
}

/// The state filter as SQL sees it: stored state, and for pending and expired, the expiry.
pub enum StateIs {
    Pending,
    Expired,
    Stored(&'static str),
}

/// Which of the organization's requests a listing wants (each `None`: any).
#[derive(Default)]
pub struct Which<'a> {
    /// The one with this id.
    pub only: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub state: Option<StateIs>,
}

/// Requests sent by the organization or naming it as a joint invite's second party, newest
/// first, below `before` (`created_at`, id), as `which` narrows them.
pub async fn listed(
    db: impl Into<Db<'_>>,
    org_id: OrgId,
    which: Which<'_>,
    now: i64,
    before: Option<(i64, &str)>,
    limit: i64,
) -> Result<Vec<ListedRow>, sqlx::Error> {
    on!(db, |ex| {
        let mut q = sqlx::QueryBuilder::new(
            "SELECT i.id, i.token_hash, i.kind, i.from_org_id, i.second_org_id, i.recipient_email,
                    i.ask_delegated_admin, i.state, i.created_by_name, i.created_at, i.expires_at,
                    i.decided_at, i.decided_by_name, i.opened_by_org_id,
                    f.legal_name AS from_name, s.legal_name AS second_name
             FROM invitations i
             JOIN organizations f ON f.id = i.from_org_id
             LEFT JOIN organizations s ON s.id = i.second_org_id
             WHERE (i.from_org_id = ",
        );
        q.push_bind(org_id)
            .push(" OR i.second_org_id = ")
            .push_bind(org_id)
            .push(")");
        let Which { only, kind, state } = which;
        if let Some(id) = only {
            q.push(" AND i.id = ").push_bind(id.to_owned());
        }
        if let Some(kind) = kind {
            q.push(" AND i.kind = ").push_bind(kind.to_owned());
        }
        match state {
            Some(StateIs::Pending) => {
                q.push(" AND i.state = 'pending' AND i.expires_at > ")
                    .push_bind(now);
            }
            Some(StateIs::Expired) => {
                q.push(" AND i.state = 'pending' AND i.expires_at <= ")
                    .push_bind(now);
            }
            Some(StateIs::Stored(s)) => {
                q.push(" AND i.state = ").push_bind(s);
            }
            None => {}
        }
        if let Some((at, id)) = before {
            q.push(" AND (i.created_at < ")
                .push_bind(at)
                .push(" OR (i.created_at = ")
                .push_bind(at)
                .push(" AND i.id < ")
                .push_bind(id.to_owned())
                .push("))");
        }
        q.push(" ORDER BY i.created_at DESC, i.id DESC LIMIT ")
            .push_bind(limit);
        q.build_query_as().fetch_all(ex).await
    })
}

/// Moves a pending, unexpired invitation to `state`. True when this call did it: of two people
/// who click at the same moment, exactly one gets true.
pub async fn close(
    tx: &mut Tx,
    id: &str,
    token_hash: &str,
    state: &str,
    by: &By<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = on!(&mut *tx, |ex| {
        sqlx::query(
        "UPDATE invitations SET state = $1, decided_at = $2, decided_by_name = $3, decided_by_org_id = $4,
                                decided_by_user_id = $5
         WHERE id = $6 AND token_hash = $7 AND state = 'pending' AND expires_at > $2",
    )
    .bind(state)
    .bind(now)
    .bind(by.name)
    .bind(by.org_id)
    .bind(by.user_id)
    .bind(id)
    .bind(token_hash)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}

/// Revoking works on expired (still stored as pending) invitations too.
/// Who changes an invitation's state: their name, organization and user.
pub struct By<'a> {
    pub name: &'a str,
    pub org_id: OrgId,
    pub user_id: UserId,
}

pub async fn revoke(tx: &mut Tx, id: &str, by: &By<'_>, now: i64) -> Result<bool, sqlx::Error> {
    let done = on!(&mut *tx, |ex| {
        sqlx::query(
        "UPDATE invitations SET state = 'revoked', decided_at = $1, decided_by_name = $2, decided_by_org_id = $3,
                                decided_by_user_id = $4
         WHERE id = $5 AND state = 'pending'",
    )
    .bind(now)
    .bind(by.name)
    .bind(by.org_id)
    .bind(by.user_id)
    .bind(id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}

/// A new token for a pending (or expired) invitation: the old link stops working at once.
pub async fn replace_token(
    tx: &mut Tx,
    id: &str,
    token_hash: &str,
    expires_at: i64,
) -> Result<bool, sqlx::Error> {
    // A new expiry: its passing is told again (`expiry_noticed`).
    let done = on!(&mut *tx, |ex| {
        sqlx::query("UPDATE invitations SET token_hash = $1, expires_at = $2, expiry_noticed = FALSE WHERE id = $3 AND state = 'pending'")
        .bind(token_hash)
        .bind(expires_at)
        .bind(id)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}

/// Records the customer organization that opened a pending request's link first.
pub async fn mark_opened(tx: &mut Tx, id: &str, org_id: OrgId) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "UPDATE invitations SET opened_by_org_id = $1
         WHERE id = $2 AND state = 'pending' AND opened_by_org_id IS NULL",
    )
    .bind(org_id)
    .bind(id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_recipient(tx: &mut Tx, id: &str, email: &str) -> Result<bool, sqlx::Error> {
    let done = on!(&mut *tx, |ex| sqlx::query(
        "UPDATE invitations SET recipient_email = $1 WHERE id = $2 AND state = 'pending'",
    )
    .bind(email)
    .bind(id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
