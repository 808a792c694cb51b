//! Benchmark data: many providers and resellers, and pending partnership requests each paired
//! with a signed-in reseller, so that a load tool can accept them one by one. For measuring only
//! (`server bench-data`), never for production.

use crate::on;
use crate::{
    auth::{password, token},
    db,
    services::{Services, new_id, new_uuid},
};
use app::model::{OrgId, UserId};
use std::{fmt::Write as _, time::Instant};

pub struct Counts {
    pub providers: usize,
    pub resellers: usize,
}

pub struct Made {
    /// `token cookie` per line: a pending request's token and a session of a reseller that may
    /// accept it (same region and cloud, not yet partnered).
    pub pairs: String,
    pub seconds: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("bench-data needs an empty database")]
    NotEmpty,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Hash(#[from] password::HashError),
    #[error("the OS random source failed: {0}")]
    Random(String),
}

/// Fills an empty database. Every organization is in Hungary (one region), public cloud.
pub async fn fill(services: &Services, counts: &Counts) -> Result<Made, BenchError> {
    if db::orgs::count(services.pool()).await? > 0 {
        return Err(BenchError::NotEmpty);
    }
    let start = Instant::now();
    let hash = password::hash("bench-password".into()).await?;
    let now = services.now_ms();
    let ttl = i64::try_from(services.config().invitation_ttl.as_millis()).unwrap_or(i64::MAX);
    let random = |e: getrandom::Error| BenchError::Random(e.to_string());
    let mut providers = Vec::with_capacity(counts.providers);
    let mut pairs = String::new();
    // Batches of a few thousand rows per transaction keep memory flat and the WAL small.
    let mut tx = db::begin_write(services.pool()).await?;
    for i in 0..counts.providers {
        let (id, _) = insert_org(&mut tx, "provider", 10_000_000, i, &hash, now).await?;
        db::directory::create(&mut tx, id, "HU", now).await?;
        providers.push(id);
    }
    tx.commit().await?;
    for chunk in 0..counts.resellers.div_ceil(2000) {
        let mut tx = db::begin_write(services.pool()).await?;
        for i in chunk * 2000..((chunk + 1) * 2000).min(counts.resellers) {
            let (_, user) = insert_org(&mut tx, "reseller", 20_000_000, i, &hash, now).await?;
            let token::NewToken {
                token: session,
                hash: session_hash,
            } = token::new_token().map_err(random)?;
            db::sessions::insert(&mut tx, &session_hash, user, now).await?;
            // A pending request to this reseller from a provider.
            let provider = providers[i % providers.len().max(1)];
            let token::NewToken {
                token: invite,
                hash: invite_hash,
            } = token::new_token().map_err(random)?;
            db::invitations::insert(
                &mut tx,
                &db::invitations::NewInvitation {
                    id: &new_id(),
                    kind: "partnership",
                    from_org_id: provider,
                    second_org_id: None,
                    recipient_email: None,
                    ask_delegated_admin: false,
                    token_hash: &invite_hash,
                    created_by: None,
                    created_by_name: "Bench",
                    created_at: now,
                    expires_at: now.saturating_add(ttl),
                },
            )
            .await?;
            let _ = writeln!(
                pairs,
                "{invite} {}={session}",
                app::api::session::COOKIE_NAME
            );
        }
        tx.commit().await?;
    }
    Ok(Made {
        pairs,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// One bench organization (`Bench Provider 00042`, MPN ID `first_mpn + i`, Hungary, public cloud)
/// with its Global admin: (organization id, user id).
async fn insert_org(
    tx: &mut db::Tx,
    kind: &str,
    first_mpn: usize,
    i: usize,
    hash: &str,
    now: i64,
) -> Result<(OrgId, UserId), sqlx::Error> {
    let id = OrgId(new_uuid());
    let mpn = (first_mpn + i).to_string();
    let name = format!("Bench {}{} {i:05}", kind[..1].to_uppercase(), &kind[1..]);
    let org = db::orgs::NewOrg {
        id,
        kind,
        legal_name: &name,
        country: "HU",
        cloud: "public",
        mpn_id: Some(&mpn),
        at: now,
    };
    db::orgs::insert(tx, &org).await?;
    let user = UserId(new_uuid());
    let email = format!("admin{i}@{kind}.bench");
    let new_user = db::users::NewUser {
        id: user,
        organization_id: id,
        name: "Bench Admin",
        email: &email,
        password_hash: hash,
        must_change_password: false,
        time_zone: "UTC",
        at: now,
    };
    db::users::insert(tx, &new_user, &["global_admin"]).await?;
    Ok((id, user))
}

/// SQLite's rate of single-row durable commits on this database, through the same pool and
/// `BEGIN IMMEDIATE` as every write of the server, with `concurrency` writers: the ceiling an
/// answer that costs one commit is measured against (`server/bench/partnerships.sh`). Uses a
/// table of its own, dropped at the end.
pub async fn commits_per_second(
    services: &Services,
    total: usize,
    concurrency: usize,
) -> Result<f64, sqlx::Error> {
    let pool = services.pool();
    on!(pool, |ex| sqlx::query(
        "CREATE TABLE bench_commits (at BIGINT NOT NULL)"
    )
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    let started = Instant::now();
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut writers = tokio::task::JoinSet::new();
    for _ in 0..concurrency.max(1) {
        let (pool, next) = (pool.clone(), next.clone());
        writers.spawn(async move {
            while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < total {
                let mut tx = db::begin_write(&pool).await?;
                on!(&mut tx, |ex| sqlx::query(
                    "INSERT INTO bench_commits (at) VALUES ($1)"
                )
                .bind(0_i64)
                .execute(ex)
                .await
                .map(|r| r.rows_affected()))?;
                tx.commit().await?;
            }
            Ok::<(), sqlx::Error>(())
        });
    }
    while let Some(done) = writers.join_next().await {
        done.map_err(|e| sqlx::Error::Io(std::io::Error::other(e)))??;
    }
    let rate = total as f64 / started.elapsed().as_secs_f64();
    on!(pool, |ex| sqlx::query("DROP TABLE bench_commits")
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(rate)
}
