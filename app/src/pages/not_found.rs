//! The page for an address with no page.

use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = use_t();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t.not_found_title />
        <main id="main" class="auth-page">
            <div class="card auth-card">
                <h1>{t.not_found_title}</h1>
                <p>{t.not_found_lead}</p>
                <p>
                    <a href="/">{t.go_home}</a>
                </p>
            </div>
        </main>
    }
}
