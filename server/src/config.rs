//! Settings from flags and environment, validated once at start with a message that says what to
//! fix.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

/// Settings as given; [`Config::from_settings`] validates them.
#[derive(clap::Args, Clone, Debug)]
pub struct Settings {
    /// Address the server listens on.
    #[arg(long, env = "TIERLINK_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,
    /// The database: `sqlite://path/to/file.db` (created on first start) or
    /// `postgres://user:password@host/database` (PostgreSQL 15 or newer; several instances may share it).
    #[arg(
        long,
        env = "TIERLINK_DATABASE_URL",
        default_value = "sqlite://data/tierlink.db",
        hide_env_values = true
    )]
    pub database_url: String,
    /// The address people use to reach this instance; invitation links start with it.
    #[arg(
        long,
        env = "TIERLINK_PUBLIC_URL",
        default_value = "http://127.0.0.1:3000"
    )]
    pub public_url: String,
    /// Customers' primary domains are `<prefix>.<this suffix>`.
    #[arg(
        long,
        env = "TIERLINK_TENANT_SUFFIX",
        default_value = "tierlink.example"
    )]
    pub tenant_suffix: String,
    /// Where the built site (wasm, js, css, public files) is.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
    /// A session ends after this many minutes without a request.
    #[arg(long, env = "TIERLINK_SESSION_IDLE_MINUTES", default_value_t = 480)]
    pub session_idle_minutes: u32,
    /// A session ends this many days after sign-in, however active.
    #[arg(long, env = "TIERLINK_SESSION_MAX_DAYS", default_value_t = 7)]
    pub session_max_days: u32,
    /// Failed sign-ins are counted over this many seconds.
    #[arg(long, env = "TIERLINK_SIGNIN_WINDOW_SECONDS", default_value_t = 900)]
    pub sign_in_window_seconds: u32,
    /// Failed sign-ins allowed for one account within the window.
    #[arg(long, env = "TIERLINK_SIGNIN_MAX_PER_ACCOUNT", default_value_t = 5)]
    pub sign_in_max_per_account: u32,
    /// Failed sign-ins allowed from one client address within the window.
    #[arg(long, env = "TIERLINK_SIGNIN_MAX_PER_ADDRESS", default_value_t = 30)]
    pub sign_in_max_per_address: u32,
    /// Invitation links expire after this many days.
    #[arg(long, env = "TIERLINK_INVITATION_DAYS", default_value_t = 14)]
    pub invitation_days: u32,
    /// Overrides the days with seconds (for tests that need a link to expire).
    #[arg(long, env = "TIERLINK_INVITATION_SECONDS")]
    pub invitation_seconds: Option<u32>,
    /// Answers to invitations (accept or decline) allowed per client address per minute.
    #[arg(long, env = "TIERLINK_RESPOND_MAX_PER_MINUTE", default_value_t = 20)]
    pub respond_max_per_minute: u32,
    /// Enrollments (new partner organizations) allowed per client address per hour.
    #[arg(long, env = "TIERLINK_ENROLL_MAX_PER_HOUR", default_value_t = 10)]
    pub enroll_max_per_hour: u32,
    /// Users an organization may add (its own, or its customers') per hour.
    #[arg(long, env = "TIERLINK_ADD_USER_MAX_PER_HOUR", default_value_t = 120)]
    pub add_user_max_per_hour: u32,
    /// Calls to `/api/v1` allowed per API token per minute, on each instance (then 429).
    #[arg(long, env = "TIERLINK_API_MAX_PER_MINUTE", default_value_t = 600)]
    pub api_max_per_minute: u32,
    /// Let webhook endpoints be `http://` on this machine's loopback address (for tests and
    /// local receivers); otherwise only `https://` to public addresses.
    #[arg(
        long,
        env = "TIERLINK_WEBHOOKS_ALLOW_LOOPBACK",
        default_value = "false",
        action = clap::ArgAction::Set,
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub webhooks_allow_loopback: bool,
    /// A webhook delivery without a full answer after this many seconds counts as failed.
    #[arg(long, env = "TIERLINK_WEBHOOK_TIMEOUT_SECONDS", default_value_t = 10)]
    pub webhook_timeout_seconds: u32,
    /// Database connections in the pool (each SQLite connection is a thread of its own).
    #[arg(long, env = "TIERLINK_DB_MAX_CONNECTIONS", default_value_t = 8)]
    pub db_max_connections: u32,
    /// Reverse proxies (IP addresses, comma-separated) whose X-Forwarded-For is believed for the
    /// client address that throttling counts; empty: the TCP peer is the client.
    #[arg(
        long,
        env = "TIERLINK_TRUSTED_PROXIES",
        default_value = "",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<String>,
    /// A request whose headers have not all arrived after this many seconds is dropped.
    #[arg(long, env = "TIERLINK_HEADER_TIMEOUT_SECONDS", default_value_t = 30)]
    pub header_timeout_seconds: u32,
    /// A request body that has not all arrived after this many seconds is refused (408).
    #[arg(long, env = "TIERLINK_BODY_TIMEOUT_SECONDS", default_value_t = 30)]
    pub body_timeout_seconds: u32,
    /// At shutdown, requests in flight get this many seconds to finish; then the server stops.
    #[arg(long, env = "TIERLINK_SHUTDOWN_SECONDS", default_value_t = 30)]
    pub shutdown_seconds: u32,
    /// Log as JSON lines instead of text.
    #[arg(long, env = "TIERLINK_LOG_JSON", default_value_t = false)]
    pub log_json: bool,
}

