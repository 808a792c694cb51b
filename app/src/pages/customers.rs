//! **Customers** (partner, W11): customers with an active reseller relationship, 50 a page, by
//! keyset. Search by name or domain, filter by indirect reseller (providers), sort by date or name;
//! every choice is in the URL, so a page can be bookmarked and the Back button works. The down
//! arrow beside a name expands the record in place (fetched when first opened): account,
//! subscriptions, users and licenses, and the actions **Add subscription** and **Account**.
//! (Over 500 lines: the list, its controls and the record that expands in place share the page's
//! query and row types; the split into files is the next step when it grows.)

use crate::{
    api::{customers::list_customers, orders::customer_record},
    browser::encode_component,
    codec::PageJson,
    components::{DataTable, ErrorAlert, Flash, Notice, Ready, use_me},
    i18n::{Fill, Strings, country_name, use_locale, use_t},
    model::{
        Action, AppError, CustomerPage, CustomerRecordView, CustomerSort, OrgId, PartnerChoice,
        policy, validate::SEARCH_MAX_CHARS,
    },
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What the URL asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct ListQuery {
    q: String,
    reseller: String,
    sort: String,
    after: String,
    before: String,
}

impl ListQuery {
    /// The list's URL with this search, filter and sort, at the page `cursor` names.
    fn href(&self, cursor: Option<(&str, &str)>) -> String {
        let mut parts = Vec::new();
        for (key, value) in [
            ("q", &self.q),
            ("reseller", &self.reseller),
            ("sort", &self.sort),
        ] {
            if !value.is_empty() {
                parts.push(format!("{key}={}", encode_component(value)));
            }
        }
        if let Some((key, id)) = cursor {
            parts.push(format!("{key}={}", encode_component(id)));
        }
        if parts.is_empty() {
            "/customers".into()
        } else {
            format!("/customers?{}", parts.join("&"))
        }
    }

    fn filtered(&self) -> bool {
        !self.q.is_empty() || !self.reseller.is_empty()
    }
}

/// A page of the list as the page carries it to the browser for hydration: each row an array of
/// its six values, not an object that repeats their names, which cuts the JSON by a third. It is
/// carried as `codec::PageJson`, whose quotes leptos need not escape. The list API
/// (`CustomerPage`) keeps its named fields. The resource holds it behind an `Arc`: `Suspense`
/// reads it two or three times a request, and each read is a clone. The texts are `Arc<str>` so
/// that a row's view shares them instead of copying four strings per row.
#[derive(Clone, Serialize, Deserialize)]
struct PageData {
    rows: Vec<ListedRow>,
    next: Option<String>,
    prev: Option<String>,
    reseller: Option<PartnerChoice>,
}

/// One row of the list: id, name, domain, country, since, delegated admin.
type ListedRow = (OrgId, Arc<str>, Arc<str>, Arc<str>, Arc<str>, bool);

impl From<CustomerPage> for PageData {
    fn from(p: CustomerPage) -> Self {
        Self {
            rows: p
                .rows
                .into_iter()
                .map(|r| {
                    (
                        r.org_id,
                        r.name.into(),
                        r.domain.into(),
                        r.country.into(),
                        r.since.into(),
                        r.delegated_admin,
                    )
                })
                .collect(),
            next: p.next,
            prev: p.prev,
            reseller: p.reseller,
        }
    }
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let query = use_query_map();
    let list_query = Memo::new(move |_| {
        query.with(|q| {
            let get = |k: &str| q.get(k).unwrap_or_default().trim().to_owned();
            ListQuery {
                q: get("q"),
                reseller: get("reseller"),
                sort: get("sort"),
                after: get("after"),
                before: get("before"),
            }
        })
    });
    let flash = Flash::for_path("/customers");
    // Carried into the page with `"` and `'` swapped (`codec::PageJson`): next to nothing to escape.
    let page: Resource<_, PageJson> = Resource::new_with_options(
        move || list_query.get(),
        |q| async move {
            list_customers(q.q, q.reseller, q.sort, q.after, q.before)
                .await
                .map(|p| Arc::new(PageData::from(p)))
        },
        false,
    );
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
                    .map(|a| Ready::new(move || {
                        let provider = a.may(Action::ViewResellers);
                        let add = a
                            .may(Action::PlaceOrders)
                            .then(|| {
                                // The reseller filter lists the provider's resellers.
                                view! {
                                    <a href="/customers/new" class="button button-primary">
                                        {s.add_new_customer}
                                    </a>
                                }
                            });
                        let request = if a.may(Action::RequestRelationship) {
                            view! {
                                <a href="/customers/new-relationship" class="button">
                                    {t.request_relationship}
                                </a>
                            }
                                .into_any()
                        } else {
                            let roles = policy::roles_for(a.org_kind, Action::RequestRelationship);
                            view! {
                                <span class="hint">
                                    {t.request_relationship} ": " {t.needs_roles_text(roles)}
                                </span>
                            }
                                .into_any()
                        };
                        view! {
                            <p class="page-actions">{add} {request}</p>
                            <ListControls query=list_query.get_untracked() provider />
                        }
                    }))
            })}
        </Suspense>
        <Transition fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                let q = list_query.get();
                match page.await {
                    Ok(page) => {
                        Either::Left(
                            Ready::new(move || {
                                // Built when the page is written, not each time Suspense walks its children
                                // to find their resources (two or three times a request), and written in one
                                // piece: the list reads none.
                                view! { <CustomerList page query=q /> }
                            }),
                        )
                    }
                    Err(e) => Either::Right(view! { <ErrorAlert error=e /> }),
                }
            })}
        </Transition>
    }
}

