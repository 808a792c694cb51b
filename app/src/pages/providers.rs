//! **Indirect providers** (reseller): the providers this reseller is partnered with.

use crate::{
    api::partnerships::list_providers,
    components::{DataTable, ErrorAlert},
    i18n::use_t,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ProvidersPage() -> impl IntoView {
    let t = use_t();
    let providers = Resource::new(|| (), |_| list_providers());
    view! {
        <Title text=t.menu_indirect_providers />
        <h1>{t.menu_indirect_providers}</h1>
        <p class="lead">{t.providers_lead}</p>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match providers.await {
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
                            <DataTable headers=vec![t.name, t.mpn_id, t.country, t.since]>
                                        {rows
                                            .into_iter()
                                            .map(|r| {
                                                view! {
                                                    <tr>
                                                        <th scope="row">{r.name}</th>
                                                        <td>{r.mpn_id}</td>
                                                        <td>{r.country}</td>
                                                        <td>{r.since}</td>
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
