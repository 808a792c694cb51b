//! The public API, `/api/v1` (issue 22): JSON resources for what partners do in the portal,
//! called with an API token, described by an OpenAPI 3.1 document generated from these handlers
//! (`/api/v1/openapi.json`). A handler reads its request, calls the port the pages' server
//! functions call (the rules live in `services` only) and shapes the answer; errors are
//! RFC 9457 problem documents (`problem`).

pub mod activity;
pub mod auth;
pub mod customer_users;
pub mod customers;
pub mod docs;
pub mod idempotency;
pub mod invitations;
pub mod partners;
pub mod problem;
pub mod subscriptions;
pub mod throttle;
pub mod webhooks;

use crate::services::Services;
use app::{
    api::{Ports, RequestCtx},
    model::{AppError, Locale},
};
use axum::{
    Json, Router,
    extract::FromRequestParts,
    middleware,
    response::{IntoResponse, Response},
    routing::{get, post, put},
};
use http::{HeaderValue, StatusCode, header, request::Parts};
use problem::Problem;
use serde::Serialize;
use utoipa::{
    Modify, OpenApi, ToSchema,
    openapi::security::{Http, HttpAuthScheme, SecurityScheme},
};

/// What every handler shares: the ports.
#[derive(Clone)]
pub struct Api {
    pub ports: Ports,
}

/// The caller: the token's request context (see `auth`) and the language of its problems.
pub struct Caller {
    pub ctx: RequestCtx,
    pub locale: Locale,
}

impl Caller {
    pub fn problem(&self, err: &AppError) -> Problem {
        Problem::of(err, self.locale)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let locale = problem::locale_of(parts);
        match parts.extensions.get::<RequestCtx>() {
            Some(ctx) if ctx.actor.as_ref().is_some_and(|a| a.api_token.is_some()) => Ok(Caller {
                ctx: ctx.clone(),
                locale,
            }),
            // The router puts `auth` before every handler; reaching here without it is a bug.
            _ => Err(Problem::of(&AppError::Internal, locale)),
        }
    }
}

/// A page of a list and the link to the next one (absent on the last page).
#[derive(Debug, Serialize, ToSchema)]
pub struct List<T: ToSchema> {
    pub items: Vec<T>,
    /// The next page: this list's path with the same filters and `after` set.
    pub next: Option<String>,
}

/// A list's query: its path and filters. Its cursors carry a fingerprint of both, so that a
/// cursor of another list, or of the same list with other filters, is refused (400) instead of
/// silently paging something else.
pub struct Listing<'a> {
    pub path: &'a str,
    /// Every filter by its parameter name (empty: not filtering).
    pub filters: Vec<(&'static str, String)>,
}

impl Listing<'_> {
    fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(self.path.as_bytes());
        for (k, v) in &self.filters {
            h.update([0]);
            h.update(k.as_bytes());
            h.update([b'=']);
            h.update(v.trim().as_bytes());
        }
        h.finalize()[..6]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The service's cursor from `after`, if it was made by this query.
    pub fn cursor(&self, after: Option<&str>) -> Result<Option<String>, AppError> {
        match after.filter(|a| !a.is_empty()) {
            None => Ok(None),
            Some(sealed) => match sealed.rsplit_once('~') {
                Some((cursor, print)) if print == self.fingerprint() => Ok(Some(cursor.to_owned())),
                _ => Err(AppError::BadRequest),
            },
        }
    }

    /// A page of the list and the link to the next one (`limit` kept as asked).
    pub fn page<T: ToSchema>(
        &self,
        items: Vec<T>,
        cursor: Option<String>,
        limit: Option<u32>,
    ) -> List<T> {
        let next = cursor.map(|c| {
            let mut query: Vec<String> = self
                .filters
                .iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, v)| format!("{k}={}", encode(v.trim())))
                .collect();
            if let Some(l) = limit {
                query.push(format!("limit={l}"));
            }
            query.push(format!(
                "after={}",
                encode(&format!("{c}~{}", self.fingerprint()))
            ));
            format!("{}?{}", self.path, query.join("&"))
        });
        List { items, next }
    }
}

