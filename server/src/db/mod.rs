//! The database: the pool, migrations, write transactions, and one module per group of tables
//! with plain async functions. SQL stays portable (`$1` placeholders, plain types, no
//! backend-only functions): each query is written once and runs on SQLite or PostgreSQL
//! ([`backend`]). Functions take the typed ids (`OrgId`, `UserId`, …: one cannot go where the
//! other belongs), which bind and read as the hyphenated text every id is stored as
//! (`app::model::ids`).

pub mod activity;
pub mod api_tokens;
pub mod attention;
pub mod backend;
pub mod customers;
pub mod directory;
pub mod health;
pub mod idempotency;
pub mod invitations;
pub mod jobs;
pub mod notifications;
pub mod offers;
pub mod orders;
pub mod orgs;
pub mod partnerships;
pub mod rate;
pub mod sessions;
pub mod users;
pub mod webhooks;

pub use crate::on;
pub use backend::{Backend, Conn, Db, Handle, Pool, Tx};

use sqlx::{
    Connection, Database, Sqlite, TransactionManager,
    postgres::PgPoolOptions,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};
use std::{str::FromStr, time::Duration};

/// How long a statement waits for SQLite's write lock before it fails with "database is locked".
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The oldest PostgreSQL Tierlink runs on (`server_version_num`).
const POSTGRES_MIN_VERSION: i64 = 150_000;

/// Opens the database the URL names (`sqlite://…` or `postgres://…`; created on first start for
/// SQLite) and applies the missing migrations.
pub async fn connect(url: &str, max_connections: u32) -> Result<Pool, sqlx::Error> {
    match backend_of(url) {
        Some(Backend::Sqlite) => connect_sqlite(url, max_connections).await,
        Some(Backend::Postgres) => connect_postgres(url, max_connections).await,
        None => Err(sqlx::Error::Configuration(
            "the database URL must start with sqlite:// or postgres://".into(),
        )),
    }
}

/// The backend a database URL names (`sqlite:`, `postgres:` or `postgresql:`).
pub fn backend_of(url: &str) -> Option<Backend> {
    match url.split_once(':').map(|(scheme, _)| scheme) {
        Some("sqlite") => Some(Backend::Sqlite),
        Some("postgres" | "postgresql") => Some(Backend::Postgres),
        _ => None,
    }
}

/// The URL as it may be shown in a message or a log: whatever stands between the scheme and
/// the last `@` (a user and password, even one with `/` or `?` in it) becomes `***`, and so does
/// a `password=` parameter. A URL without `//` shows only its scheme.
pub fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.split(':').next().unwrap_or_default().to_owned() + ":…";
    };
    let rest = match rest.rsplit_once('@') {
        Some((_, host_and_more)) => format!("***@{host_and_more}"),
        None => rest.to_owned(),
    };
    let (path, query) = rest
        .split_once('?')
        .map_or((rest.as_str(), None), |(p, q)| (p, Some(q)));
    let query = query.map(|q| {
        q.split('&')
            .map(|pair| match pair.split_once('=') {
                Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                _ => pair.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("&")
    });
    match query {
        Some(q) => format!("{scheme}://{path}?{q}"),
        None => format!("{scheme}://{path}"),
    }
}

/// SQLite: another instance opening a new database at the same moment can make SQLite answer
/// "database is locked" at once, without waiting (switching a new file to WAL takes an exclusive
/// lock that the busy timeout does not cover): such a start is tried again for up to ~10 s.
async fn connect_sqlite(url: &str, max_connections: u32) -> Result<Pool, sqlx::Error> {
    let mut attempt = 0;
    loop {
        match open_sqlite(url, max_connections).await {
            Err(e) if is_busy(&e) && attempt < 50 => {
                attempt += 1;
                tracing::debug!(attempt, "database busy at start; trying again");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            result => return result,
        }
    }
}

/// Whether SQLite answered BUSY or LOCKED (another connection holds what this one needs).
pub fn is_busy(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db)
        if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some()
            && db.code().and_then(|c| c.parse::<i64>().ok()).is_some_and(|c| matches!(c & 0xff, 5 | 6)))
}

async fn open_sqlite(url: &str, max_connections: u32) -> Result<Pool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        // A page of 50 rows (and one more to know there is a next page) crosses from the
        // connection's thread in one go instead of waiting for the reader at the 50th.
        .row_buffer_size(128);
    if let Some(parent) = options
        .get_filename()
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(max_connections)
        .min_connections(1)
        // A ping before every acquire is one more round trip to the connection's thread per query;
        // a broken SQLite connection fails its next query just as well.
        .test_before_acquire(false)
        .after_release(|conn, _| Box::pin(release_check(conn)))
        .connect_with(options)
        .await?;
    let pool = Pool::Sqlite(pool);
    migrate(&pool).await?;
    Ok(pool)
}

