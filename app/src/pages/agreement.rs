//! The Customer Agreement a customer accepts before it accepts a reseller relationship. Public, so
//! that it can be read before signing in.

use crate::{i18n::use_t, model::customer::AGREEMENT_VERSION};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AgreementPage() -> impl IntoView {
    let t = use_t();
    view! {
        <Title text=t.agreement_title />
        <main id="main" class="page-public">
            <p class="brand brand-large">
                <a href="/" class="brand">
                    {t.app_name}
                </a>
            </p>
            <h1>{t.agreement_title}</h1>
            <p class="hint">{t.agreement_version.replace("{version}", AGREEMENT_VERSION)}</p>
            {t.agreement_paragraphs.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
        </main>
    }
}