/// Percent-encodes a query value (everything but unreserved characters).
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// 201 Created with the new resource's `Location`.
pub struct Created<T>(pub String, pub T);

impl<T: Serialize> IntoResponse for Created<T> {
    fn into_response(self) -> Response {
        let mut res = (StatusCode::CREATED, Json(self.1)).into_response();
        if let Ok(v) = HeaderValue::from_str(&self.0) {
            res.headers_mut().insert(header::LOCATION, v);
        }
        res
    }
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut http = Http::new(HttpAuthScheme::Bearer);
        http.description = Some(
            "An API token made on the API tokens page by a Global admin: `tl_` and 43 characters."
                .to_owned(),
        );
        components.add_security_scheme("api_token", SecurityScheme::Http(http));
        // Every call may also answer a problem its list does not name (a malformed body, too
        // many calls, the database away): the default answer says what those look like.
        let problem = utoipa::openapi::ResponseBuilder::new()
            .description(
                "Any other answer: a problem document (400 malformed, 413 too large, 415 not \
                 JSON, 429 too many calls, 503 unavailable, …)",
            )
            .content(
                "application/problem+json",
                utoipa::openapi::ContentBuilder::new()
                    .schema(Some(utoipa::openapi::Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build();
        for item in openapi.paths.paths.values_mut() {
            for op in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                op.responses
                    .responses
                    .entry("default".to_owned())
                    .or_insert_with(|| problem.clone().into());
            }
        }
    }
}

/// The OpenAPI document: every path below, its parameters, bodies, answers and problems.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tierlink API",
        version = "1",
        description = "The partner portal's API for indirect providers and resellers. Call it \
            with an API token (`Authorization: Bearer tl_…`) made on the API tokens page. Lists \
            are paged with `limit` and `after` (follow `next`); errors are RFC 9457 problem \
            documents whose `code` is stable; times are RFC 3339 in UTC; problems are worded \
            in the language of `Accept-Language` (en, tr, hu, ru)."
    ),
    paths(
        invitations::list,
        invitations::create,
        invitations::get,
        invitations::reissue,
        invitations::revoke,
        customers::list,
        customers::get,
        customers::create,
        customers::remove,
        customer_users::list,
        customer_users::add,
        customer_users::assign,
        customer_users::unassign,
        partners::resellers,
        partners::reseller,
        partners::remove_reseller,
        partners::providers,
        partners::provider,
        subscriptions::list,
        subscriptions::add,
        subscriptions::get,
        subscriptions::change,
        activity::list,
    ),
    components(schemas(Problem, problem::FieldProblem, webhooks::WebhookEvent)),
    modifiers(&BearerAuth),
    security(("api_token" = [])),
    tags(
        (name = "invitations", description = "Partnership requests, reseller relationship requests and joint invites"),
        (name = "customers", description = "Customers with a reseller relationship"),
        (name = "partners", description = "An indirect provider's resellers, a reseller's providers"),
        (name = "customer users", description = "A customer's users and their licenses (with delegated admin permissions)"),
        (name = "subscriptions", description = "A customer's subscriptions: read with an ETag, changed with If-Match"),
        (name = "activity", description = "The organization's activity log"),
    )
)]
pub struct ApiDoc;

/// The document as JSON, made once per process.
pub fn openapi_json() -> &'static str {
    static DOCUMENT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
        if let Some(doc) = doc.as_object_mut() {
            doc.insert("webhooks".to_owned(), webhooks::webhooks());
        }
        doc.to_string()
    })
}

