//! How the one wire error travels: as JSON, and what a failure of the transport itself (no
//! answer, an unreadable one, arguments the server could not read) becomes. The model knows no
//! transport; this is the API's business.

use crate::model::AppError;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => Self::Network,
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => Self::BadRequest,
            _ => Self::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transport_errors_map_to_safe_variants() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Deserialization("x".into()));
        assert_eq!(e, AppError::BadRequest);
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Request("x".into()));
        assert_eq!(e, AppError::Network);
    }
}
