//! **Partners** (a customer's Global admin, W13): each reseller of record and each delegated
//! admin grant, since when; ending a relationship or removing a grant, each with confirmation; and
//! the pending requests addressed to the organization's users, which can be declined here.

use crate::{
    api::my_partners::{
        DeclineRequest, EndResellerRelationship, RemoveDelegatedAdmin, list_my_partners,
        list_pending_requests,
    },
    components::{Confirm, DataTable, ErrorAlert, FormAlert, Notice},
    i18n::{Fill, use_t},
    model::{AppError, CustomerPartnerRow, OrgId, PendingRequest},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What the confirmation is about.
#[derive(Clone)]
enum Ending {
    Relationship(OrgId, String),
    Grant(OrgId, String),
}

#[component]
pub fn PartnersPage() -> impl IntoView {
    let t = use_t();
    let query = use_query_map();
    let accepted = move || query.with(|q| q.get("accepted").is_some());
    let existing = move || query.with(|q| q.get("existing").is_some());
    let end = ServerAction::<EndResellerRelationship>::new();
    let remove = ServerAction::<RemoveDelegatedAdmin>::new();
    let decline = ServerAction::<DeclineRequest>::new();
    let partners = Resource::new(
        move || {
            (
                end.version().get(),
                remove.version().get(),
                decline.version().get(),
            )
        },
        |_| list_my_partners(),
    );
    let pending = Resource::new(move || decline.version().get(), |_| list_pending_requests());
    let confirming = RwSignal::new(None::<Ending>);
    // The outcome of the last action: a notice, or its error.
    let done = RwSignal::new(None::<&'static str>);
    let last_error = RwSignal::new(None::<AppError>);
    let outcome = move |value: Option<Result<(), AppError>>, text: &'static str| match value {
        Some(Ok(())) => {
            last_error.set(None);
            done.set(Some(text));
        }
        Some(Err(e)) => {
            done.set(None);
            last_error.set(Some(e));
        }
        None => {}
    };
    Effect::new(move |_| outcome(end.value().get(), t.relationship_ended));
    Effect::new(move |_| outcome(remove.value().get(), t.grant_removed));
    Effect::new(move |_| {
        let value = decline.value().get();
        let declined = matches!(value, Some(Ok(())));
        outcome(value, t.request_declined_ok);
        if declined {
            // The row is gone: the focus goes to its section.
            crate::browser::focus("pending-heading");
        }
    });
    let error: Signal<Option<AppError>> = last_error.into();
    view! {
        <Title text=t.partners_title />
        <h1 id="page-title" tabindex="-1">
            {t.partners_title}
        </h1>
        <p class="lead">{t.partners_lead}</p>
        {move || {
            (accepted() && done.get().is_none())
                .then(|| {
                    view! {
                        <Notice>
                            {t.accepted_notice} {existing().then_some(" ")}
                            {existing().then_some(t.accepted_existing)}
                        </Notice>
                    }
                })
        }}
        {move || done.get().map(|text| view! { <Notice>{text}</Notice> })}
        <FormAlert error />
        {move || {
            confirming
                .get()
                .map(|what| {
                    let (title, text, yes, no) = match &what {
                        Ending::Relationship(_, name) => {
                            (
                                t.end_relationship_title.fill("{name}", name),
                                t.end_relationship_text.fill("{name}", name),
                                t.end_relationship,
                                t.keep_relationship,
                            )
                        }
                        Ending::Grant(_, name) => {
                            (
                                t.remove_grant_title.fill("{name}", name),
                                t.remove_grant_text.fill("{name}", name),
                                t.remove_grant,
                                t.keep_permissions,
                            )
                        }
                    };
                    // Keeping gives the focus back to the button that asked (the dialog does).
                    view! {
                        <Confirm
                            title
                            paragraphs=vec![text.into()]
                            yes=yes.to_owned()
                            no=no.to_owned()
                            destructive=true
                            on_yes=Callback::new(move |_| {
                                match &what {
                                    Ending::Relationship(id, _) => {
                                        end.dispatch(EndResellerRelationship {
                                            partner_id: *id,
                                        });
                                    }
                                    Ending::Grant(id, _) => {
                                        remove
                                            .dispatch(RemoveDelegatedAdmin {
                                                partner_id: *id,
                                            });
                                    }
                                }
                                confirming.set(None);
                                crate::browser::focus("page-title");
                            })
                            on_cancel=Callback::new(move |_| confirming.set(None))
                        />
                    }
                })
        }}
        <Transition fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match partners.await {
                    Ok(rows) if rows.is_empty() => {
                        view! { <p class="empty">{t.no_partners}</p> }.into_any()
                    }
                    Ok(rows) => view! { <PartnerTable rows confirming /> }.into_any(),
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                }
            })}
        </Transition>
        <section aria-labelledby="pending-heading" class="section-divided">
            <h2 id="pending-heading" tabindex="-1">
                {t.pending_requests}
            </h2>
            <p class="hint">{t.pending_lead}</p>
            <Transition fallback=move || {
                view! { <p class="loading">{t.loading}</p> }
            }>
                {move || Suspend::new(async move {
                    match pending.await {
                        Ok(rows) if rows.is_empty() => {
                            view! { <p class="empty">{t.no_pending}</p> }.into_any()
                        }
                        Ok(rows) => view! { <PendingTable rows decline /> }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn PartnerTable(
    rows: Vec<CustomerPartnerRow>,
    confirming: RwSignal<Option<Ending>>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <DataTable headers=vec![
            t.name,
            t.kind,
            t.mpn_id,
            t.country,
            t.reseller_of_record,
            t.delegated_admin_permissions,
            t.actions,
        ]>
            {rows
                .into_iter()
                .map(|r| {
                    let (id, name) = (r.org_id, r.name.clone());
                    let name2 = name.clone();
                    let has_relationship = r.relationship_since.is_some();
                    let has_grant = r.grant_since.is_some();
                    view! {
                        <tr>
                            <th scope="row">{r.name.clone()}</th>
                            <td data-label=t.kind>{t.kind(r.kind)}</td>
                            <td data-label=t.mpn_id>{r.mpn_id.clone()}</td>
                            <td data-label=t.country>{r.country.clone()}</td>
                            <td data-label=t
                                .reseller_of_record>
                                {match &r.relationship_since {
                                    Some(d) => t.since_date.replace("{date}", d),
                                    None => t.relationship_ended_word.to_owned(),
                                }}
                            </td>
                            <td data-label=t
                                .delegated_admin_permissions>
                                {match &r.grant_since {
                                    Some(d) => t.granted_since.replace("{date}", d),
                                    None => t.not_granted.to_owned(),
                                }}
                            </td>
                            <td data-label=t.actions>
                                <div class="cell-actions">
                                    {has_relationship
                                        .then(|| {
                                            let label = format!("{} — {}", t.end_relationship, name);
                                            view! {
                                                <button
                                                    type="button"
                                                    id=format!("end-{id}")
                                                    class="button button-small button-quiet"
                                                    aria-label=label
                                                    on:click=move |_| {
                                                        confirming.set(Some(Ending::Relationship(id, name.clone())))
                                                    }
                                                >
                                                    {t.end_relationship}
                                                </button>
                                            }
                                        })}
                                    {has_grant
                                        .then(|| {
                                            let label = format!("{} — {}", t.remove_grant, name2);
                                            view! {
                                                <button
                                                    type="button"
                                                    id=format!("grant-{id}")
                                                    class="button button-small button-quiet"
                                                    aria-label=label
                                                    on:click=move |_| {
                                                        confirming.set(Some(Ending::Grant(id, name2.clone())))
                                                    }
                                                >
                                                    {t.remove_grant}
                                                </button>
                                            }
                                        })}
                                </div>
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}

#[component]
fn PendingTable(rows: Vec<PendingRequest>, decline: ServerAction<DeclineRequest>) -> impl IntoView {
    let t = use_t();
    view! {
        <DataTable headers=vec![
            t.from_word,
            t.request,
            t.delegated_admin_asked,
            t.recipient,
            t.expires,
            t.actions,
        ]>
            {rows
                .into_iter()
                .map(|r| {
                    let from = r
                        .from
                        .iter()
                        .map(|o| o.name.clone())
                        .collect::<Vec<_>>()
                        .join(" · ");
                    let label = format!("{} — {}", t.decline, from);
                    let id = r.id.clone();
                    view! {
                        <tr>
                            <th scope="row">{from.clone()}</th>
                            <td data-label=t.request>{t.invitation_kind(r.kind)}</td>
                            <td data-label=t
                                .delegated_admin_asked>
                                {if r.ask_delegated_admin { t.yes_word } else { t.no_word }}
                            </td>
                            <td data-label=t.recipient>{r.recipient.clone()}</td>
                            <td data-label=t.expires>{r.expires.clone()}</td>
                            <td data-label=t.actions>
                                <button
                                    type="button"
                                    class="button button-small"
                                    aria-label=label
                                    disabled=move || decline.pending().get()
                                    on:click=move |_| {
                                        decline.dispatch(DeclineRequest { id: id.clone() });
                                    }
                                >
                                    {t.decline}
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}
