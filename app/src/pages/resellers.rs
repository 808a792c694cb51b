//! **Indirect resellers** (provider): the partnered resellers, **Request a partnership** (which
//! creates the request and shows its draft email) and **Remove partnership** with confirmation.

use crate::{
    api::{
        invitations::recipient_saver,
        partnerships::{RemovePartnership, RequestPartnership, list_resellers},
    },
    components::{Confirm, DataTable, DraftEmail, ErrorAlert, Flash, FormAlert, Notice, use_me},
    i18n::{Fill, use_t},
    model::{Action, OrgId, PartnerRow, policy},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ResellersPage() -> impl IntoView {
    let t = use_t();
    let request = ServerAction::<RequestPartnership>::new();
    let remove = ServerAction::<RemovePartnership>::new();
    let resellers = Resource::new(move || remove.version().get(), |_| list_resellers());
    let draft = RwSignal::new(None);
    Effect::new(move |_| {
        if let Some(Ok(d)) = request.value().get() {
            draft.set(Some(d));
        }
    });
    let request_error = Signal::derive(move || request.value().get().and_then(Result::err));
    let remove_error = Signal::derive(move || remove.value().get().and_then(Result::err));
    let removed = Signal::derive(move || matches!(remove.value().get(), Some(Ok(()))));
    let confirming = RwSignal::new(None::<(OrgId, String)>);
    let flash = Flash::for_path("/indirect-resellers");

    view! {
        <Title text=t.menu_indirect_resellers />
        <h1 id="page-title" tabindex="-1">
            {t.menu_indirect_resellers}
        </h1>
        {move || flash.get().map(|text| view! { <Notice>{text}</Notice> })}
        {move || match draft.get() {
            Some(d) => {
                view! {
                    <DraftEmail
                        save_recipient=recipient_saver(d.invitation_id.clone())
                        draft=d
                        on_done=Callback::new(move |_| {
                            Flash::set("/indirect-resellers", t.draft_saved.to_owned());
                            draft.set(None);
                            request.value().set(None);
                            crate::browser::focus("page-title");
                        })
                    />
                }
                    .into_any()
            }
            None => {
                view! {
                    <p class="lead">{t.resellers_lead}</p>
                    <FormAlert error=request_error />
                    <FormAlert error=remove_error />
                    {move || {
                        removed.get().then(|| view! { <Notice>{t.partnership_removed}</Notice> })
                    }}
                    <Suspense>
                        {move || Suspend::new(async move {
                            use_me()
                                .await
                                .map(|a| {
                                    if a.may(Action::RequestPartnership) {
                                        view! {
                                            <ActionForm action=request attr:class="page-actions">
                                                <button
                                                    type="submit"
                                                    class="button button-primary"
                                                    disabled=move || request.pending().get()
                                                >
                                                    {t.request_partnership}
                                                </button>
                                            </ActionForm>
                                        }
                                            .into_any()
                                    } else {
                                        let roles = policy::roles_for(
                                            a.org_kind,
                                            Action::RequestPartnership,
                                        );
                                        view! {
                                            <p class="hint">
                                                {t.request_partnership} ": " {t.needs_roles_text(roles)}
                                            </p>
                                        }
                                            .into_any()
                                    }
                                })
                        })}
                    </Suspense>
                    {move || {
                        confirming
                            .get()
                            .map(|(id, name)| {
                                view! {
                                    <Confirm
                                        title=t.remove_title.fill("{name}", &name)
                                        paragraphs=vec![
                                            t.remove_keeps.into(),
                                            t.remove_representation.into(),
                                            t.remove_notice.into(),
                                        ]
                                        yes=t.yes.to_owned()
                                        no=t.keep_partnership.to_owned()
                                        destructive=true
                                        on_yes=Callback::new(move |_| {
                                            remove
                                                .dispatch(RemovePartnership {
                                                    reseller_id: id,
                                                });
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
                            let rows = resellers.await;
                            let me = use_me().await;
                            let may_remove = me
                                .as_ref()
                                .is_some_and(|a| a.may(Action::RemovePartnership));
                            let may_order = me.as_ref().is_some_and(|a| a.may(Action::PlaceOrders));
                            match rows {
                                Ok(rows) if rows.is_empty() => {
                                    view! { <p class="empty">{t.no_resellers}</p> }.into_any()
                                }
                                Ok(rows) => {
                                    view! { <ResellerTable rows may_remove may_order confirming /> }
                                        .into_any()
                                }
                                Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            }
                        })}
                    </Transition>
                }
                    .into_any()
            }
        }}
    }
}

#[component]
fn ResellerTable(
    rows: Vec<PartnerRow>,
    may_remove: bool,
    may_order: bool,
    confirming: RwSignal<Option<(OrgId, String)>>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <DataTable headers=vec![
            t.name,
            t.mpn_id,
            t.country,
            t.since,
            t.shared_customers,
            t.actions,
        ]>
            {rows
                .into_iter()
                .map(|r| {
                    let (id, name) = (r.org_id, r.name.clone());
                    let customers_href = format!(
                        "/customers?reseller={}",
                        crate::browser::encode_component(&r.mpn_id),
                    );
                    let customers_label = t.sales.customers_of_label.fill("{name}", &r.name);
                    let add = may_order
                        .then(|| {
                            let label = t.sales.add_new_customer_for.fill("{name}", &r.name);
                            view! {
                                <a
                                    href=format!("/customers/new?reseller={id}")
                                    class="button button-small button-primary"
                                    aria-label=label
                                >
                                    {t.sales.add_new_customer}
                                </a>
                            }
                        });
                    view! {
                        <tr>
                            <th scope="row">{r.name.clone()}</th>
                            <td data-label=t.mpn_id>{r.mpn_id.clone()}</td>
                            <td data-label=t.country>{r.country.clone()}</td>
                            <td data-label=t.since>{r.since.clone()}</td>
                            <td data-label=t.shared_customers>
                                <a href=customers_href aria-label=customers_label>
                                    {r.shared_customers}
                                </a>
                            </td>
                            <td data-label=t.actions class="row-actions">
                                {add}
                                {may_remove
                                    .then(|| {
                                        let label = format!("{} {}", t.remove_partnership, name);
                                        view! {
                                            <button
                                                type="button"
                                                class="button button-small button-quiet"
                                                aria-label=label
                                                on:click=move |_| confirming.set(Some((id, name.clone())))
                                            >
                                                {t.remove_partnership}
                                            </button>
                                        }
                                    })}
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}
