//! A confirmation that appears in place of the action, takes the focus, and says what will happen
//! before the user answers Yes or Cancel.

use crate::i18n::use_t;
use leptos::{html, prelude::*};

#[component]
pub fn Confirm(
    title: String,
    /// Paragraphs shown before the answer.
    paragraphs: Vec<std::borrow::Cow<'static, str>>,
    on_yes: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = use_t();
    let heading = NodeRef::<html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! {
        <div
            class="card confirm"
            role="alertdialog"
            aria-modal="false"
            aria-labelledby="confirm-title"
            aria-describedby="confirm-text"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    on_cancel.run(());
                }
            }
        >
            <h2 id="confirm-title" tabindex="-1" node_ref=heading>
                {title}
            </h2>
            <div id="confirm-text">
                {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            </div>
            <div class="button-row">
                <button
                    type="button"
                    class="button button-primary"
                    on:click=move |_| on_yes.run(())
                >
                    {t.yes}
                </button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>
                    {t.cancel}
                </button>
            </div>
        </div>
    }
}
