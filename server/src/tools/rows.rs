//! Rows as plain values, for the tools that move many rows without a struct per table: `copy`
//! (any table, read from one backend and written to another) and the scale fill (built rows).
//! Each value is one of the schema's three kinds.

use crate::db::{Db, on};
use sqlx::QueryBuilder;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(Option<String>),
    Int(Option<i64>),
    Bool(Option<bool>),
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_owned()))
    }
}

impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        Value::Text(v)
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}

impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::Int(v)
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(Some(v))
    }
}

/// One row being built, value by value, in its INSERT's column order.
#[derive(Default)]
pub struct RowBuf(pub Vec<Value>);

impl RowBuf {
    pub fn push_bind(&mut self, v: impl Into<Value>) -> &mut Self {
        self.0.push(v.into());
        self
    }
}

/// One multi-row INSERT: `head` is `INSERT INTO t (a, b) `, each row has a value per column.
pub async fn insert(
    db: impl Into<Db<'_>>,
    head: &str,
    rows: &[Vec<Value>],
) -> Result<u64, sqlx::Error> {
    if rows.is_empty() {
        return Ok(0);
    }
    on!(db, |ex| {
        let mut q = QueryBuilder::new(head);
        q.push_values(rows, |mut b, row| {
            for value in row {
                match value {
                    Value::Text(v) => b.push_bind(v.clone()),
                    Value::Int(v) => b.push_bind(*v),
                    Value::Bool(v) => b.push_bind(*v),
                };
            }
        });
        q.build().execute(ex).await.map(|r| r.rows_affected())
    })
}