/// PostgreSQL: the server must be 15 or newer. A pool connection is checked before it is handed
/// out (a server restarted meanwhile closed them all; the next request gets a new one).
async fn connect_postgres(url: &str, max_connections: u32) -> Result<Pool, sqlx::Error> {
    // A transaction left idle (an instance stalled between two statements, a dead client)
    // would hold the write lock for every instance: the server ends it after a minute.
    let options = sqlx::postgres::PgConnectOptions::from_str(url)?
        .options([("idle_in_transaction_session_timeout", "60s")]);
    let pool = PgPoolOptions::new()
        .max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await?;
    let version: String = sqlx::query_scalar("SHOW server_version_num")
        .fetch_one(&pool)
        .await?;
    if version.parse::<i64>().unwrap_or(0) < POSTGRES_MIN_VERSION {
        return Err(sqlx::Error::Configuration(
            format!("PostgreSQL 15 or newer is needed (this server is version {version})").into(),
        ));
    }
    let pool = Pool::Postgres(pool);
    migrate(&pool).await?;
    Ok(pool)
}

/// The pool's backstop: a connection that comes back still inside a transaction (a caller
/// dropped between `BEGIN` and its guard, or a `COMMIT` that failed after SQLite had already
/// rolled back, which leaves sqlx's depth at 1 for good) is closed, never handed out again.
/// A dropped `Transaction` queues its `ROLLBACK` just before the connection comes back, so a
/// non-zero depth is looked at again after one round trip to the connection's thread (which
/// runs that rollback first); only then is the connection given up.
async fn release_check(conn: &mut sqlx::SqliteConnection) -> Result<bool, sqlx::Error> {
    type Manager = <Sqlite as Database>::TransactionManager;
    if Manager::get_transaction_depth(conn) == 0 {
        return Ok(true);
    }
    conn.ping().await?;
    let depth = Manager::get_transaction_depth(conn);
    if depth > 0 {
        tracing::warn!(
            depth,
            "a connection came back inside a transaction; closing it"
        );
    }
    Ok(depth == 0)
}

/// Applies the migrations that are missing (one history per backend: `migrations/` for SQLite,
/// `migrations-postgres/`, mostly the same files, for PostgreSQL). Two instances starting at
/// once on a new database must not both apply the first one ("table regions already exists"):
/// the whole run happens inside one write transaction, so the second waits for the first's
/// write lock and then finds everything applied (sqlx runs each migration in a savepoint
/// inside it; on PostgreSQL the DDL is transactional too).
pub async fn migrate(pool: &Pool) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(pool).await?;
    match &mut tx {
        Tx::Sqlite(t) => sqlx::migrate!("./migrations").run(&mut **t).await?,
        Tx::Postgres(t) => {
            sqlx::migrate!("./migrations-postgres")
                .run(&mut **t)
                .await?
        }
    }
    orgs::fill_legal_keys(&mut tx).await?;
    tx.commit().await
}

/// A write transaction, holding the database's one write lock from its first statement. On
/// SQLite that is `BEGIN IMMEDIATE` (concurrent writers queue on the busy timeout instead of
/// failing with "database is locked"). On PostgreSQL it is a transaction-scoped advisory lock
/// ([`WRITE_LOCK`]) taken right after `BEGIN`: writers run one at a time, as on SQLite, so every
/// rule checked by reading before writing (the last Global admin, license counts, a link used
/// once) holds under READ COMMITTED for all instances sharing the database; each statement sees
/// every write committed before the lock was granted. Reads never take it.
///
/// It runs in a task of its own: sqlx's `begin_with` awaits once more after the `BEGIN` has run
/// and before any `Transaction` guard exists, so a caller dropped at that point (a request whose
/// client went away) left the connection holding the write lock with nothing to roll it back.
/// A detached task always finishes; if nobody takes its `Transaction`, dropping it rolls back.
pub async fn begin_write(pool: &Pool) -> Result<Tx, sqlx::Error> {
    let pool = pool.clone();
    tokio::spawn(async move {
        match pool {
            Pool::Sqlite(p) => Ok(Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?)),
            Pool::Postgres(p) => {
                // READ COMMITTED whatever the server's default: each statement then sees every
                // write committed before the lock came (a REPEATABLE READ snapshot would be
                // taken by the lock's own statement, before the wait).
                let mut tx = p.begin_with("BEGIN ISOLATION LEVEL READ COMMITTED").await?;
                // As SQLite's busy timeout: a writer gives up (503) instead of waiting forever
                // behind a stalled one.
                take_postgres_write_lock(&mut tx, BUSY_TIMEOUT).await?;
                Ok(Tx::Postgres(tx))
            }
        }
    })
    .await
    .map_err(|e| sqlx::Error::Io(std::io::Error::other(e)))?
}

