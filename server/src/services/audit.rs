//! Activity entries, always written inside the transaction of the change they describe.

use super::fault::OrInternal;
use crate::db::{self, Tx};
use app::model::{Actor, AppError, OrgId, UserId, activity::Activity};

/// Who did it: a user of the organization, or the system (for example the demo command).
pub struct By<'a> {
    pub user_id: Option<UserId>,
    pub name: &'a str,
}

pub async fn record(
    tx: &mut Tx,
    organization_id: OrgId,
    by: &By<'_>,
    action: Activity,
    subject: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    let id = super::new_id();
    db::activity::insert(
        tx,
        &db::activity::Entry {
            id: &id,
            organization_id,
            actor_user_id: by.user_id,
            actor_name: by.name,
            action: action.code(),
            subject,
            at,
        },
    )
    .await
}

/// An entry by a signed-in actor in an organization's log: its own (linked to the user), or the
/// other side's of a link between organizations (named, not linked).
pub async fn by_actor(
    tx: &mut Tx,
    organization_id: OrgId,
    actor: &Actor,
    action: Activity,
    subject: &str,
    at: i64,
) -> Result<(), AppError> {
    let by = By {
        user_id: (organization_id == actor.org_id).then_some(actor.user_id),
        name: &actor.user_name,
    };
    record(tx, organization_id, &by, action, subject, at)
        .await
        .or_internal("recording activity")
}