/// `/api/v1`: the calls behind the token check, and the document (no token needed).
pub fn router(services: &Services) -> Router {
    let api = Api {
        ports: services.ports(),
    };
    let calls = Router::new()
        .route(
            "/invitations",
            get(invitations::list).post(invitations::create),
        )
        .route("/invitations/{id}", get(invitations::get))
        .route("/invitations/{id}/reissue", post(invitations::reissue))
        .route("/invitations/{id}/revoke", post(invitations::revoke))
        .route("/customers", get(customers::list).post(customers::create))
        .route(
            "/customers/{id}",
            get(customers::get).delete(customers::remove),
        )
        .route(
            "/customers/{id}/users",
            get(customer_users::list).post(customer_users::add),
        )
        .route(
            "/customers/{id}/users/{user}/licenses/{subscription}",
            put(customer_users::assign).delete(customer_users::unassign),
        )
        .route("/resellers", get(partners::resellers))
        .route(
            "/resellers/{id}",
            get(partners::reseller).delete(partners::remove_reseller),
        )
        .route("/providers", get(partners::providers))
        .route("/providers/{id}", get(partners::provider))
        .route(
            "/customers/{id}/subscriptions",
            get(subscriptions::list).post(subscriptions::add),
        )
        .route(
            "/customers/{id}/subscriptions/{subscription}",
            get(subscriptions::get).patch(subscriptions::change),
        )
        .route("/activity", get(activity::list))
        // Outermost last: the token is checked first, then counted, then the key is claimed
        // for its organization.
        .route_layer(middleware::from_fn_with_state(
            services.clone(),
            idempotency::keep,
        ))
        .route_layer(middleware::from_fn_with_state(
            (
                services.clone(),
                std::sync::Arc::new(throttle::Counts::default()),
            ),
            throttle::limit,
        ))
        .route_layer(middleware::from_fn_with_state(
            services.clone(),
            auth::authenticate,
        ))
        .with_state(api);
    Router::new()
        .route(
            "/openapi.json",
            get(|| async { ([(header::CONTENT_TYPE, "application/json")], openapi_json()) }),
        )
        .merge(calls)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

async fn not_found(parts: Parts) -> Problem {
    Problem::of(&AppError::NotFound, problem::locale_of(&parts))
}

async fn method_not_allowed() -> Problem {
    Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "This path does not take this method; see /api/v1/openapi.json.".to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_links_keep_the_filters_and_cursors_their_query() {
        let q = Listing {
            path: "/api/v1/x",
            filters: vec![("state", "pending".into()), ("kind", String::new())],
        };
        let l = q.page::<problem::FieldProblem>(vec![], Some("1_a".into()), Some(2));
        let next = l.next.unwrap();
        assert!(
            next.starts_with("/api/v1/x?state=pending&limit=2&after=1_a~"),
            "{next}"
        );
        let after = next.rsplit_once("after=").unwrap().1.to_owned();
        assert_eq!(q.cursor(Some(&after)), Ok(Some("1_a".into())));
        // The same cursor under other filters, or without its fingerprint: refused.
        let other = Listing {
            path: "/api/v1/x",
            filters: vec![("state", "accepted".into()), ("kind", String::new())],
        };
        assert_eq!(other.cursor(Some(&after)), Err(AppError::BadRequest));
        assert_eq!(q.cursor(Some("1_a")), Err(AppError::BadRequest));
        assert_eq!(q.cursor(Some("")), Ok(None));
        assert_eq!(
            q.page::<problem::FieldProblem>(vec![], None, None).next,
            None
        );
    }

    #[test]
    fn the_document_is_openapi_3_1() {
        let doc: serde_json::Value = serde_json::from_str(openapi_json()).unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        assert!(doc["paths"]["/api/v1/invitations"]["post"].is_object());
        // Every event a partner may choose is a webhook of the document, with its body's schema.
        for e in app::model::EventType::CHOSEN {
            let post = &doc["webhooks"][e.code()]["post"];
            assert_eq!(post["summary"], e.code());
        }
        assert!(doc["components"]["schemas"]["WebhookEvent"]["properties"]["type"].is_object());
    }
}
