//! Messages above a form: errors (announced at once) and confirmations.

use crate::{i18n::use_t, model::AppError};
use leptos::prelude::*;

/// The error of the last submission, unless it is only about fields (those show at the fields,
/// with a short summary here so that a screen reader hears that something needs attention).
#[component]
pub fn FormAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_t();
    move || {
        error.get().map(|e| {
            view! {
                <div class="alert alert-error" role="alert">
                    {t.error(&e)}
                </div>
            }
        })
    }
}

/// A confirmation, announced politely.
#[component]
pub fn Notice(children: Children) -> impl IntoView {
    view! {
        <div class="alert alert-ok" role="status">
            {children()}
        </div>
    }
}