/// Validated configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub listen: SocketAddr,
    pub database_url: String,
    /// Scheme, host and port, without a trailing slash.
    pub public_url: String,
    pub tenant_suffix: String,
    pub site_root: PathBuf,
    pub secure_cookies: bool,
    pub session_idle: Duration,
    pub session_max: Duration,
    pub sign_in_window: Duration,
    pub sign_in_max_per_account: u32,
    pub sign_in_max_per_address: u32,
    pub invitation_ttl: Duration,
    pub respond_max_per_minute: u32,
    pub enroll_max_per_hour: u32,
    pub add_user_max_per_hour: u32,
    pub api_max_per_minute: u32,
    pub webhooks_allow_loopback: bool,
    pub webhook_timeout: Duration,
    pub db_max_connections: u32,
    pub trusted_proxies: Vec<std::net::IpAddr>,
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub shutdown_grace: Duration,
    /// How long `/healthz` reuses its last check (not a setting; tests use zero).
    pub health_fresh: Duration,
    /// Whether the built files' names carry content hashes (not a setting: cargo-leptos put its
    /// hash file beside the binary; tests run without).
    pub hashed_assets: bool,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ConfigError {
    /// The rejected value's scheme, when it is a plain word (never more: the rest may hold a
    /// password).
    #[error("TIERLINK_DATABASE_URL must start with sqlite:// or postgres://{}", starts_with(.0))]
    DatabaseUrl(String),
    #[error(
        "TIERLINK_PUBLIC_URL must be http:// or https:// with a host and no path, such as https://portal.example.com (got {0:?})"
    )]
    PublicUrl(String),
    #[error("TIERLINK_TENANT_SUFFIX must be a domain name such as tenants.example.com (got {0:?})")]
    TenantSuffix(String),
    #[error("TIERLINK_TRUSTED_PROXIES must be IP addresses separated by commas (got {0:?})")]
    TrustedProxy(String),
    #[error("{0} must be at least 1")]
    Zero(&'static str),
}

fn starts_with(scheme: &str) -> String {
    if scheme.is_empty() {
        String::new()
    } else {
        format!(" (it starts with {scheme:?})")
    }
}

