//! What a server function gets from the server: the ports (provided as Leptos context when the
//! router is built) and the request context (put in the request's extensions by the server's
//! session middleware).

use super::{
    activity::ActivityPort, api_tokens::ApiTokensPort, customer_users::CustomerUsersPort,
    customers::CustomersPort, directory::DirectoryPort, home::HomePort,
    invitations::InvitationsPort, my_partners::MyPartnersPort, notifications::NotificationsPort,
    offers::OffersPort, orders::OrdersPort, partnerships::PartnershipsPort, session::SessionPort,
    users::UsersPort, webhooks::WebhooksPort,
};
use crate::model::{Actor, AppError, Locale};
use http::{HeaderName, HeaderValue, StatusCode, header::ACCEPT, request::Parts};
use leptos::prelude::{use_context, with_context};
use leptos_axum::ResponseOptions;
use std::{net::IpAddr, sync::Arc};

/// One implementation per area, built once at start.
#[derive(Clone)]
pub struct Ports {
    pub session: Arc<dyn SessionPort>,
    pub users: Arc<dyn UsersPort>,
    pub activity: Arc<dyn ActivityPort>,
    pub partnerships: Arc<dyn PartnershipsPort>,
    pub invitations: Arc<dyn InvitationsPort>,
    pub directory: Arc<dyn DirectoryPort>,
    pub home: Arc<dyn HomePort>,
    pub customers: Arc<dyn CustomersPort>,
    pub my_partners: Arc<dyn MyPartnersPort>,
    pub offers: Arc<dyn OffersPort>,
    pub orders: Arc<dyn OrdersPort>,
    pub customer_users: Arc<dyn CustomerUsersPort>,
    pub notifications: Arc<dyn NotificationsPort>,
    pub api_tokens: Arc<dyn ApiTokensPort>,
    pub webhooks: Arc<dyn WebhooksPort>,
}

/// Who is asking and from where.
#[derive(Clone, Debug, Default)]
pub struct RequestCtx {
    pub actor: Option<Actor>,
    /// The hash of the session token the request carried, if it names a live session.
    pub session_hash: Option<String>,
    pub client: Option<IpAddr>,
    /// Whether cookies get the `Secure` attribute (the public URL is https).
    pub secure_cookies: bool,
    /// The language of the reply: the user's choice, else the cookie's, else `Accept-Language`.
    pub locale: Locale,
}

impl RequestCtx {
    /// The signed-in actor, who has no pending password change.
    pub fn actor(&self) -> Result<&Actor, AppError> {
        let actor = self.actor_pending_password()?;
        if actor.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        Ok(actor)
    }

    /// The signed-in actor, even one who must still change a temporary password.
    pub fn actor_pending_password(&self) -> Result<&Actor, AppError> {
        self.actor.as_ref().ok_or(AppError::SignInRequired)
    }
}

/// The ports and the request context, or an internal error if the server forgot to provide them.
pub fn ports_and_ctx() -> Result<(Ports, RequestCtx), AppError> {
    let ports = use_context::<Ports>().ok_or(AppError::Internal)?;
    // Read in place: `use_context` would clone the whole request head (headers, extensions).
    let ctx = with_context::<Parts, _>(|parts| parts.extensions.get::<RequestCtx>().cloned())
        .flatten()
        .unwrap_or_default();
    Ok((ports, ctx))
}

/// Sets the HTTP status of a failed server function. A plain form post (no wasm yet: it accepts
/// `text/html`) keeps the redirect back to its page, which carries the error for the page to show.
pub fn finish<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(err) = &result {
        let plain_form_post = use_context::<Parts>()
            .and_then(|p| p.headers.get(ACCEPT).cloned())
            .and_then(|v| v.to_str().ok().map(|s| s.contains("text/html")))
            .unwrap_or(false);
        // A page being rendered that already redirects (the shell sends a signed-out visitor to
        // sign in) keeps its redirect: the error of the page's data under it is not the answer.
        let redirecting = |res: &ResponseOptions| {
            res.0.read().is_ok_and(|parts| {
                parts.status.is_some_and(|s| s.is_redirection())
                    || parts.headers.contains_key(http::header::LOCATION)
            })
        };
        if let (false, Some(res)) = (plain_form_post, use_context::<ResponseOptions>())
            && !redirecting(&res)
        {
            res.set_status(
                StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
    result
}

/// Adds a header to the response of the current server function (for example `Set-Cookie`).
pub fn set_header(name: HeaderName, value: &str) -> Result<(), AppError> {
    let res = use_context::<ResponseOptions>().ok_or(AppError::Internal)?;
    let value = HeaderValue::from_str(value).map_err(|_| AppError::Internal)?;
    res.append_header(name, value);
    Ok(())
}

/// The nonce of this response's Content-Security-Policy, made by the server's middleware.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);
