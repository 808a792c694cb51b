//! The demo's API tokens (issue 22): Contoso's Anna made one a script uses every night, and
//! revoked an older one. The live token's secret is printed, so the API can be tried at once.

use crate::{
    db,
    services::{
        api_tokens::{new_secret, roles_to_text},
        audit::{self, By},
        new_id,
    },
};
use app::model::{OrgId, Role, UserId, activity::Activity};

const DAY_MS: i64 = 86_400_000;

/// Stores the tokens; the live one's secret.
pub async fn fill(
    tx: &mut db::Tx,
    contoso: OrgId,
    anna: UserId,
    now: i64,
) -> Result<String, super::demo::DemoError> {
    let by = By {
        user_id: Some(anna),
        name: "Anna Kovács",
    };
    let random = |e: app::model::AppError| super::demo::DemoError::Random(e.to_string());
    let mut live = String::new();
    for (name, made_days_ago, revoked) in
        [("Old importer", 60, true), ("Nightly CRM sync", 20, false)]
    {
        let secret = new_secret().map_err(random)?;
        let id = new_id();
        let created_at = now - made_days_ago * DAY_MS;
        db::api_tokens::insert(
            tx,
            &db::api_tokens::NewToken {
                id: &id,
                organization_id: contoso,
                name,
                secret_hash: &secret.hash,
                hint: &secret.token[..7],
                roles: &roles_to_text(&[Role::GlobalAdmin]),
                created_by: anna,
                created_at,
                expires_at: created_at + 90 * DAY_MS,
            },
        )
        .await?;
        audit::record(
            tx,
            contoso,
            &by,
            Activity::ApiTokenCreated,
            name,
            created_at,
        )
        .await?;
        if revoked {
            db::api_tokens::revoke(tx, contoso, &id, now - 20 * DAY_MS).await?;
            audit::record(
                tx,
                contoso,
                &by,
                Activity::ApiTokenRevoked,
                name,
                now - 20 * DAY_MS,
            )
            .await?;
        } else {
            db::api_tokens::touch(&mut *tx, &id, now - 2 * 3_600_000).await?;
            live = secret.token;
        }
    }
    Ok(live)
}
