//! Activity entries, always written inside the transaction of the change they describe.

use crate::db::{self, Tx};

/// Who did it: a user of the organization, or the system (for example the demo command).
pub struct By<'a> {
    pub user_id: Option<&'a str>,
    pub name: &'a str,
}

pub async fn record(
    tx: &mut Tx,
    organization_id: &str,
    by: &By<'_>,
    action: &str,
    subject: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    debug_assert!(
        app::model::activity::CODES.contains(&action),
        "unknown activity code {action}"
    );
    let id = super::new_id();
    db::activity::insert(
        tx,
        &db::activity::Entry {
            id: &id,
            organization_id,
            actor_user_id: by.user_id,
            actor_name: by.name,
            action,
            subject,
            at,
        },
    )
    .await
}
