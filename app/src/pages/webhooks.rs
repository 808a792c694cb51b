//! The organization's webhook endpoints (issue 22): add one (its signing secret shown once),
//! send it a test event, read its delivery log and redeliver, rotate its secret, remove it.

use crate::{
    api::webhooks::{
        CreateWebhook, RemoveWebhook, RotateWebhookSecret, SendTestWebhook, list_webhooks,
    },
    components::{
        Confirm, DataTable, ErrorAlert, FormAlert, NotAllowed, Notice, field_error, use_me,
    },
    i18n::{Fill, Strings, use_t},
    model::{Action, AppError, EventChoice, EventType, WebhookRow, WebhookSecret},
};
use leptos::prelude::*;
use leptos_meta::Title;

use super::webhook_log::DeliveryLog;

/// An event's name on the page.
pub fn event_label(t: &'static Strings, event: EventType) -> &'static str {
    let h = &t.hooks;
    match event {
        EventType::InvitationAccepted => h.ev_invitation_accepted,
        EventType::InvitationDeclined => h.ev_invitation_declined,
        EventType::InvitationExpired => h.ev_invitation_expired,
        EventType::RelationshipEndedByCustomer => h.ev_relationship_ended,
        EventType::DelegatedAdminRemoved => h.ev_delegated_admin_removed,
        EventType::PartnershipRemoved => h.ev_partnership_removed,
        EventType::SubscriptionCreated => h.ev_subscription_created,
        EventType::SubscriptionChanged => h.ev_subscription_changed,
        EventType::CustomerCreated => h.ev_customer_created,
        EventType::Test => h.ev_test,
    }
}

#[component]
pub fn WebhooksPage() -> impl IntoView {
    let t = use_t();
    view! {
        <Title text=t.hooks.title />
        <h1 id="page-title" tabindex="-1">
            {t.hooks.title}
        </h1>
        <Suspense fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match use_me().await {
                    Some(actor) if actor.may(Action::ManageWebhooks) => {
                        view! { <Endpoints /> }.into_any()
                    }
                    Some(actor) => {
                        view! { <NotAllowed actor action=Action::ManageWebhooks /> }.into_any()
                    }
                    None => ().into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the page asks to confirm: rotating or removing the endpoint `(id, url)`.
#[derive(Clone, PartialEq)]
enum Asking {
    Rotate(String, String),
    Remove(String, String),
}

#[component]
fn Endpoints() -> impl IntoView {
    let t = use_t();
    let create = ServerAction::<CreateWebhook>::new();
    let rotate = ServerAction::<RotateWebhookSecret>::new();
    let remove = ServerAction::<RemoveWebhook>::new();
    let test = ServerAction::<SendTestWebhook>::new();
    let endpoints = Resource::new(
        move || {
            (
                create.version().get(),
                rotate.version().get(),
                remove.version().get(),
                test.version().get(),
            )
        },
        |_| list_webhooks(),
    );
    let create_error = Signal::derive(move || create.value().get().and_then(Result::err));
    let events_error = field_error(create_error, "events");
    // The error of the last row action (a later one that worked clears it).
    let action_error = RwSignal::new(None::<AppError>);
    Effect::new(move |_| {
        if let Some(r) = rotate.value().get() {
            action_error.set(r.err());
        }
    });
    Effect::new(move |_| {
        if let Some(r) = remove.value().get() {
            action_error.set(r.err());
        }
    });
    Effect::new(move |_| {
        if let Some(r) = test.value().get() {
            action_error.set(r.err());
        }
    });
    // After an endpoint is added, the form is empty for the next one.
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(f)) = (create.value().get(), form.get_untracked()) {
            f.reset();
        }
    });
    // The secret's heading takes the focus when it appears, so that it is read out first.
    let secret_heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = secret_heading.get() {
            let _ = h.focus();
        }
    });
    // The secret to show once: the newest endpoint's or rotation's.
    let secret = RwSignal::new(None::<WebhookSecret>);
    Effect::new(move |_| {
        if let Some(Ok(s)) = create.value().get() {
            secret.set(Some(s));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(s)) = rotate.value().get() {
            secret.set(Some(s));
        }
    });
    let asking = RwSignal::new(None::<Asking>);
    // The last confirmation to show: a test sent or an endpoint removed, with its address.
    let tested = RwSignal::new(None::<String>);
    let removed = RwSignal::new(None::<(String, String)>);
    // The endpoint whose delivery log is open: (id, url).
    let log_of = RwSignal::new(None::<(String, String)>);
    // Once an endpoint is removed, so are its log and its secret, if shown (not before: if the
    // removal fails, the secret is still there to copy).
    Effect::new(move |_| {
        if let (Some(Ok(())), Some((gone, _))) = (remove.value().get(), removed.get_untracked()) {
            if log_of.get_untracked().is_some_and(|(l, _)| l == gone) {
                log_of.set(None);
            }
            if secret.get_untracked().is_some_and(|s| s.id == gone) {
                secret.set(None);
            }
        }
    });

    view! {
        <p class="lead">{t.hooks.lead}</p>
        <p class="hint">
            {t.hooks.signing} " " <a href="/api/docs" rel="external">
                "/api/docs"
            </a>
        </p>
        {move || {
            secret
                .get()
                .map(|s| {
                    view! {
                        <Notice>
                            <h2 tabindex="-1" node_ref=secret_heading>
                                {t.hooks.secret_title}
                            </h2>
                            <p>{t.hooks.secret_lead.fill("{url}", &s.url)}</p>
                            <dl class="facts secret">
                                <dt>{t.hooks.secret_label}</dt>
                                <dd>
                                    <code data-testid="webhook-secret">{s.secret}</code>
                                </dd>
                            </dl>
                        </Notice>
                    }
                })
        }}
        {move || {
            tested
                .get()
                .filter(|_| matches!(test.value().get(), Some(Ok(()))))
                .map(|url| view! { <Notice>{t.hooks.test_queued.fill("{url}", &url)}</Notice> })
        }}
        {move || {
            removed
                .get()
                .filter(|_| matches!(remove.value().get(), Some(Ok(()))))
                .map(|(_, url)| view! { <Notice>{t.hooks.removed.fill("{url}", &url)}</Notice> })
        }}
        {move || {
            asking
                .get()
                .map(|ask| {
                    let (title, text, yes, destructive) = match &ask {
                        Asking::Rotate(_, url) => {
                            (
                                t.hooks.rotate_title.fill("{url}", url),
                                t.hooks.rotate_text,
                                t.hooks.rotate,
                                false,
                            )
                        }
                        Asking::Remove(_, url) => {
                            (
                                t.hooks.remove_title.fill("{url}", url),
                                t.hooks.remove_text,
                                t.hooks.remove,
                                true,
                            )
                        }
                    };
                    view! {
                        <Confirm
                            title=title
                            paragraphs=vec![text.into()]
                            yes=yes.to_owned()
                            no=t.hooks.keep.to_owned()
                            destructive=destructive
                            on_yes=Callback::new(move |_| {
                                match &ask {
                                    Asking::Rotate(id, _) => {
                                        rotate
                                            .dispatch(RotateWebhookSecret {
                                                id: id.clone(),
                                            });
                                    }
                                    Asking::Remove(id, url) => {
                                        removed.set(Some((id.clone(), url.clone())));
                                        remove.dispatch(RemoveWebhook { id: id.clone() });
                                    }
                                }
                                asking.set(None);
                                crate::browser::focus("page-title");
                            })
                            on_cancel=Callback::new(move |_| asking.set(None))
                        />
                    }
                })
        }}
        <section class="card" aria-labelledby="add-endpoint-heading">
            <h2 id="add-endpoint-heading">{t.hooks.add_title}</h2>
            <FormAlert error=create_error />
            <ActionForm action=create node_ref=form attr:novalidate="" attr:class="form-grid">
                <crate::components::Field
                    label=t.hooks.url_label
                    name="url"
                    input_type="url"
                    inputmode="url"
                    autocomplete="off"
                    required=true
                    hint=t.hooks.url_hint
                    error=field_error(create_error, "url")
                />
                <fieldset
                    class="field choice"
                    class:field-invalid=move || events_error.get().is_some()
                    aria-describedby="webhook-events-hint webhook-events-err"
                >
                    <legend>{t.hooks.events_label}</legend>
                    <p class="hint" id="webhook-events-hint">
                        {t.hooks.events_hint}
                    </p>
                    {EventType::CHOSEN
                        .into_iter()
                        .map(|event| {
                            view! {
                                <label class="check">
                                    <input type="checkbox" name=EventChoice::field(event) />
                                    {event_label(t, event)}
                                </label>
                            }
                        })
                        .collect_view()}
                    <p
                        class="field-error"
                        id="webhook-events-err"
                        hidden=move || events_error.get().is_none()
                    >
                        {move || events_error.get().map(|c| t.error_code(c))}
                    </p>
                </fieldset>
                <button
                    type="submit"
                    class="button button-primary"
                    disabled=move || create.pending().get()
                >
                    {t.hooks.add_button}
                </button>
            </ActionForm>
        </section>
        <section aria-labelledby="endpoints-heading">
            <h2 id="endpoints-heading">{t.hooks.list_title}</h2>
            <FormAlert error=action_error />
            <Transition fallback=move || {
                view! { <p class="loading">{t.loading}</p> }
            }>
                {move || Suspend::new(async move {
                    match endpoints.await {
                        Ok(rows) if rows.is_empty() => {
                            view! { <p class="empty">{t.hooks.none}</p> }.into_any()
                        }
                        Ok(rows) => {
                            view! { <EndpointTable rows asking log_of test tested /> }.into_any()
                        }
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        {move || {
            log_of
                .get()
                .map(|(id, url)| {
                    let opener = log_button_id(&id);
                    view! {
                        <DeliveryLog
                            id
                            url
                            sent=test.version()
                            on_close=move || {
                                log_of.set(None);
                                crate::browser::focus(&opener);
                            }
                        />
                    }
                })
        }}
    }
}

#[component]
fn EndpointTable(
    rows: Vec<WebhookRow>,
    asking: RwSignal<Option<Asking>>,
    log_of: RwSignal<Option<(String, String)>>,
    test: ServerAction<SendTestWebhook>,
    tested: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <DataTable headers=vec![
            t.hooks.col_url,
            t.hooks.col_events,
            t.hooks.col_created,
            t.hooks.col_state,
            t.hooks.col_last_delivery,
            t.hooks.col_actions,
        ]>
            {rows
                .into_iter()
                .map(|row| {
                    let events = row
                        .events
                        .iter()
                        .map(|e| view! { <li>{event_label(t, *e)}</li> })
                        .collect_view();
                    let state = row
                        .failing_since
                        .as_ref()
                        .map_or_else(
                            || t.hooks.state_active.to_owned(),
                            |d| t.hooks.failing_since.fill("{date}", d),
                        );
                    let failing = row.failing_since.is_some();
                    let (id, url) = (row.id.clone(), row.url.clone());
                    let open = {
                        let id = id.clone();
                        Signal::derive(move || {
                            log_of.with(|log| log.as_ref().is_some_and(|(l, _)| *l == id))
                        })
                    };
                    view! {
                        <tr class:row-inactive=failing>
                            <th scope="row" class="break-all">
                                {row.url.clone()}
                            </th>
                            <td data-label=t.hooks.col_events>
                                <ul class="plain-list">{events}</ul>
                            </td>
                            <td data-label=t
                                .hooks
                                .col_created>
                                {row.created.clone()} " · " {row.created_by.clone()}
                            </td>
                            <td data-label=t.hooks.col_state>{state}</td>
                            <td data-label=t.hooks.col_last_delivery class="nowrap">
                                {row
                                    .last_delivery
                                    .clone()
                                    .unwrap_or_else(|| t.hooks.no_events_yet.to_owned())}
                            </td>
                            <td data-label=t.hooks.col_actions>
                                <div class="row-actions">
                                    {row_button(
                                        t.hooks.send_test,
                                        url.clone(),
                                        false,
                                        None,
                                        {
                                            let (id, url) = (id.clone(), url.clone());
                                            move || {
                                                tested.set(Some(url.clone()));
                                                test.dispatch(SendTestWebhook { id: id.clone() });
                                            }
                                        },
                                    )}
                                    {row_button(
                                        t.hooks.show_log,
                                        url.clone(),
                                        true,
                                        Some((log_button_id(&id), open)),
                                        {
                                            let (id, url) = (id.clone(), url.clone());
                                            move || {
                                                log_of
                                                    .set(
                                                        (!open.get_untracked()).then(|| (id.clone(), url.clone())),
                                                    )
                                            }
                                        },
                                    )}
                                    {row_button(
                                        t.hooks.rotate,
                                        url.clone(),
                                        true,
                                        None,
                                        {
                                            let (id, url) = (id.clone(), url.clone());
                                            move || {
                                                asking.set(Some(Asking::Rotate(id.clone(), url.clone())))
                                            }
                                        },
                                    )}
                                    {row_button(
                                        t.hooks.remove,
                                        url.clone(),
                                        true,
                                        None,
                                        {
                                            let (id, url) = (id.clone(), url.clone());
                                            move || {
                                                asking.set(Some(Asking::Remove(id.clone(), url.clone())))
                                            }
                                        },
                                    )}
                                </div>
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}

/// The id of the button that shows an endpoint's log (the focus returns to it when the log
/// closes).
fn log_button_id(endpoint: &str) -> String {
    format!("log-button-{endpoint}")
}

/// A row's action button: named for the action and the endpoint (screen readers list many).
/// `toggles`: for a button that shows and hides something, its element id and whether what it
/// shows is open.
fn row_button(
    label: &'static str,
    url: String,
    quiet: bool,
    toggles: Option<(String, Signal<bool>)>,
    on_click: impl Fn() + 'static,
) -> impl IntoView {
    let (dom_id, expanded) = toggles.unzip();
    view! {
        <button
            type="button"
            id=dom_id
            class="button button-small"
            class:button-quiet=quiet
            aria-label=format!("{label} – {url}")
            aria-expanded=move || expanded.map(|e| if e.get() { "true" } else { "false" })
            on:click=move |_| on_click()
        >
            {label}
        </button>
    }
}
