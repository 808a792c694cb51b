//! Turning server faults into the user-safe `AppError::Internal`, with the cause in the log.

use app::model::AppError;
use std::fmt::Display;

pub trait OrInternal<T> {
    /// Logs the error with `what` was being done, and answers `Internal`.
    fn or_internal(self, what: &'static str) -> Result<T, AppError>;
}

impl<T, E: Display> OrInternal<T> for Result<T, E> {
    fn or_internal(self, what: &'static str) -> Result<T, AppError> {
        self.map_err(|e| {
            tracing::error!(error = %e, "{what}");
            AppError::Internal
        })
    }
}
