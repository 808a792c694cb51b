//! A confirmation as a real modal (`<dialog>` opened with `showModal`): it says what will happen,
//! its buttons say what they do ("Remove customer relationship" / "Keep the relationship"; W5's
//! seed names its button **Yes**), the focus stays inside while it is open (the rest of the page
//! is inert, and Tab wraps between its buttons), Escape answers "keep", and closing it gives the
//! focus back to the button that opened it (the caller may move it on after `on_yes`).

use crate::browser;
use leptos::{html, prelude::*};

const DIALOG: &str = "confirm-dialog";
const YES: &str = "confirm-yes";
const NO: &str = "confirm-no";

#[component]
pub fn Confirm(
    title: String,
    /// Paragraphs shown before the answer.
    paragraphs: Vec<std::borrow::Cow<'static, str>>,
    /// The button that acts, named for what it does.
    yes: String,
    /// The button that leaves things as they are, named for that.
    no: String,
    /// Whether the action removes or ends something (the button looks destructive).
    #[prop(optional)]
    destructive: bool,
    on_yes: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    // Made as the opener's click shows the dialog: the focus is still on the opener.
    let opener = StoredValue::new_local(browser::Focused::now());
    let heading = NodeRef::<html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            browser::modal(DIALOG, true);
            let _ = h.focus();
        }
    });
    let answer = move |yes: bool| {
        browser::modal(DIALOG, false);
        opener.with_value(browser::Focused::restore);
        if yes {
            on_yes.run(());
        } else {
            on_cancel.run(());
        }
    };
    let yes_class = if destructive {
        "button button-danger"
    } else {
        "button button-primary"
    };
    view! {
        <dialog
            id=DIALOG
            class="card confirm"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="confirm-title"
            aria-describedby="confirm-text"
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                answer(false);
            }
            on:keydown=move |ev| {
                if ev.key() != "Tab" {
                    return;
                }
                let at = browser::focused_id();
                let wrap_to = match (ev.shift_key(), at.as_deref()) {
                    (false, Some(NO)) => Some(YES),
                    (true, Some(YES) | Some("confirm-title")) => Some(NO),
                    _ => None,
                };
                if let Some(id) = wrap_to {
                    ev.prevent_default();
                    browser::focus(id);
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
                <button type="button" id=YES class=yes_class on:click=move |_| answer(true)>
                    {yes}
                </button>
                <button type="button" id=NO class="button" on:click=move |_| answer(false)>
                    {no}
                </button>
            </div>
        </dialog>
    }
}
