//! **Customers** (partner): customers with an active reseller relationship, newest first, with a
//! search box; the down arrow beside a name expands the record, whose **Account** leads to
//! **Remove customer relationship**. **Request a reseller relationship** opens **New relationship**.

use crate::{
    api::customers::list_customers,
    components::{DataTable, ErrorAlert, Flash, Notice, use_me},
    i18n::use_t,
    model::{Action, CustomerRow, policy, validate::country_name},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::{A, Form},
    hooks::use_query_map,
};

/// As many rows as the server sends at most (paging comes with the customers issue).
const LIST_LIMIT: usize = 200;

#[component]
pub fn CustomersPage() -> impl IntoView {
    let t = use_t();
    let query = use_query_map();
    let search = move || query.with(|q| q.get("q").unwrap_or_default());
    let flash = Flash::for_path("/customers");
    let customers = Resource::new(search, list_customers);
    view! {
        <Title text=t.menu_customers />
        <h1 id="page-title" tabindex="-1">
            {t.menu_customers}
        </h1>
        <p class="lead">{t.customers_lead}</p>
        {move || flash.get().map(|text| view! { <Notice>{text}</Notice> })}
        <Suspense>
            {move || Suspend::new(async move {
                use_me()
                    .await
                    .map(|a| {
                        if a.may(Action::RequestLinks) {
                            view! {
                                <p class="page-actions">
                                    <A
                                        href="/customers/new-relationship"
                                        attr:class="button button-primary"
                                    >
                                        {t.request_relationship}
                                    </A>
                                </p>
                            }
                                .into_any()
                        } else {
                            let roles = policy::roles_for(a.org_kind, Action::RequestLinks);
                            view! {
                                <p class="hint">
                                    {t.request_relationship} ": " {t.needs_roles_text(roles)}
                                </p>
                            }
                                .into_any()
                        }
                    })
            })}
        </Suspense>
        <Form method="get" action="/customers" attr:class="search-form" attr:role="search">
            <div class="field">
                <label for="customer-search">{t.search_customers}</label>
                <input
                    id="customer-search"
                    name="q"
                    type="search"
                    value=search
                    aria-describedby="customer-search-hint"
                />
                <p class="hint" id="customer-search-hint">
                    {t.search_customers_hint}
                </p>
            </div>
            <button type="submit" class="button">
                {t.search}
            </button>
        </Form>
        <Transition fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match customers.await {
                    Ok(rows) if rows.is_empty() && search().is_empty() => {
                        view! { <p class="empty">{t.no_customers}</p> }.into_any()
                    }
                    Ok(rows) if rows.is_empty() => {
                        view! { <p class="empty">{t.no_customers_match}</p> }.into_any()
                    }
                    Ok(rows) => {
                        let capped = rows.len() >= LIST_LIMIT;
                        view! {
                            <CustomerTable rows />
                            {capped
                                .then(|| {
                                    view! {
                                        <p class="hint">
                                            {t.list_capped.replace("{n}", &LIST_LIMIT.to_string())}
                                        </p>
                                    }
                                })}
                        }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CustomerTable(rows: Vec<CustomerRow>) -> impl IntoView {
    let t = use_t();
    view! {
        <DataTable headers=vec![
            t.name,
            t.domain,
            t.country,
            t.since,
            t.delegated_admin,
        ]>{rows.into_iter().map(|r| view! { <CustomerRecord row=r /> }).collect_view()}</DataTable>
    }
}

/// One customer: a row, and the expanded record below it.
#[component]
fn CustomerRecord(row: CustomerRow) -> impl IntoView {
    let t = use_t();
    let open = RwSignal::new(false);
    let panel_id = format!("customer-{}", row.org_id);
    let account_href = format!("/customers/{}/account", row.org_id);
    let label = t.show_record.replace("{name}", &row.name);
    let dap = if row.delegated_admin {
        t.yes_word
    } else {
        t.no_word
    };
    let country = format!(
        "{} ({})",
        country_name(&row.country).unwrap_or_default(),
        row.country
    );
    view! {
        <tr class="record-row">
            <th scope="row">
                <button
                    type="button"
                    class="expander"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-controls=panel_id.clone()
                    aria-label=label
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    <span aria-hidden="true" class="caret">
                        {move || if open.get() { "▾" } else { "▸" }}
                    </span>
                </button>
                " "
                {row.name.clone()}
            </th>
            <td>{row.domain.clone()}</td>
            <td>{row.country.clone()}</td>
            <td>{row.since.clone()}</td>
            <td>{dap}</td>
        </tr>
        <tr class="record-details" id=panel_id hidden=move || !open.get()>
            <td colspan="5">
                <dl class="facts">
                    <dt>{t.name}</dt>
                    <dd>{row.name.clone()}</dd>
                    <dt>{t.primary_domain}</dt>
                    <dd>{row.domain.clone()}</dd>
                    <dt>{t.country}</dt>
                    <dd>{country}</dd>
                    <dt>{t.relationship_since}</dt>
                    <dd>{row.since.clone()}</dd>
                    <dt>{t.delegated_admin_permissions}</dt>
                    <dd>{dap}</dd>
                </dl>
                <p class="record-actions">
                    <A href=account_href attr:class="button button-small">
                        {t.account_tab}
                    </A>
                </p>
            </td>
        </tr>
    }
}
