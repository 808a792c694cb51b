//! `server copy --from URL --to URL`: moves an instance to another database (SQLite to
//! PostgreSQL when it outgrows one machine; any direction works). Every table is copied in one
//! transaction on the target, from one consistent snapshot of the source; then each table's row
//! count and checksum are read back from the target, inside the same transaction, and compared
//! with the source's before anything commits. The target must be empty. Sessions are rows like
//! any other, so everyone stays signed in.

use super::rows::{self, Value};
use crate::db::{self, Db, Pool, Tx, on};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// Every table, parents before children (foreign keys hold at every insert). A table the
/// schema has and this list lacks stops the copy: nothing is left behind unnoticed.
pub const TABLES: [&str; 25] = [
    "regions",
    "organizations",
    "users",
    "user_roles",
    "sessions",
    "api_tokens",
    "api_idempotency",
    "activity_entries",
    "rate_events",
    "invitations",
    "partnerships",
    "reseller_relationships",
    "provider_profiles",
    "delegated_admin_grants",
    "customer_agreements",
    "offers",
    "customer_profiles",
    "orders",
    "subscriptions",
    "license_assignments",
    "shared_customers",
    "notifications",
    "job_runs",
    "webhook_endpoints",
    "webhook_deliveries",
];

/// Filled by the migrations themselves: already in the target, checked equal, not copied.
const SEEDED: [&str; 1] = ["regions"];

/// The instances' own schedule (`job_runs`), not data: not copied, and rows there (a server
/// started on the target once) do not make the target "not empty"; its instances claim afresh.
const SKIPPED: [&str; 1] = ["job_runs"];

/// Rows per INSERT (PostgreSQL takes at most 65,535 parameters in one statement, SQLite 32,766).
const PARAMETERS_PER_INSERT: usize = 30_000;

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error("the target database is not empty (rows in: {0}); copy only into an empty database")]
    NotEmpty(String),
    #[error("the schema has tables the copy does not know: {0}")]
    UnknownTables(String),
    #[error(
        "table {table}: {what} differs between source and target after the copy; nothing was committed"
    )]
    Mismatch { table: String, what: &'static str },
}

/// What was copied: (table, rows) in copy order.
pub struct Copied {
    pub tables: Vec<(&'static str, u64)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Text,
    Int,
    Bool,
}

struct Column {
    name: String,
    kind: Kind,
}

/// Copies everything in `from` into the empty `to` (both already migrated to this version).
pub async fn copy(from: &Pool, to: &Pool) -> Result<Copied, CopyError> {
    let mut source = begin_snapshot(from).await?;
    let mut target = db::begin_write(to).await?;
    let known = tables_of(&mut target).await?;
    let unknown: Vec<_> = known
        .iter()
        .filter(|t| !TABLES.contains(&t.as_str()))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(CopyError::UnknownTables(unknown.join(", ")));
    }
    let mut filled = Vec::new();
    for table in TABLES {
        if !SEEDED.contains(&table)
            && !SKIPPED.contains(&table)
            && count(&mut target, table).await? > 0
        {
            filled.push(table);
        }
    }
    if !filled.is_empty() {
        return Err(CopyError::NotEmpty(filled.join(", ")));
    }
    // Each side waits while the other works: not an idle transaction for the server to end.
    for tx in [&mut target, &mut source] {
        if let Tx::Postgres(t) = tx {
            sqlx::query("SET LOCAL idle_in_transaction_session_timeout = 0")
                .execute(&mut **t)
                .await?;
        }
    }
    let mut copied = Vec::new();
    for table in TABLES.into_iter().filter(|t| !SKIPPED.contains(t)) {
        let columns = columns_of(&mut target, table).await?;
        let rows = read(&mut source, table, &columns).await?;
        if !SEEDED.contains(&table) {
            let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
            let head = format!("INSERT INTO {table} ({}) ", names.join(", "));
            for chunk in rows.chunks((PARAMETERS_PER_INSERT / columns.len().max(1)).max(1)) {
                rows::insert(&mut target, &head, chunk).await?;
            }
        }
        let back = read(&mut target, table, &columns).await?;
        if back.len() != rows.len() {
            return Err(CopyError::Mismatch {
                table: table.into(),
                what: "the row count",
            });
        }
        if checksum(&back) != checksum(&rows) {
            return Err(CopyError::Mismatch {
                table: table.into(),
                what: "the checksum",
            });
        }
        copied.push((table, rows.len() as u64));
    }
    if let Tx::Postgres(t) = &mut target {
        // Explicit seqs leave the identity's sequence behind: the next notification follows them.
        sqlx::query(
            "SELECT setval(pg_get_serial_sequence('notifications', 'seq'),
                           COALESCE(MAX(seq), 0) + 1, false) FROM notifications",
        )
        .execute(&mut **t)
        .await?;
    }
    target.commit().await?;
    source.rollback().await?;
    Ok(Copied { tables: copied })
}

