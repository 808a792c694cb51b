//! **Indirect providers** (reseller): the providers this reseller is partnered with, each with
//! **Invite new customers** (a joint invite, W7).

use crate::{
    api::partnerships::list_providers,
    components::{DataTable, ErrorAlert, Flash, Notice, use_me},
    i18n::use_t,
    model::Action,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn ProvidersPage() -> impl IntoView {
    let t = use_t();
    let providers = Resource::new(|| (), |_| list_providers());
    // Where accepting a partnership request leads (`routes::after_answer`).
    let query = use_query_map();
    let accepted = move || query.with(|q| q.get("accepted").is_some());
    let flash = Flash::for_path("/indirect-providers");
    view! {
        <Title text=t.menu_indirect_providers />
        <h1>{t.menu_indirect_providers}</h1>
        {move || accepted().then(|| view! { <Notice>{t.partnership_accepted_notice}</Notice> })}
        {move || flash.get().map(|text| view! { <Notice>{text}</Notice> })}
        <p class="lead">{t.providers_lead}</p>
        <Transition fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                let rows = providers.await;
                let may_invite = use_me().await.is_some_and(|a| a.may(Action::InviteJointly));
                match rows {
                    Ok(rows) if rows.is_empty() => {
                        view! {
                            <p class="empty">
                                {t.no_providers} " " <a href="/directory">{t.menu_directory}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Ok(rows) => {
                        view! {
                            <DataTable headers=vec![
                                t.name,
                                t.mpn_id,
                                t.country,
                                t.since,
                                t.actions,
                            ]>
                                {rows
                                    .into_iter()
                                    .map(|r| {
                                        view! {
                                            <tr>
                                                <th scope="row">{r.name.clone()}</th>
                                                <td data-label=t.mpn_id>{r.mpn_id}</td>
                                                <td data-label=t.country>{r.country}</td>
                                                <td data-label=t.since>{r.since}</td>
                                                <td data-label=t
                                                    .actions>
                                                    {may_invite
                                                        .then(|| {
                                                            let href = format!(
                                                                "/indirect-providers/{}/invite-customers",
                                                                r.org_id,
                                                            );
                                                            let label = format!(
                                                                "{} — {}",
                                                                t.invite_new_customers,
                                                                r.name,
                                                            );
                                                            view! {
                                                                <A
                                                                    href=href
                                                                    attr:class="button button-small"
                                                                    attr:aria-label=label
                                                                >
                                                                    {t.invite_new_customers}
                                                                </A>
                                                            }
                                                        })}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </DataTable>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}