/// Takes [`WRITE_LOCK`] for the rest of the transaction `conn` is in, waiting at most `wait`
/// (then PostgreSQL's lock_not_available, 55P03). `begin_write` and the health probe share it.
pub(crate) async fn take_postgres_write_lock(
    conn: &mut sqlx::PgConnection,
    wait: Duration,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("SET LOCAL lock_timeout = {}", wait.as_millis()))
        .execute(&mut *conn)
        .await?;
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(WRITE_LOCK)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The PostgreSQL advisory lock key that write transactions hold (any constant no other
/// application on the database uses; "Tierlink" in ASCII).
pub const WRITE_LOCK: i64 = 0x5469_6572_6c69_6e6b;

/// The schema's UNIQUE rules that a request can run into. The database is the one judge of
/// them: services may look first to answer every field at once, but an insert that breaks one
/// (a concurrent request got there first) is answered through `services::fault::OnConstraint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unique {
    Email,
    MpnId,
    PartnerLegalName,
    PrimaryDomain,
    OfferName,
    ActivePartnership,
    OrderRequestKey,
    ApiTokenName,
}

impl Unique {
    const ALL: [Unique; 8] = [
        Unique::Email,
        Unique::MpnId,
        Unique::PartnerLegalName,
        Unique::PrimaryDomain,
        Unique::OfferName,
        Unique::ActivePartnership,
        Unique::OrderRequestKey,
        Unique::ApiTokenName,
    ];

    /// The index or constraint PostgreSQL names when the rule is broken.
    fn constraint(self) -> &'static str {
        match self {
            Unique::Email => "users_email_key",
            Unique::MpnId => "organizations_mpn_id_key",
            Unique::PartnerLegalName => "organizations_partner_legal_key",
            Unique::PrimaryDomain => "organizations_primary_domain",
            Unique::OfferName => "offers_name",
            Unique::ActivePartnership => "partnerships_active_pair",
            Unique::OrderRequestKey => "orders_request_key",
            Unique::ApiTokenName => "api_tokens_live_name",
        }
    }

    /// The columns SQLite names when the rule is broken (`UNIQUE constraint failed: <columns>`).
    fn columns(self) -> &'static str {
        match self {
            Unique::Email => "users.email",
            Unique::MpnId => "organizations.mpn_id",
            Unique::PartnerLegalName => "organizations.country, organizations.legal_key",
            Unique::PrimaryDomain => "organizations.primary_domain",
            Unique::OfferName => "offers.name",
            Unique::ActivePartnership => "partnerships.provider_id, partnerships.reseller_id",
            Unique::OrderRequestKey => "orders.provider_id, orders.request_key",
            Unique::ApiTokenName => "api_tokens.organization_id, api_tokens.name",
        }
    }
}

/// The UNIQUE rule an error broke, if it is a uniqueness violation of one of [`Unique`].
pub fn violated(err: &sqlx::Error) -> Option<Unique> {
    let sqlx::Error::Database(db) = err else {
        return None;
    };
    if !db.is_unique_violation() {
        return None;
    }
    if let Some(constraint) = db.constraint() {
        return Unique::ALL
            .into_iter()
            .find(|u| u.constraint() == constraint);
    }
    let columns = db.message().rsplit(": ").next()?;
    Unique::ALL.into_iter().find(|u| u.columns() == columns)
}

/// A LIKE pattern matching any folded text that contains `s` (folded by
/// [`app::model::fold::fold`], as names are stored; `\` escapes the wildcards).
pub fn like_contains(s: &str) -> String {
    format!(
        "%{}%",
        app::model::fold::fold(s)
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_password_never_shows() {
        use super::without_password as w;
        assert_eq!(
            w("postgres://app:s3cret@db.example:5432/tierlink?sslmode=require"),
            "postgres://***@db.example:5432/tierlink?sslmode=require"
        );
        assert_eq!(w("postgres://app:a/b?c@db/tl"), "postgres://***@db/tl");
        assert_eq!(w("postgres:/app:s3cret@db/tl"), "postgres:…");
        assert_eq!(w("postgres://db/tl"), "postgres://db/tl");
        assert_eq!(
            w("postgres://db/tl?user=app&password=s3cret"),
            "postgres://db/tl?user=app&password=***"
        );
        assert_eq!(w("sqlite://data/tierlink.db"), "sqlite://data/tierlink.db");
    }

    use app::model::{OrgId, UserId};
    use sqlx::Connection;

    /// Ids go in and come out as the hyphenated text every stored id already is, so a typed
    /// id matches rows written as text, and a malformed stored id is an error, not a default.
    #[tokio::test]
    async fn typed_ids_are_stored_as_text() {
        let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:")
            .await
            .expect("an in-memory database");
        let org = OrgId(uuid::Uuid::now_v7());
        let (kind, text): (String, String) = sqlx::query_as("SELECT typeof($1), $1")
            .bind(org)
            .fetch_one(&mut conn)
            .await
            .expect("a row");
        assert_eq!((kind.as_str(), text.clone()), ("text", org.to_string()));
        let (back,): (OrgId,) = sqlx::query_as("SELECT $1")
            .bind(&text)
            .fetch_one(&mut conn)
            .await
            .expect("a row");
        assert_eq!(back, org);
        let broken: Result<(UserId,), _> = sqlx::query_as("SELECT 'not-an-id'")
            .fetch_one(&mut conn)
            .await;
        assert!(matches!(broken, Err(sqlx::Error::ColumnDecode { .. })));
    }
}