/// Search, filter and sort: a GET form, so the choices land in the URL.
#[component]
fn ListControls(query: ListQuery, provider: bool) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    // The reseller list is fetched the first time the field gets the focus, not with every page.
    let options: RwSignal<Option<Vec<PartnerChoice>>> = RwSignal::new(None);
    let load_options = move |_| {
        if options.get_untracked().is_none() {
            options.set(Some(Vec::new()));
            leptos::task::spawn_local(async move {
                if let Ok(list) = crate::api::orders::reseller_choices().await {
                    options.set(Some(list));
                }
            });
        }
    };
    let sort = CustomerSort::parse(&query.sort);
    let clear = query.filtered().then(|| {
        let href = ListQuery {
            sort: query.sort.clone(),
            ..Default::default()
        }
        .href(None);
        view! {
            <a href=href class="button button-quiet">
                {s.clear_filters}
            </a>
        }
    });
    view! {
        <Form method="get" action="/customers" attr:class="list-controls" attr:role="search">
            <div class="field">
                <label for="customer-search">{t.search_customers}</label>
                <input
                    id="customer-search"
                    name="q"
                    type="search"
                    maxlength=SEARCH_MAX_CHARS.to_string()
                    value=query.q.clone()
                    aria-describedby="customer-search-hint"
                />
                <p class="hint" id="customer-search-hint">
                    {t.search_customers_hint}
                </p>
            </div>
            {provider
                .then(|| {
                    view! {
                        <div class="field">
                            <label for="reseller-filter">{s.filter_reseller}</label>
                            <input
                                id="reseller-filter"
                                name="reseller"
                                type="text"
                                list="reseller-options"
                                autocomplete="off"
                                value=query.reseller.clone()
                                aria-describedby="reseller-filter-hint"
                                on:focus=load_options
                            />
                            <p class="hint" id="reseller-filter-hint">
                                {s.filter_reseller_hint}
                            </p>
                            <datalist id="reseller-options">
                                {move || {
                                    options
                                        .get()
                                        .unwrap_or_default()
                                        .into_iter()
                                        .map(|r| {
                                            view! { <option value=r.mpn_id>{r.name}</option> }
                                        })
                                        .collect_view()
                                }}
                            </datalist>
                        </div>
                    }
                })}
            <div class="field">
                <label for="customer-sort">{s.sort_by}</label>
                <select id="customer-sort" name="sort">
                    {CustomerSort::ALL
                        .into_iter()
                        .map(|o| {
                            view! {
                                <option value=o.as_str() selected=o == sort>
                                    {s.sort_label(o)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="list-controls-actions">
                <button type="submit" class="button">
                    {t.search}
                </button>
                {clear}
            </div>
        </Form>
    }
}

#[component]
fn CustomerList(page: Arc<PageData>, query: ListQuery) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let filter_note = page.reseller.as_ref().map(|r| {
        view! {
            <p class="filter-note">
                {s.filtered_by_reseller.fill("{name}", &r.name).replace("{mpn}", &r.mpn_id)}
            </p>
        }
    });
    if page.rows.is_empty() {
        let text = if query.filtered() || !query.after.is_empty() || !query.before.is_empty() {
            t.no_customers_match
        } else {
            t.no_customers
        };
        return Either::Left(view! {
            {filter_note}
            <p class="empty">{text}</p>
        });
    }
    let prev = page
        .prev
        .as_deref()
        .map(|c| query.href(Some(("before", c))));
    let next = page.next.as_deref().map(|c| query.href(Some(("after", c))));
    let first = prev.is_some().then(|| query.href(None));
    // "Show the record of {name}", split once for the 50 rows.
    let label = t
        .show_record
        .split_once("{name}")
        .unwrap_or((t.show_record, ""));
    Either::Right(view! {
        {filter_note}
        <DataTable headers=vec![
            t.name,
            t.domain,
            t.country,
            t.since,
            t.delegated_admin,
        ]>
            {page
                .rows
                .iter()
                .map(|row| view! { <CustomerRecord row=row.clone() label t /> })
                .collect_view()}
        </DataTable>
        <nav class="pager" aria-label=s.pages>
            {first
                .map(|href| {
                    view! {
                        <a href=href class="button button-small">
                            {s.first_page}
                        </a>
                    }
                })}
            {prev
                .map(|href| {
                    view! {
                        <a href=href class="button button-small" rel="prev">
                            {s.previous_page}
                        </a>
                    }
                })}
            {next
                .map(|href| {
                    view! {
                        <a href=href class="button button-small" rel="next">
                            {s.next_page}
                        </a>
                    }
                })}
        </nav>
    })
}

/// Whether a customer's record is open, and what was fetched for it (kept when it closes).
#[derive(Default)]
struct RecordState {
    open: bool,
    record: Option<Result<CustomerRecordView, AppError>>,
}

/// One customer: a row, and below it, while open, its record (fetched when first expanded).
/// The button's caret is drawn by the stylesheet from `aria-expanded` (its name is its
/// `aria-label`), and the record's row exists only while open: a closed row costs the page one
/// signal and no other reactive node.
#[component]
fn CustomerRecord(
    row: ListedRow,
    label: (&'static str, &'static str),
    t: &'static Strings,
) -> impl IntoView {
    let (id, name, domain, country, since, delegated_admin) = row;
    // One signal per row (50 on a page): whether it is open, and what was fetched for it. It is
    // reference-counted rather than kept in the reactive arena: the row's closures own it, so it
    // goes with the row, and neither creating it nor reading it (three times a row on the server)
    // goes through the arena's lookups or the owner's clean-up.
    let state: ArcRwSignal<RecordState> = ArcRwSignal::new(RecordState::default());
    let open = |state: &ArcRwSignal<RecordState>| state.with(|s| s.open);
    let (expanded, controls) = (state.clone(), state.clone());
    // The record's element id, made only while it is open.
    let panel_id = move || format!("customer-{id}");
    let label = [label.0, &name, label.1].concat();
    let toggle = {
        let state = state.clone();
        move |_| {
            let fetch = state
                .try_update(|s| {
                    s.open = !s.open;
                    s.open && !matches!(s.record, Some(Ok(_)))
                })
                .unwrap_or(false);
            if fetch {
                let state = state.clone();
                leptos::task::spawn_local(async move {
                    let fetched = customer_record(id).await;
                    state.update(|s| s.record = Some(fetched));
                });
            }
        }
    };
    let dap = if delegated_admin {
        t.yes_word
    } else {
        t.no_word
    };
    // The record's closure keeps its own handles on the row's texts (no copies).
    let texts = (domain.clone(), country.clone(), since.clone());
    view! {
        <tr class="record-row">
            <th scope="row">
                // The whole name opens the record, not only the caret (issue 20).
                <button
                    type="button"
                    class="expander"
                    aria-expanded=move || if open(&expanded) { "true" } else { "false" }
                    aria-controls=move || open(&controls).then(panel_id)
                    aria-label=label
                    on:click=toggle
                >
                    {name}
                </button>
            </th>
            <td data-label=t.domain>{domain}</td>
            <td data-label=t.country>{country}</td>
            <td data-label=t.since>{since}</td>
            <td data-label=t.delegated_admin>{dap}</td>
        </tr>
        {move || {
            state
                .with(|s| s.open.then(|| s.record.clone()))
                .map(|record| {
                    let details = match record {
                        None => view! { <p class="loading">{t.loading}</p> }.into_any(),
                        Some(Err(e)) => view! { <ErrorAlert error=e /> }.into_any(),
                        Some(Ok(r)) => {
                            let (domain, country, since) = &texts;
                            let country = format!(
                                "{} ({})",
                                country_name(country).unwrap_or_default(),
                                country,
                            );
                            // The country's name is looked up only when a record opens.
                            view! {
                                <RecordDetails
                                    record=r
                                    domain=domain.to_string()
                                    country
                                    since=since.to_string()
                                    dap
                                />
                            }
                                .into_any()
                        }
                    };
                    view! {
                        <tr class="record-details" id=panel_id()>
                            <td colspan="5">{details}</td>
                        </tr>
                    }
                })
        }}
    }
}

#[component]
fn RecordDetails(
    record: CustomerRecordView,
    domain: String,
    country: String,
    since: String,
    dap: &'static str,
) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let locale = use_locale();
    let id = record.org_id;
    let resellers = if record.resellers.is_empty() {
        s.none_word.to_owned()
    } else {
        record.resellers.join(", ")
    };
    let subscriptions = if record.subscriptions.is_empty() {
        view! { <p class="empty">{s.no_subscriptions}</p> }.into_any()
    } else {
        view! {
            <table class="table table-compact">
                <caption class="visually-hidden">{s.subscriptions_title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{s.offer}</th>
                        <th scope="col">{s.licenses}</th>
                        <th scope="col">{s.status}</th>
                        <th scope="col">{s.reseller}</th>
                    </tr>
                </thead>
                <tbody>
                    {record
                        .subscriptions
                        .into_iter()
                        .map(|sub| {
                            let href = format!("/customers/{id}/subscriptions/{}", sub.id);
                            view! {
                                <tr>
                                    <td>
                                        <a href=href>{sub.offer}</a>
                                    </td>
                                    <td>
                                        {s
                                            .assigned_of
                                            .replace("{assigned}", &sub.assigned.to_string())
                                            .replace("{total}", &sub.licenses.to_string())}
                                    </td>
                                    <td>{s.status_label(sub.status)}</td>
                                    <td>
                                        {sub.reseller.unwrap_or_else(|| s.none_word.to_owned())}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    let users = match record.users {
        Some(users) => {
            let listed = users
                .into_iter()
                .map(|u| {
                    let n = u.licenses.len();
                    let text = s
                        .user_licenses
                        .pick(locale, u64::try_from(n).unwrap_or(u64::MAX))
                        .fill("{name}", &u.name)
                        .replace("{n}", &locale.number(i64::try_from(n).unwrap_or(i64::MAX)));
                    view! { <li>{text}</li> }
                })
                .collect_view();
            view! {
                <ul class="plain-list">{listed}</ul>
                <p>
                    <a href=format!("/customers/{id}/users")>{s.users_and_licenses}</a>
                </p>
            }
            .into_any()
        }
        None => view! {
            <p class="hint">
                {s
                    .users_count_only
                    .pick(locale, record.user_count.into())
                    .replace("{n}", &locale.number(record.user_count.into()))}
            </p>
        }
        .into_any(),
    };
    view! {
        <div class="record">
            <dl class="facts">
                <dt>{t.primary_domain}</dt>
                <dd>{domain}</dd>
                <dt>{t.country}</dt>
                <dd>{country}</dd>
                <dt>{t.relationship_since}</dt>
                <dd>{since}</dd>
                <dt>{t.delegated_admin_permissions}</dt>
                <dd>{dap}</dd>
                <dt>{s.indirect_resellers}</dt>
                <dd>{resellers}</dd>
                <dd class="cell-sub">{s.indirect_resellers_hint}</dd>
            </dl>
            // Second-level headings: the page's h1 is the list; the record has no heading of its own.
            <h2>{s.subscriptions_title}</h2>
            {subscriptions}
            <h2>{s.users_title}</h2>
            {users}
            <p class="record-actions">
                {record
                    .may_order
                    .then(|| {
                        view! {
                            <a
                                href=format!("/customers/{id}/subscriptions/new")
                                class="button button-small button-primary"
                            >
                                {s.add_subscription}
                            </a>
                        }
                    })}
                <a href=format!("/customers/{id}/subscriptions") class="button button-small">
                    {s.subscriptions_title}
                </a> <a href=format!("/customers/{id}/account") class="button button-small">
                    {t.account_tab}
                </a>
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::ListQuery;

    #[test]
    fn list_urls_keep_the_choices_and_drop_the_empty_ones() {
        let q = ListQuery {
            q: "ada tum".into(),
            reseller: "1234567".into(),
            sort: "name".into(),
            ..Default::default()
        };
        assert_eq!(
            q.href(Some(("after", "abc"))),
            "/customers?q=ada%20tum&reseller=1234567&sort=name&after=abc"
        );
        assert_eq!(ListQuery::default().href(None), "/customers");
    }
}
