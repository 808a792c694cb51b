//! Sign-in: a plain form post, so that it works before the wasm has loaded.

use crate::{
    api::session::SignIn,
    components::{Field, FormAlert, SessionEpoch},
    i18n::use_t,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_t();
    view! {
        <Title text=t.sign_in_title />
        <main id="main" class="auth-page">
            <div class="card auth-card">
                <p class="brand brand-large">{t.app_name}</p>
                <h1>{t.sign_in_title}</h1>
                <p class="lead">{t.sign_in_lead}</p>
                <SignInForm />
                <p class="switch">{t.no_account} " " <a href="/enroll">{t.enroll_link}</a></p>
            </div>
        </main>
    }
}

/// The sign-in form; `next` is where to go afterwards (a path on this site).
#[component]
pub fn SignInForm(#[prop(optional, into)] next: Option<String>) -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<SignIn>::new();
    SessionEpoch::follow(move || matches!(action.value().get(), Some(Ok(_))));
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <FormAlert error />
        <ActionForm action attr:novalidate="">
            {next.map(|n| view! { <input type="hidden" name="next" value=n /> })}
            <Field
                label=t.email
                name="email"
                input_type="email"
                autocomplete="email"
                required=true
            />
            <Field
                label=t.password
                name="password"
                input_type="password"
                autocomplete="current-password"
                required=true
            />
            <button
                type="submit"
                class="button button-primary"
                disabled=move || action.pending().get()
            >
                {t.sign_in}
            </button>
        </ActionForm>
    }
}
