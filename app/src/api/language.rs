//! The language switch: a plain form on every page (it works before the wasm has loaded), posted
//! here. The choice is kept in a cookie for anyone, and on the user when someone is signed in.

use crate::model::AppError;
#[cfg(feature = "ssr")]
use crate::model::Locale;
use leptos::prelude::*;

/// Remembers `lang` (an unknown tag keeps the language the page had) and goes back to `back`,
/// a path on this site.
#[server(endpoint = "set_language")]
pub async fn set_language(
    lang: String,
    #[server(default)] back: Option<String>,
) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let locale = Locale::from_tag(&lang).unwrap_or(ctx.locale);
    if ctx.actor.is_some() {
        super::finish(ports.session.set_language(&ctx, locale).await)?;
    }
    super::set_header(
        http::header::SET_COOKIE,
        &cookie(locale, ctx.secure_cookies),
    )?;
    leptos_axum::redirect(super::session::local_path(back.as_deref()));
    Ok(())
}

/// The `Set-Cookie` value that remembers a language for a year (readable by the page's scripts:
/// it holds nothing secret).
#[cfg(feature = "ssr")]
pub fn cookie(locale: Locale, secure: bool) -> String {
    format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax{}",
        crate::model::locale::COOKIE_NAME,
        locale.tag(),
        if secure { "; Secure" } else { "" }
    )
}
