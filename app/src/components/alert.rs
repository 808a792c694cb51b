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

/// A page the signed-in actor may not use: which roles of its organization's kind would allow
/// `action`.
#[component]
pub fn NotAllowed(actor: crate::model::Actor, action: crate::model::Action) -> impl IntoView {
    let t = use_t();
    let roles = crate::model::policy::roles_for(actor.org_kind, action);
    view! {
        <section class="card refusal" role="alert">
            <h2>{t.not_allowed_title}</h2>
            <p>{t.needs_roles_text(roles)}</p>
        </section>
    }
}

/// A message for the page a client-side navigation leads to (for example "removed" after the
/// record it was about is gone): the path it is for, and the text. Kept in memory, not in the URL,
/// so that a crafted link cannot show a false confirmation; the shell drops it once the user goes
/// to another page.
#[derive(Clone, Copy)]
pub struct Flash(pub RwSignal<Option<(String, String)>>);

impl Flash {
    /// Leaves `text` for the page at `path`.
    pub fn set(path: &str, text: String) {
        if let Some(f) = use_context::<Flash>() {
            f.0.set(Some((path.to_owned(), text)));
        }
    }

    /// The message for the page at `path`, if there is one.
    pub fn for_path(path: &'static str) -> Signal<Option<String>> {
        let flash = use_context::<Flash>();
        Signal::derive(move || {
            flash.and_then(|f| {
                f.0.with(|m| {
                    m.as_ref()
                        .filter(|(p, _)| p == path)
                        .map(|(_, t)| t.clone())
                })
            })
        })
    }

    /// The message for a page whose path is known only at run time.
    pub fn for_owned_path(path: String) -> Signal<Option<String>> {
        let flash = use_context::<Flash>();
        Signal::derive(move || {
            flash.and_then(|f| {
                f.0.with(|m| {
                    m.as_ref()
                        .filter(|(p, _)| *p == path)
                        .map(|(_, t)| t.clone())
                })
            })
        })
    }

    /// Drops a message meant for another page than `path` (the shell calls it on navigation).
    pub fn keep_only_for(path: &str) {
        if let Some(f) = use_context::<Flash>()
            && f.0
                .with_untracked(|m| m.as_ref().is_some_and(|(p, _)| p != path))
        {
            f.0.set(None);
        }
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