impl Config {
    pub fn from_settings(s: Settings) -> Result<Self, ConfigError> {
        if crate::db::backend_of(&s.database_url).is_none() {
            // Only a plain scheme: anything else may hold a password.
            let scheme = s
                .database_url
                .split_once(':')
                .map(|(scheme, _)| scheme)
                .filter(|s| {
                    !s.is_empty() && s.len() <= 16 && s.bytes().all(|b| b.is_ascii_alphanumeric())
                })
                .map_or_else(String::new, |s| format!("{s}:"));
            return Err(ConfigError::DatabaseUrl(scheme));
        }
        let public_url = parse_public_url(&s.public_url)?;
        let suffix = s.tenant_suffix.trim().to_ascii_lowercase();
        if !is_domain(&suffix) {
            return Err(ConfigError::TenantSuffix(s.tenant_suffix));
        }
        for (name, v) in [
            ("TIERLINK_SESSION_IDLE_MINUTES", s.session_idle_minutes),
            ("TIERLINK_SESSION_MAX_DAYS", s.session_max_days),
            ("TIERLINK_SIGNIN_WINDOW_SECONDS", s.sign_in_window_seconds),
            ("TIERLINK_SIGNIN_MAX_PER_ACCOUNT", s.sign_in_max_per_account),
            ("TIERLINK_SIGNIN_MAX_PER_ADDRESS", s.sign_in_max_per_address),
            ("TIERLINK_INVITATION_DAYS", s.invitation_days),
            ("TIERLINK_RESPOND_MAX_PER_MINUTE", s.respond_max_per_minute),
            ("TIERLINK_ENROLL_MAX_PER_HOUR", s.enroll_max_per_hour),
            ("TIERLINK_ADD_USER_MAX_PER_HOUR", s.add_user_max_per_hour),
            ("TIERLINK_API_MAX_PER_MINUTE", s.api_max_per_minute),
            (
                "TIERLINK_WEBHOOK_TIMEOUT_SECONDS",
                s.webhook_timeout_seconds,
            ),
            ("TIERLINK_DB_MAX_CONNECTIONS", s.db_max_connections),
            ("TIERLINK_HEADER_TIMEOUT_SECONDS", s.header_timeout_seconds),
            ("TIERLINK_BODY_TIMEOUT_SECONDS", s.body_timeout_seconds),
        ] {
            if v == 0 {
                return Err(ConfigError::Zero(name));
            }
        }
        let trusted_proxies = s
            .trusted_proxies
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.parse()
                    .map_err(|_| ConfigError::TrustedProxy(p.to_owned()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            trusted_proxies,
            listen: s.listen,
            database_url: s.database_url,
            secure_cookies: public_url.starts_with("https://"),
            public_url,
            tenant_suffix: suffix,
            site_root: s.site_root,
            session_idle: Duration::from_secs(u64::from(s.session_idle_minutes) * 60),
            session_max: Duration::from_secs(u64::from(s.session_max_days) * 86_400),
            sign_in_window: Duration::from_secs(u64::from(s.sign_in_window_seconds)),
            sign_in_max_per_account: s.sign_in_max_per_account,
            sign_in_max_per_address: s.sign_in_max_per_address,
            invitation_ttl: match s.invitation_seconds {
                Some(secs) => Duration::from_secs(u64::from(secs.max(1))),
                None => Duration::from_secs(u64::from(s.invitation_days) * 86_400),
            },
            respond_max_per_minute: s.respond_max_per_minute,
            enroll_max_per_hour: s.enroll_max_per_hour,
            add_user_max_per_hour: s.add_user_max_per_hour,
            api_max_per_minute: s.api_max_per_minute,
            webhooks_allow_loopback: s.webhooks_allow_loopback,
            webhook_timeout: Duration::from_secs(u64::from(s.webhook_timeout_seconds)),
            db_max_connections: s.db_max_connections,
            header_timeout: Duration::from_secs(u64::from(s.header_timeout_seconds)),
            body_timeout: Duration::from_secs(u64::from(s.body_timeout_seconds)),
            shutdown_grace: Duration::from_secs(u64::from(s.shutdown_seconds)),
            health_fresh: Duration::from_secs(1),
            hashed_assets: crate::http::assets::hashed_names(),
        })
    }

