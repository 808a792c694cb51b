//! Turning server faults into user-safe errors, with the cause in the log: `Unavailable` (503)
//! when the database cannot take writes now (read-only, full, gone, locked), `Internal` (500)
//! for everything else.

use crate::db::Unique;
use app::model::{AppError, ErrorCode};
use std::{any::Any, fmt::Display};

pub trait OrInternal<T> {
    /// Logs the error with `what` was being done, and answers `Unavailable` or `Internal`.
    fn or_internal(self, what: &'static str) -> Result<T, AppError>;
}

impl<T, E: Display + 'static> OrInternal<T> for Result<T, E> {
    fn or_internal(self, what: &'static str) -> Result<T, AppError> {
        self.map_err(|e| {
            let unavailable = (&e as &dyn Any)
                .downcast_ref::<sqlx::Error>()
                .is_some_and(is_unavailable);
            if unavailable {
                tracing::error!(error = %e, "{what}: the database is unavailable");
                AppError::Unavailable
            } else {
                tracing::error!(error = %e, "{what}");
                AppError::Internal
            }
        })
    }
}

/// A stored value that does not decode (an unknown billing term, a negative count) is a fault of
/// ours: logged and answered `Internal`, never silently replaced by a default.
impl<T> OrInternal<T> for Option<T> {
    fn or_internal(self, what: &'static str) -> Result<T, AppError> {
        self.ok_or_else(|| {
            tracing::error!("{what}: a stored value did not decode");
            AppError::Internal
        })
    }
}

/// A UNIQUE rule and the answer to a request that breaks it.
pub type Answer = (Unique, fn() -> AppError);

pub trait OnConstraint<T> {
    /// A broken UNIQUE rule listed in `answers` becomes its answer (the field whose value is
    /// taken, or a refusal); any other error is logged and answered as [`OrInternal`] does.
    fn on_constraint(self, answers: &[Answer], what: &'static str) -> Result<T, AppError>;
}

impl<T> OnConstraint<T> for Result<T, sqlx::Error> {
    fn on_constraint(self, answers: &[Answer], what: &'static str) -> Result<T, AppError> {
        match self {
            Err(e) => match crate::db::violated(&e)
                .and_then(|broken| answers.iter().find(|(u, _)| *u == broken))
            {
                Some((_, answer)) => Err(answer()),
                None => Err(e).or_internal(what),
            },
            Ok(v) => Ok(v),
        }
    }
}

/// The answers to the UNIQUE rules an organization's insert can break.
pub const ORG_TAKEN: [Answer; 2] = [
    (Unique::MpnId, || {
        AppError::field("mpn_id", ErrorCode::MpnIdTaken)
    }),
    (Unique::PartnerLegalName, || {
        AppError::field("legal_name", ErrorCode::LegalNameTaken)
    }),
];

/// The answer to a primary domain another customer has.
pub const DOMAIN_TAKEN: [Answer; 1] = [(Unique::PrimaryDomain, || {
    AppError::field("domain_prefix", ErrorCode::DomainTaken)
})];

/// The answer to an email that already has an account.
pub const EMAIL_TAKEN: [Answer; 1] = [(Unique::Email, || {
    AppError::field("email", ErrorCode::EmailTaken)
})];

/// SQLite's primary result codes that mean "the store cannot serve this now", not "this
/// request is wrong": BUSY (the write lock did not come within the busy timeout), READONLY,
/// IOERR, CORRUPT, FULL, CANTOPEN. Extended codes carry the primary one in their low byte.
const UNAVAILABLE_CODES: [i64; 6] = [5, 8, 10, 11, 13, 14];

/// Whether a database error is the store being unavailable rather than a fault of the request
/// or of our code.
pub fn is_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => {
            if let Some(pg) = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
                return postgres_unavailable(pg.code());
            }
            db.code()
                .and_then(|c| c.parse::<i64>().ok())
                .is_some_and(|code| UNAVAILABLE_CODES.contains(&(code & 0xff)))
        }
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::WorkerCrashed => true,
        _ => false,
    }
}

/// PostgreSQL's SQLSTATEs that mean the same: a lost or refused connection (class 08), no
/// resources (53: disk full, out of memory, too many connections), the server shutting down or
/// starting (57), an I/O error (58), a read-only server (25006), a database that takes no
/// connections now (55000), a lock that did not come in time (55P03), and the conflicts
/// that trying again resolves (40001, 40P01).
fn postgres_unavailable(code: &str) -> bool {
    matches!(code.get(..2), Some("08" | "53" | "57" | "58"))
        || matches!(code, "25006" | "55000" | "55P03" | "40001" | "40P01")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_faults_stay_internal() {
        let r: Result<(), String> = Err("boom".into());
        assert_eq!(r.or_internal("testing"), Err(AppError::Internal));
        let r: Result<(), sqlx::Error> = Err(sqlx::Error::RowNotFound);
        assert_eq!(r.or_internal("testing"), Err(AppError::Internal));
    }

    #[test]
    fn postgres_outages_are_told_from_faults() {
        for code in ["08006", "57P01", "53100", "25006", "55000", "40001"] {
            assert!(postgres_unavailable(code), "{code}");
        }
        for code in ["23505", "42601", "22P02"] {
            assert!(!postgres_unavailable(code), "{code}");
        }
    }

    #[test]
    fn a_store_that_cannot_serve_is_unavailable() {
        let r: Result<(), sqlx::Error> = Err(sqlx::Error::PoolTimedOut);
        assert_eq!(r.or_internal("testing"), Err(AppError::Unavailable));
    }
}
