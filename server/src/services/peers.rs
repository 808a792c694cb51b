//! Other instances on the same PostgreSQL database. What one instance announces (a new
//! notification, a moved read mark: the bell's live count and its remembered counts depend on
//! it) reaches the others through `NOTIFY`, each instance `LISTEN`ing on one channel. On SQLite
//! there is one instance per database file and nothing to do.

use super::Services;
use crate::db::Pool;
use app::model::OrgId;
use sqlx::postgres::PgListener;
use std::time::Duration;

/// The channel announcements cross on.
const CHANNEL: &str = "tierlink_announcements";

/// Tells the other instances (in a task of its own: the change is committed, and an instance
/// that misses it recounts at its next page). The payload is `<instance> <org>,<org>…`, so an
/// instance skips its own.
pub(super) fn tell_others(services: &Services, orgs: &[OrgId]) {
    let Pool::Postgres(pool) = services.pool() else {
        return;
    };
    if orgs.is_empty() {
        return;
    }
    let payload = format!(
        "{} {}",
        services.instance(),
        orgs.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",")
    );
    let pool = pool.clone();
    tokio::spawn(async move {
        if let Err(e) = sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(&payload)
            .execute(&pool)
            .await
        {
            tracing::warn!(error = %e, "telling the other instances failed");
        }
    });
}

/// Hears the other instances for as long as the server runs (PostgreSQL only; returns at once on
/// SQLite). A lost connection is made again; whatever was announced meanwhile is unknown, so
/// every remembered count is forgotten then.
pub async fn listen(services: Services) {
    if !matches!(services.pool(), Pool::Postgres(_)) {
        return;
    }
    loop {
        match PgListener::connect(&services.config().database_url).await {
            Ok(mut listener) => {
                if let Err(e) = listener.listen(CHANNEL).await {
                    tracing::warn!(error = %e, "listening for other instances failed");
                } else {
                    hear(&services, &mut listener).await;
                }
            }
            Err(e) => tracing::warn!(error = %e, "connecting to hear other instances failed"),
        }
        services.unread_cache().forget_all();
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

async fn hear(services: &Services, listener: &mut PgListener) {
    loop {
        match listener.try_recv().await {
            Ok(Some(n)) => {
                if let Some(orgs) = heard(n.payload(), &services.instance()) {
                    services.announce_here(&orgs);
                }
            }
            // The connection was lost (the next call makes a new one).
            Ok(None) => {
                tracing::warn!("lost the connection that hears other instances; reconnecting");
                services.unread_cache().forget_all();
            }
            Err(e) => {
                tracing::warn!(error = %e, "hearing other instances failed");
                return;
            }
        }
    }
}

/// The organizations another instance announced, or `None` for this instance's own (or a
/// payload that is not ours).
fn heard(payload: &str, me: &str) -> Option<Vec<OrgId>> {
    let (from, orgs) = payload.split_once(' ')?;
    if from == me {
        return None;
    }
    Some(
        orgs.split(',')
            .filter_map(|o| o.parse::<uuid::Uuid>().ok().map(OrgId))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instance_hears_the_others_and_not_itself() {
        let (a, b) = (uuid::Uuid::from_u128(1), uuid::Uuid::from_u128(2));
        let payload = format!("one {a},{b}");
        assert_eq!(heard(&payload, "one"), None);
        assert_eq!(heard(&payload, "two"), Some(vec![OrgId(a), OrgId(b)]));
        assert_eq!(heard("garbage", "two"), None);
    }
}