    /// A configuration for tests: the given database, defaults for the rest.
    pub fn for_tests(database_url: String) -> Self {
        use clap::Parser;
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            settings: Settings,
        }
        // Defaults only: the process environment must not leak into tests.
        let mut settings = Cli::parse_from(["test"]).settings;
        settings.database_url = database_url;
        settings.public_url = "http://127.0.0.1:3000".into();
        settings.tenant_suffix = "tierlink.example".into();
        settings.session_idle_minutes = 480;
        settings.sign_in_window_seconds = 900;
        settings.sign_in_max_per_account = 5;
        settings.sign_in_max_per_address = 30;
        settings.invitation_days = 14;
        settings.invitation_seconds = None;
        settings.trusted_proxies = Vec::new();
        // Tests share one "address" (oneshot requests have none); throttling tests lower it.
        settings.respond_max_per_minute = 10_000;
        settings.enroll_max_per_hour = 10_000;
        settings.add_user_max_per_hour = 10_000;
        settings.session_max_days = 7;
        // One connection: a code path that takes a second connection while it holds a write
        // transaction waits for itself, and its test fails (with more writers than connections
        // such a path starves the pool).
        settings.db_max_connections = 1;
        match Self::from_settings(settings) {
            Ok(c) => Self {
                health_fresh: Duration::ZERO,
                hashed_assets: false,
                ..c
            },
            Err(e) => panic!("test configuration is invalid: {e}"),
        }
    }
}

fn parse_public_url(raw: &str) -> Result<String, ConfigError> {
    let err = || ConfigError::PublicUrl(raw.to_owned());
    let trimmed = raw.trim().trim_end_matches('/');
    let uri: http::Uri = trimmed.parse().map_err(|_| err())?;
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    let path_ok = matches!(uri.path(), "" | "/") && uri.query().is_none();
    match uri.authority() {
        Some(a) if scheme_ok && path_ok && !a.host().is_empty() && !a.as_str().contains('@') => {
            Ok(trimmed.to_owned())
        }
        _ => Err(err()),
    }
}

fn is_domain(s: &str) -> bool {
    s.len() <= 200
        && s.contains('.')
        && s.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_url_names_sqlite_or_postgres_and_no_password_is_echoed() {
        use clap::Parser;
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            settings: Settings,
        }
        let with = |url: &str| {
            let mut settings = Cli::parse_from(["test"]).settings;
            settings.database_url = url.into();
            Config::from_settings(settings).map(|c| c.database_url)
        };
        for good in [
            "sqlite://data/t.db",
            "postgres://app:pw@db/tl",
            "postgresql://db/tl",
        ] {
            assert_eq!(with(good), Ok(good.into()));
        }
        assert_eq!(
            with("mysql://app:pw@db/tl"),
            Err(ConfigError::DatabaseUrl("mysql:".into()))
        );
        assert_eq!(
            with("data/t.db"),
            Err(ConfigError::DatabaseUrl(String::new()))
        );
        assert_eq!(
            with("app:s3cret@db/tl"),
            Err(ConfigError::DatabaseUrl("app:".into()))
        );
        assert_eq!(
            with("password=s3cret host=db"),
            Err(ConfigError::DatabaseUrl(String::new()))
        );
    }

    #[test]
    fn public_url_is_origin_only() {
        assert_eq!(
            parse_public_url("https://portal.example.com/"),
            Ok("https://portal.example.com".into())
        );
        assert_eq!(
            parse_public_url("http://127.0.0.1:3000"),
            Ok("http://127.0.0.1:3000".into())
        );
        for bad in [
            "portal.example.com",
            "ftp://x.com",
            "https://x.com/app",
            "https://u@x.com",
            "https://x.com/?a=1",
            "",
        ] {
            assert!(parse_public_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn domains() {
        assert!(is_domain("tenants.example.com"));
        assert!(!is_domain("localhost"));
        assert!(!is_domain("-bad.example"));
        assert!(!is_domain("a..b"));
    }

    #[test]
    fn test_config_is_valid_and_insecure_cookies_on_http() {
        let c = Config::for_tests("sqlite://x.db".into());
        assert!(!c.secure_cookies);
        assert_eq!(c.sign_in_max_per_account, 5);
    }
}