/// A read-only transaction that sees one moment of the source, however long the copy takes.
async fn begin_snapshot(pool: &Pool) -> Result<Tx, sqlx::Error> {
    Ok(match pool {
        // A deferred transaction in WAL mode: its first read fixes the snapshot.
        Pool::Sqlite(p) => Tx::Sqlite(p.begin().await?),
        Pool::Postgres(p) => Tx::Postgres(
            p.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .await?,
        ),
    })
}

/// The tables of the schema, without the migration history (each backend keeps its own).
async fn tables_of(tx: &mut Tx) -> Result<Vec<String>, sqlx::Error> {
    let sql = match tx {
        Tx::Sqlite(_) => {
            "SELECT name FROM sqlite_master WHERE type = 'table'
               AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'"
        }
        Tx::Postgres(_) => {
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
               AND table_name <> '_sqlx_migrations'"
        }
    };
    on!(tx, |ex| sqlx::query_scalar(sql).fetch_all(ex).await)
}

async fn count(tx: &mut Tx, table: &str) -> Result<i64, sqlx::Error> {
    on!(tx, |ex| sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM {table}"
    ))
    .fetch_one(ex)
    .await)
}

/// The table's columns in order, with the kind of value each holds (from the schema).
async fn columns_of(tx: &mut Tx, table: &str) -> Result<Vec<Column>, sqlx::Error> {
    let sql = match tx {
        Tx::Sqlite(_) => "SELECT name, type FROM pragma_table_info($1) ORDER BY cid",
        Tx::Postgres(_) => {
            "SELECT column_name::text, data_type::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position"
        }
    };
    let rows: Vec<(String, String)> =
        on!(tx, |ex| sqlx::query_as(sql).bind(table).fetch_all(ex).await)?;
    rows.into_iter()
        .map(|(name, declared)| {
            let d = declared.to_ascii_lowercase();
            let kind = if d.contains("int") {
                Kind::Int
            } else if d.contains("bool") {
                Kind::Bool
            } else if d.contains("text") || d.contains("char") {
                Kind::Text
            } else {
                return Err(sqlx::Error::Configuration(
                    format!("{table}.{name} has a type the copy does not know: {declared}").into(),
                ));
            };
            Ok(Column { name, kind })
        })
        .collect()
}

/// Every row of the table, each value read as its column's kind.
async fn read(
    db: impl Into<Db<'_>>,
    table: &str,
    columns: &[Column],
) -> Result<Vec<Vec<Value>>, sqlx::Error> {
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    let sql = format!("SELECT {} FROM {table}", names.join(", "));
    on!(db, |ex| {
        let rows = sqlx::query(&sql).fetch_all(ex).await?;
        rows.iter()
            .map(|row| {
                columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        Ok(match c.kind {
                            Kind::Text => Value::Text(row.try_get(i)?),
                            Kind::Int => Value::Int(row.try_get(i)?),
                            Kind::Bool => Value::Bool(row.try_get(i)?),
                        })
                    })
                    .collect::<Result<Vec<_>, sqlx::Error>>()
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()
    })
}

/// A checksum of a table's rows that does not depend on their order (the two backends sort
/// text differently): the sum of each row's SHA-256 (first 16 bytes), so a changed, missing or
/// doubled row changes it.
fn checksum(rows: &[Vec<Value>]) -> u128 {
    rows.iter().fold(0u128, |sum, row| {
        let mut h = Sha256::new();
        for value in row {
            match value {
                Value::Text(Some(s)) => {
                    h.update(b"t");
                    h.update((s.len() as u64).to_le_bytes());
                    h.update(s.as_bytes());
                }
                Value::Int(Some(n)) => {
                    h.update(b"i");
                    h.update(n.to_le_bytes());
                }
                Value::Bool(Some(b)) => h.update(if *b { b"T" } else { b"F" }),
                Value::Text(None) | Value::Int(None) | Value::Bool(None) => h.update(b"n"),
            }
        }
        let digest = h.finalize();
        let mut first = [0u8; 16];
        first.copy_from_slice(&digest[..16]);
        sum.wrapping_add(u128::from_le_bytes(first))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_sees_order_not_but_every_value() {
        let a = vec![Value::Text(Some("x".into())), Value::Int(Some(1))];
        let b = vec![Value::Text(Some("y".into())), Value::Bool(None)];
        assert_eq!(
            checksum(&[a.clone(), b.clone()]),
            checksum(&[b.clone(), a.clone()])
        );
        assert_ne!(
            checksum(std::slice::from_ref(&a)),
            checksum(&[a.clone(), a.clone()])
        );
        let c = vec![Value::Text(Some("x".into())), Value::Int(Some(2))];
        assert_ne!(checksum(&[a.clone(), b.clone()]), checksum(&[c, b]));
        let null = vec![Value::Text(None), Value::Int(Some(1))];
        let empty = vec![Value::Text(Some(String::new())), Value::Int(Some(1))];
        assert_ne!(checksum(&[null]), checksum(&[empty]));
    }
}
