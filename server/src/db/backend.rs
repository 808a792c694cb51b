//! The two backends behind one set of queries: SQLite (embedded, the default) and PostgreSQL
//! (shared by several instances). A query is written once, inside [`on!`], which compiles it for
//! each backend and runs the one the pool was opened on. No `sqlx::Any`: it decodes through a
//! lowest common type set (no `BOOLEAN` on SQLite, no typed ids) and checks nothing at compile
//! time; two concrete backends keep every type and query checked for both.

use sqlx::{
    PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction,
    pool::PoolConnection,
};
use std::ops::{Deref, DerefMut};

/// The connection pool, on the backend the database URL names.
#[derive(Clone, Debug)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Which backend a pool runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Pool {
    pub fn backend(&self) -> Backend {
        match self {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn close(&self) {
        match self {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }

    /// A connection of its own (for a series of statements outside a transaction).
    pub async fn acquire(&self) -> Result<Conn, sqlx::Error> {
        Ok(match self {
            Pool::Sqlite(p) => Conn::Sqlite(p.acquire().await?),
            Pool::Postgres(p) => Conn::Postgres(p.acquire().await?),
        })
    }
}

/// A write transaction (see [`super::begin_write`]); dropped without `commit`, it rolls back.
#[derive(Debug)]
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.rollback().await,
            Tx::Postgres(t) => t.rollback().await,
        }
    }
}

/// A connection taken from the pool.
#[derive(Debug)]
pub enum Conn {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

/// What a query runs on: the pool (a connection is taken for it) or a connection already held
/// (a transaction's, or one taken with [`Pool::acquire`]). Every query function takes
/// `impl Into<Db>`, so callers pass `&pool`, `&mut tx` or `&mut conn` alike.
pub enum Db<'a> {
    Sqlite(Handle<'a, Sqlite>),
    Postgres(Handle<'a, Postgres>),
}

pub enum Handle<'a, DB: sqlx::Database> {
    Pool(&'a sqlx::Pool<DB>),
    Conn(&'a mut DB::Connection),
}

impl<'a, DB: sqlx::Database> Handle<'a, DB> {
    /// The same handle, lent again (for a function that runs several queries on one).
    pub fn reborrow(&mut self) -> Handle<'_, DB> {
        match self {
            Handle::Pool(p) => Handle::Pool(p),
            Handle::Conn(c) => Handle::Conn(&mut **c),
        }
    }

    /// The connection to run on: the one held, or one taken from the pool for this query.
    pub async fn get(self) -> Result<Held<'a, DB>, sqlx::Error> {
        Ok(match self {
            Handle::Pool(p) => Held::Taken(p.acquire().await?),
            Handle::Conn(c) => Held::Lent(c),
        })
    }
}

pub enum Held<'a, DB: sqlx::Database> {
    Taken(PoolConnection<DB>),
    Lent(&'a mut DB::Connection),
}

impl<DB: sqlx::Database> Deref for Held<'_, DB> {
    type Target = DB::Connection;
    fn deref(&self) -> &DB::Connection {
        match self {
            Held::Taken(c) => c,
            Held::Lent(c) => c,
        }
    }
}

impl<DB: sqlx::Database> DerefMut for Held<'_, DB> {
    fn deref_mut(&mut self) -> &mut DB::Connection {
        match self {
            Held::Taken(c) => c,
            Held::Lent(c) => c,
        }
    }
}

impl<'a> From<&'a mut Db<'_>> for Db<'a> {
    fn from(db: &'a mut Db<'_>) -> Self {
        match db {
            Db::Sqlite(h) => Db::Sqlite(h.reborrow()),
            Db::Postgres(h) => Db::Postgres(h.reborrow()),
        }
    }
}

impl<'a> From<&'a Pool> for Db<'a> {
    fn from(pool: &'a Pool) -> Self {
        match pool {
            Pool::Sqlite(p) => Db::Sqlite(Handle::Pool(p)),
            Pool::Postgres(p) => Db::Postgres(Handle::Pool(p)),
        }
    }
}

impl<'a> From<&'a mut Tx> for Db<'a> {
    fn from(tx: &'a mut Tx) -> Self {
        match tx {
            Tx::Sqlite(t) => Db::Sqlite(Handle::Conn(&mut **t)),
            Tx::Postgres(t) => Db::Postgres(Handle::Conn(&mut **t)),
        }
    }
}

impl<'a> From<&'a mut Conn> for Db<'a> {
    fn from(conn: &'a mut Conn) -> Self {
        match conn {
            Conn::Sqlite(c) => Db::Sqlite(Handle::Conn(&mut **c)),
            Conn::Postgres(c) => Db::Postgres(Handle::Conn(&mut **c)),
        }
    }
}

/// The plain connection types, for code that must name them.
pub type SqliteConn = SqliteConnection;
pub type PgConn = PgConnection;

/// Runs a query on whichever backend `$db` (anything `Into<Db>`) is on: `$e` is bound to a
/// `&mut` connection of that backend, and the body (an expression giving a
/// `Result<_, E: From<sqlx::Error>>`) is compiled once per backend.
///
/// ```ignore
/// let n: i64 = on!(pool, |ex| sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(ex).await)?;
/// ```
#[macro_export]
macro_rules! on {
    ($db:expr, |$e:ident| $body:expr) => {
        match Into::<$crate::db::Db>::into($db) {
            $crate::db::Db::Sqlite(handle) => match handle.get().await {
                Ok(mut held) => {
                    let $e: &mut $crate::db::backend::SqliteConn = &mut *held;
                    $body
                }
                Err(err) => Err(err.into()),
            },
            $crate::db::Db::Postgres(handle) => match handle.get().await {
                Ok(mut held) => {
                    let $e: &mut $crate::db::backend::PgConn = &mut *held;
                    $body
                }
                Err(err) => Err(err.into()),
            },
        }
    };
}
