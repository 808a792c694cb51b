//! Tierlink's server: the one place the router is assembled ([`app`]); tests use it too.

pub mod alloc;
pub mod auth;
pub mod config;
pub mod db;
pub mod http;
pub mod rest;
pub mod serve;
pub mod services;
pub mod tools;

use ::http::StatusCode;
use app::{App, shell};
use axum::{Router, extract::State, middleware, response::IntoResponse, routing::get};
use config::Config;
use leptos::{config::LeptosOptions, prelude::provide_context};
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use services::{Services, clock::Clock};
use std::sync::Arc;
use tower_http::{compression::CompressionLayer, limit::RequestBodyLimitLayer, trace::TraceLayer};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("the database at {url} could not be opened or migrated: {source}")]
    Database { url: String, source: sqlx::Error },
    #[error("password hashing does not work on this machine: {0}")]
    Hashing(#[from] auth::password::HashError),
}

/// The largest request body accepted (forms are small; this stops memory exhaustion).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Opens the database and builds the services.
pub async fn services(config: Config, clock: Arc<dyn Clock>) -> Result<Services, StartError> {
    let pool = db::connect(&config.database_url, config.db_max_connections)
        .await
        .map_err(|source| StartError::Database {
            url: db::without_password(&config.database_url),
            source,
        })?;
    Ok(Services::new(pool, config, clock).await?)
}

/// The whole application: pages, server functions, health check and static files, behind the
/// middleware (outermost first): request log, body size limit, compression, security headers,
/// origin check, body read deadline, session, writes detached from their client.
pub fn router(services: &Services) -> Router {
    let config = services.config();
    let options = LeptosOptions::builder()
        .output_name("tierlink")
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .env(leptos::config::Env::PROD)
        .hash_files(config.hashed_assets)
        .build();
    let ports = services.ports();
    let context = move || provide_context(ports.clone());
    let routes = generate_route_list(App);
    let leptos_app = Router::new()
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context(context, shell))
        .with_state(options);
    Router::new()
        .route("/healthz", get(healthz).with_state(services.clone()))
        .route(
            "/activity/export.csv",
            get(http::export::activity_csv).with_state(services.clone()),
        )
        .nest("/api/v1", rest::router(services))
        .merge(rest::docs::router(&config.site_root))
        .route(
            "/events/notifications",
            get(http::events::notifications).with_state(services.clone()),
        )
        .merge(http::assets::router(
            &config.site_root,
            config.hashed_assets,
        ))
        .merge(leptos_app)
        .layer(middleware::from_fn(http::api_status::fix))
        .layer(middleware::from_fn(http::detach::writes))
        .layer(middleware::from_fn_with_state(
            services.clone(),
            http::session::resolve,
        ))
        .layer(middleware::from_fn_with_state(
            config.body_timeout,
            http::body::read_within,
        ))
        .layer(middleware::from_fn_with_state(
            http::origin::Expected(config.public_url.clone().into()),
            http::origin::check,
        ))
        .layer(middleware::from_fn_with_state(
            http::security::Https(config.public_url.starts_with("https://")),
            http::security::headers,
        ))
        .layer(CompressionLayer::new())
        // Server functions read whole bodies into memory; no form here needs more than this.
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TraceLayer::new_for_http().make_span_with(http::trace::make_span))
}

/// Builds the router on the system clock.
pub async fn app(config: Config) -> Result<Router, StartError> {
    let services = services(config, Arc::new(services::clock::SystemClock)).await?;
    Ok(router(&services))
}

/// Deletes expired sessions (idle too long, or past their lifetime), the API's idempotency
/// keys older than a day and finished webhook deliveries older than 30 days, now and then every
/// hour (they no longer serve, but would pile up); one instance of several does it.
pub async fn sweep_idle_sessions(services: Services) {
    let every_hour = std::time::Duration::from_secs(3600);
    services::jobs::every(
        services,
        "session-sweep",
        every_hour,
        |services| async move {
            let (seen, started) = http::session::oldest_live(services.config(), services.now_ms());
            // In a write transaction: rows deleted by several writers at once could deadlock on
            // PostgreSQL.
            let keys_before = services.now_ms() - rest::idempotency::KEEP_MS;
            let deliveries_before = services.now_ms() - 30 * 86_400_000;
            let swept = async {
                let mut tx = db::begin_write(services.pool()).await?;
                let n = db::sessions::delete_expired(&mut tx, seen, started).await?;
                let keys = db::idempotency::forget_older(&mut tx, keys_before).await?;
                let deliveries = db::webhooks::sweep(&mut tx, deliveries_before).await?;
                tx.commit().await.map(|()| (n, keys, deliveries))
            };
            match swept.await {
                Ok((n, keys, deliveries)) if n + keys + deliveries > 0 => {
                    tracing::info!(
                        sessions = n,
                        idempotency_keys = keys,
                        webhook_deliveries = deliveries,
                        "removed expired rows"
                    );
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "removing expired sessions failed"),
            }
        },
    )
    .await
}

/// Alive, and the database can take writes (see [`db::health`]): 503 with the reason if not.
async fn healthz(State(services): State<Services>) -> impl IntoResponse {
    match services.health().await {
        Ok(()) => (StatusCode::OK, "ok".to_owned()),
        Err(problem) => {
            tracing::error!(%problem, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                format!("unavailable: {problem}"),
            )
        }
    }
}
