//! The draft email of a request: recipient, subject and body with the personalized link, all
//! editable; Open in email (a mailto: link), Copy to clipboard (the message), Copy the link only,
//! Done. Warns when the edited text has lost the link.

use crate::{
    browser,
    components::field_error,
    i18n::use_t,
    model::{AppError, Draft, Locale},
};
use leptos::prelude::*;

#[component]
pub fn DraftEmail(
    draft: Draft,
    /// The heading of the draft page (for example **New relationship**).
    #[prop(optional)]
    heading: Option<&'static str>,
    /// Called by Done.
    on_done: Callback<()>,
    /// Keeps the To address with the request (`api::invitations::recipient_saver`).
    save_recipient: Action<String, Result<(), AppError>>,
) -> impl IntoView {
    let t = use_t();
    let link = draft.link.clone();
    let to = RwSignal::new(draft.to.clone());
    let subject = RwSignal::new(draft.subject.clone());
    let body = RwSignal::new(draft.body.clone());
    // Choosing another language replaces the subject and the message with that language's.
    let languages = draft.languages.clone();
    let own = draft.locale;
    let choose_language = move |ev: leptos::ev::Event| {
        let tag = event_target_value(&ev);
        if let Some(text) =
            Locale::from_tag(&tag).and_then(|l| languages.iter().find(|d| d.locale == l))
        {
            subject.set(text.subject.clone());
            body.set(text.body.clone());
        }
    };
    // What was last copied (the link alone or the whole message), and whether the browser let it.
    let copy_state = RwSignal::new(None::<(bool, bool)>);
    // Set once the user was warned; the next Done or Open in email goes ahead.
    let warned = RwSignal::new(false);
    let link_missing = Signal::derive({
        let link = link.clone();
        move || body.with(|b| !b.contains(&link))
    });
    let href = move || browser::mailto(&to.get(), &subject.get(), &body.get());
    let copy = {
        let link = link.clone();
        move |link_only: bool| {
            let text = if link_only {
                link.clone()
            } else {
                format!("{}\n\n{}", subject.get_untracked(), body.get_untracked())
            };
            leptos::task::spawn_local(async move {
                copy_state.set(Some((link_only, browser::copy_text(&text).await)));
            });
        }
    };
    // The To address is kept with the request (the Invitations page shows it) when the user
    // finishes with Done or Open in email; Done waits for it to be saved.
    let save_to = save_recipient;
    let to_error = field_error(
        Signal::derive(move || save_to.value().get().and_then(Result::err)),
        "to",
    );
    let closing = RwSignal::new(false);
    let save_recipient = move || {
        let email = to.get_untracked().trim().to_owned();
        let changed = email != draft.to;
        if !email.is_empty() && changed {
            save_to.dispatch(email);
            true
        } else {
            false
        }
    };
    Effect::new(move |_| {
        if closing.get() && matches!(save_to.value().get(), Some(Ok(()))) {
            on_done.run(());
        }
    });
    Effect::new(move |_| browser::focus("draft-heading"));
    // The first press with the link missing only warns (the warning is already on screen).
    let guard = move |ev: leptos::ev::MouseEvent| {
        if link_missing.get_untracked() && !warned.get_untracked() {
            ev.prevent_default();
            warned.set(true);
            false
        } else {
            true
        }
    };

    view! {
        <section class="card draft" aria-labelledby="draft-heading">
            <h2 id="draft-heading" tabindex="-1">
                {heading.unwrap_or(t.draft_title)}
            </h2>
            <p class="lead">{t.draft_lead}</p>
            <p class="hint">{t.personal_link} ": " <code class="link">{link.clone()}</code></p>
            <div class="field">
                <label for="draft-to">{t.draft_to}</label>
                <p class="hint" id="draft-to-hint">
                    {t.draft_to_hint}
                </p>
                <input
                    id="draft-to"
                    type="email"
                    autocomplete="off"
                    aria-describedby="draft-to-hint draft-to-err"
                    aria-invalid=move || to_error.get().is_some().then_some("true")
                    prop:value=move || to.get()
                    on:input=move |ev| to.set(event_target_value(&ev))
                />
                <p class="field-error" id="draft-to-err" hidden=move || to_error.get().is_none()>
                    {move || to_error.get().map(|c| t.error_code(c))}
                </p>
            </div>
            <div class="field">
                <label for="draft-language">{t.draft_language}</label>
                <select id="draft-language" on:change=choose_language>
                    {Locale::ALL
                        .map(|l| {
                            view! {
                                <option value=l.tag() lang=l.tag() selected=l == own>
                                    {l.native_name()}
                                </option>
                            }
                        })}
                </select>
            </div>
            <div class="field">
                <label for="draft-subject">{t.draft_subject}</label>
                <input
                    id="draft-subject"
                    type="text"
                    prop:value=move || subject.get()
                    on:input=move |ev| subject.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="draft-body">{t.draft_message}</label>
                <textarea
                    id="draft-body"
                    rows="14"
                    prop:value=move || body.get()
                    on:input=move |ev| {
                        body.set(event_target_value(&ev));
                        warned.set(false);
                    }
                >
                    {draft.body.clone()}
                </textarea>
            </div>
            <div role="alert" class="alert alert-error" hidden=move || !link_missing.get()>
                <p>{t.link_missing}</p>
                <p hidden=move || !warned.get()>{t.link_missing_again}</p>
            </div>
            <p role="status" class="copy-status">
                {move || match copy_state.get() {
                    Some((false, true)) => t.copied,
                    Some((true, true)) => t.link_copied,
                    Some((_, false)) => t.copy_failed,
                    None => "",
                }}
            </p>
            <div class="button-row">
                <a
                    class="button button-primary"
                    href=href
                    on:click={
                        let save_recipient = save_recipient.clone();
                        move |ev| {
                            if guard(ev) {
                                save_recipient();
                            }
                        }
                    }
                >
                    {t.open_in_email}
                </a>
                <button
                    type="button"
                    class="button"
                    on:click={
                        let copy = copy.clone();
                        move |_| copy(false)
                    }
                >
                    {t.copy_to_clipboard}
                </button>
                <button type="button" class="button" on:click=move |_| copy(true)>
                    {t.copy_link}
                </button>
                <button
                    type="button"
                    class="button"
                    on:click=move |ev| {
                        if guard(ev) {
                            if save_recipient() {
                                closing.set(true);
                            } else {
                                on_done.run(());
                            }
                        }
                    }
                >
                    {t.done}
                </button>
            </div>
        </section>
    }
}
