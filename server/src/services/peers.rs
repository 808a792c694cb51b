//! Other instances on the same PostgreSQL database. A transaction that adds a notification or
//! moves a read mark (the bell's live count and its remembered counts depend on them) NOTIFYs
//! the organization as it commits (`db::notifications`); every instance LISTENs and announces
//! what it hears, its own commits included (then twice: at once after the commit, and when the
//! echo arrives; a second recount of the bell is the price of one path for every instance). On
//! SQLite there is one instance per database file and nothing to do.

use super::Services;
use crate::db::{Pool, notifications::CHANNEL};
use app::model::OrgId;
use sqlx::postgres::PgListener;
use std::time::Duration;

/// Hears the instances for as long as the server runs (PostgreSQL only; returns at once on
/// SQLite). Whatever was announced while not listening (before the first `LISTEN`, while a lost
/// connection is made again) is unknown, so every remembered count is forgotten once listening.
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
                    services.unread_cache().forget_all();
                    hear(&services, &mut listener).await;
                }
            }
            Err(e) => tracing::warn!(error = %e, "connecting to hear other instances failed"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

async fn hear(services: &Services, listener: &mut PgListener) {
    loop {
        match listener.try_recv().await {
            Ok(Some(n)) => {
                if let Ok(org) = n.payload().parse::<uuid::Uuid>() {
                    services.announce(&[OrgId(org)]);
                }
            }
            // The connection was lost; sqlx has listened again on a new one before answering.
            Ok(None) => {
                tracing::warn!("lost the connection that hears other instances; listening again");
                services.unread_cache().forget_all();
            }
            Err(e) => {
                tracing::warn!(error = %e, "hearing other instances failed");
                return;
            }
        }
    }
}
