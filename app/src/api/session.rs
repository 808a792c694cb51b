//! Enrollment, sign-in, sign-out and the signed-in user's own settings.

use crate::model::{Actor, AppError};
use leptos::prelude::*;

/// What enrolling a partner needs, as typed.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct EnrollForm {
    pub kind: String,
    pub legal_name: String,
    pub country: String,
    pub cloud: String,
    pub mpn_id: String,
    pub name: String,
    pub email: String,
    pub password: String,
    pub time_zone: String,
}

/// What creating a customer organization from an invitation link needs, as typed.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct CustomerEnrollForm {
    pub legal_name: String,
    pub country: String,
    pub cloud: String,
    /// The first label of the primary domain; the tenant suffix is the instance's.
    pub domain_prefix: String,
    pub name: String,
    pub email: String,
    pub password: String,
    pub time_zone: String,
}

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait SessionPort: Send + Sync {
    /// Creates a customer organization and its first Global admin from a pending customer request
    /// (`token` is the link's), and signs them in: the new session's token.
    async fn enroll_customer(
        &self,
        ctx: &super::RequestCtx,
        token: String,
        form: CustomerEnrollForm,
    ) -> Result<String, AppError>;
    /// Creates the organization and its first user (a Global admin) and signs them in: the new
    /// session's token.
    async fn enroll(&self, ctx: &super::RequestCtx, form: EnrollForm) -> Result<String, AppError>;
    /// Checks the credentials (throttled) and starts a new session: its token.
    async fn sign_in(
        &self,
        ctx: &super::RequestCtx,
        email: String,
        password: String,
    ) -> Result<String, AppError>;
    /// Ends the session.
    async fn sign_out(&self, ctx: &super::RequestCtx) -> Result<(), AppError>;
    async fn change_password(
        &self,
        ctx: &super::RequestCtx,
        current: String,
        new: String,
        repeat: String,
    ) -> Result<(), AppError>;
    async fn set_time_zone(
        &self,
        ctx: &super::RequestCtx,
        time_zone: String,
    ) -> Result<(), AppError>;
    /// Stores the signed-in user's language, so it follows them to another browser.
    async fn set_language(
        &self,
        ctx: &super::RequestCtx,
        locale: crate::model::Locale,
    ) -> Result<(), AppError>;
}

/// The signed-in user with the bell's count, or none.
#[server(endpoint = "current_user")]
pub async fn current_user() -> Result<Option<Actor>, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let unread = ports.notifications.unread(&ctx).await?;
    Ok(ctx.actor.map(|actor| Actor { unread, ..actor }))
}

/// `next` is where to go afterwards (for example back to an invitation); only a path on this site.
#[server(endpoint = "enroll")]
pub async fn enroll(
    form: EnrollForm,
    #[server(default)] next: Option<String>,
) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let result = ports.session.enroll(&ctx, form).await;
    signed_in(
        &set_cookie(&super::finish(result)?, ctx.secure_cookies),
        local_path(next.as_deref()),
    )
}

/// Creates the customer organization on the spot, from the link's page; back to the link after.
#[server(endpoint = "enroll_customer")]
pub async fn enroll_customer(
    token: String,
    form: CustomerEnrollForm,
    #[server(default)] next: Option<String>,
) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let result = ports.session.enroll_customer(&ctx, token, form).await;
    signed_in(
        &set_cookie(&super::finish(result)?, ctx.secure_cookies),
        local_path(next.as_deref()),
    )
}

#[server(endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    #[server(default)] next: Option<String>,
) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let result = ports.session.sign_in(&ctx, email, password).await;
    // A user with a temporary password is sent on to change it by the shell's guard.
    signed_in(
        &set_cookie(&super::finish(result)?, ctx.secure_cookies),
        local_path(next.as_deref()),
    )
}

/// A path on this site, or `/`: never another site (`//evil.example`, `https://…`, `/\\evil`).
pub fn local_path(next: Option<&str>) -> &str {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && !p.chars().any(char::is_control) =>
        {
            p
        }
        _ => "/",
    }
}

#[server(endpoint = "sign_out")]
pub async fn sign_out(#[server(default)] next: Option<String>) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.session.sign_out(&ctx).await)?;
    signed_in(
        &clear_cookie(ctx.secure_cookies),
        if next.is_some() {
            local_path(next.as_deref())
        } else {
            "/sign-in"
        },
    )
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    repeat_password: String,
) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let result = ports
        .session
        .change_password(&ctx, current_password, new_password, repeat_password)
        .await;
    super::finish(result)
}

#[server(endpoint = "set_time_zone")]
pub async fn set_time_zone(time_zone: String) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.session.set_time_zone(&ctx, time_zone).await)
}

/// The session cookie's name (the session middleware reads it).
pub const COOKIE_NAME: &str = "tierlink_session";

/// The `Set-Cookie` value of a new session: HttpOnly, SameSite=Lax, and Secure behind https.
#[cfg(feature = "ssr")]
pub fn set_cookie(token: &str, secure: bool) -> String {
    format!(
        "{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that clears the session cookie.
#[cfg(feature = "ssr")]
pub fn clear_cookie(secure: bool) -> String {
    format!(
        "{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Sets the session cookie and sends the browser on.
#[cfg(feature = "ssr")]
fn signed_in(cookie: &str, to: &str) -> Result<(), AppError> {
    super::set_header(http::header::SET_COOKIE, cookie)?;
    leptos_axum::redirect(to);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[cfg(feature = "ssr")]
    #[test]
    fn cookie_attributes() {
        use super::{clear_cookie, set_cookie};
        let c = set_cookie("t", true);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.ends_with("; Secure"));
        assert!(!set_cookie("t", false).contains("Secure"));
        assert!(clear_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(local_path(Some("/invite/abc")), "/invite/abc");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "evil",
            "/a\nb",
        ] {
            assert_eq!(local_path(Some(bad)), "/", "{bad}");
        }
        assert_eq!(local_path(None), "/");
    }
}
