//! The activity log: newest first, a page at a time.

use crate::{
    api::activity::list_activity,
    components::{DataTable, ErrorAlert},
    i18n::use_t,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ActivityPage() -> impl IntoView {
    let t = use_t();
    let query = use_query_map();
    let before = move || query.with(|q| q.get("before"));
    let page = Resource::new(before, list_activity);
    view! {
        <Title text=t.activity_title />
        <h1>{t.activity_title}</h1>
        <p class="lead">{t.activity_lead}</p>
        <Transition fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    Ok(p) if p.entries.is_empty() => {
                        view! { <p class="empty">{t.no_activity}</p> }.into_any()
                    }
                    Ok(p) => {
                        let first_page = before().is_none();
                        view! {
                            <DataTable headers=vec![
                                t.when,
                                t.who,
                                t.what,
                                t.subject,
                            ]>
                                {p
                                    .entries
                                    .into_iter()
                                    .map(|e| {
                                        view! {
                                            <tr>
                                                <td class="nowrap">{e.at}</td>
                                                <td>{e.actor}</td>
                                                <td>{t.activity_action(&e.action).to_owned()}</td>
                                                <td>{e.subject}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </DataTable>
                            <nav class="pager" aria-label=t.activity_title>
                                {(!first_page)
                                    .then(|| view! { <a href="/activity">{t.newest_entries}</a> })}
                                {p
                                    .next
                                    .map(|cursor| {
                                        view! {
                                            <a href=format!("/activity?before={cursor}") rel="next">
                                                {t.older_entries}
                                            </a>
                                        }
                                    })}
                            </nav>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}
