//! Errors as RFC 9457 problem documents (`application/problem+json`): the same codes the pages
//! translate, each wrong field named, and a sentence in the language the caller asked for
//! (`Accept-Language`; English by default). Also the extractors that turn a body or a query the
//! API cannot read into such a document instead of axum's plain text.

use app::model::{AppError, ErrorCode, Locale, Role};
use axum::{
    extract::{FromRequest, FromRequestParts, Request, rejection::JsonRejection},
    response::{IntoResponse, Response},
};
use http::{HeaderValue, StatusCode, header, request::Parts};
use serde::{Serialize, de::DeserializeOwned};
use utoipa::ToSchema;

/// What went wrong, for a program and for the person reading its log.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "tag:tierlink,2026:problem:invalid",
    "title": "Unprocessable Content",
    "status": 422,
    "code": "invalid",
    "detail": "Some fields need attention.",
    "errors": [{"field": "kind", "code": "choice_unknown", "detail": "Choose one of the listed values."}]
}))]
pub struct Problem {
    /// `tag:tierlink,2026:problem:<code>`: identifies the kind of problem (not a web page).
    #[serde(rename = "type")]
    pub kind: String,
    /// The HTTP status's phrase.
    pub title: String,
    pub status: u16,
    /// A stable code: one of the pages' error codes (`email_taken`, `not_pending`, …), or
    /// `invalid`, `token_required`, `forbidden`, `not_found`, `throttled`, `bad_request`,
    /// `conflict`, `unavailable`, `internal`.
    pub code: String,
    /// A sentence in the language of `Accept-Language` (English, Turkish, Hungarian, Russian).
    pub detail: String,
    /// With `invalid`: each wrong field, its code and a sentence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// With `forbidden`: the roles that would allow the call.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<String>)]
    pub roles: Vec<&'static str>,
}

/// One wrong field of a request.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field's name in the request (a body property or a query parameter).
    pub field: String,
    pub code: String,
    pub detail: String,
}

/// An error code as the pages know it (`email_taken`).
pub fn code_name(code: ErrorCode) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl Problem {
    pub fn new(status: StatusCode, code: &str, detail: String) -> Self {
        Problem {
            kind: format!("tag:tierlink,2026:problem:{code}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            code: code.to_owned(),
            detail,
            errors: Vec::new(),
            roles: Vec::new(),
        }
    }

    /// The answer to an error of the services, in `locale`'s words.
    pub fn of(err: &AppError, locale: Locale) -> Self {
        let t = locale.strings();
        let status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let code = match err {
            AppError::Invalid(_) => "invalid".to_owned(),
            AppError::Refused(code) => code_name(*code),
            AppError::SignInRequired => "token_required".to_owned(),
            AppError::PasswordChangeRequired => "password_change_required".to_owned(),
            AppError::Forbidden(_) => "forbidden".to_owned(),
            AppError::NotFound => "not_found".to_owned(),
            AppError::Throttled => "throttled".to_owned(),
            AppError::BadRequest => "bad_request".to_owned(),
            AppError::Network | AppError::Unavailable => "unavailable".to_owned(),
            AppError::Internal => "internal".to_owned(),
        };
        let mut problem = Problem::new(status, &code, t.error(err));
        match err {
            AppError::Invalid(fields) => {
                problem.errors = fields
                    .iter()
                    .map(|f| FieldProblem {
                        field: f.field.clone(),
                        code: code_name(f.code),
                        detail: t.error_code(f.code).to_owned(),
                    })
                    .collect();
            }
            AppError::Forbidden(roles) => {
                problem.roles = roles.iter().map(|r: &Role| r.as_str()).collect();
            }
            _ => {}
        }
        problem
    }

    /// A request the API cannot read (malformed JSON, a wrong type, an unknown field).
    pub fn unreadable(status: StatusCode, why: String) -> Self {
        let code = match status {
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
            StatusCode::PAYLOAD_TOO_LARGE => "too_large",
            _ => "bad_request",
        };
        Problem::new(status, code, why)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut res = (status, body).into_response();
        let headers = res.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"tierlink\""),
            );
        }
        if matches!(
            status,
            StatusCode::SERVICE_UNAVAILABLE | StatusCode::TOO_MANY_REQUESTS
        ) {
            headers.insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
        }
        res
    }
}

/// The language of the caller's `Accept-Language` (what the problem's sentences are written in).
pub fn locale_of(parts: &Parts) -> Locale {
    crate::http::language::choose(None, None, &parts.headers)
}

/// A JSON body; anything else is a problem document (400, 415, 413 or 422 with the reason).
pub struct Body<T>(pub T);

impl<T, S> FromRequest<S> for Body<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Body(value)),
            Err(rejection) => Err(json_problem(rejection)),
        }
    }
}

fn json_problem(rejection: JsonRejection) -> Problem {
    let status = match &rejection {
        JsonRejection::JsonDataError(_) => StatusCode::UNPROCESSABLE_ENTITY,
        JsonRejection::MissingJsonContentType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::BAD_REQUEST,
    };
    Problem::unreadable(status, rejection.body_text())
}

/// Query parameters; unreadable ones are a 400 problem document.
pub struct Params<T>(pub T);

impl<T, S> FromRequestParts<S> for Params<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Params(q.0))
            .map_err(|r| Problem::unreadable(StatusCode::BAD_REQUEST, r.body_text()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::FieldError;

    #[test]
    fn problems_carry_codes_and_fields() {
        let p = Problem::of(
            &AppError::Invalid(vec![FieldError::new("kind", ErrorCode::ChoiceUnknown)]),
            Locale::En,
        );
        assert_eq!(p.status, 422);
        assert_eq!(p.code, "invalid");
        assert_eq!(p.errors[0].field, "kind");
        assert_eq!(p.errors[0].code, "choice_unknown");
        let p = Problem::of(&AppError::Refused(ErrorCode::NotPending), Locale::Hu);
        assert_eq!((p.status, p.code.as_str()), (409, "not_pending"));
        assert_eq!(p.kind, "tag:tierlink,2026:problem:not_pending");
        let p = Problem::of(&AppError::Forbidden(vec![Role::GlobalAdmin]), Locale::En);
        assert_eq!(p.roles, vec!["global_admin"]);
        assert_eq!(
            Problem::of(&AppError::SignInRequired, Locale::En).status,
            401
        );
    }
}
