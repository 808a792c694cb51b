//! The activity log: newest first, a page at a time, filtered by kind, user, other organization
//! and dates through a GET form (the filter is in the URL: bookmarkable, and it works before the
//! wasm has loaded); **Export CSV** downloads exactly the filtered entries.

use crate::{
    api::activity::list_activity,
    browser::encode_component,
    components::{DataTable, ErrorAlert, Pager},
    i18n::{Strings, use_t},
    model::{ActivityFilter, ActivityPage, FieldError, UserId, activity::Activity},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

/// `/activity` with the filter (and a cursor).
fn href(filter: &ActivityFilter, before: Option<&str>) -> String {
    let mut query = filter.query(encode_component);
    if let Some(cursor) = before {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(&format!("before={}", encode_component(cursor)));
    }
    if query.is_empty() {
        "/activity".into()
    } else {
        format!("/activity?{query}")
    }
}

#[component]
pub fn ActivityPage() -> impl IntoView {
    let t = use_t();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| {
            let get = |k: &str| q.get(k).unwrap_or_default();
            ActivityFilter {
                kind: get("kind"),
                user: get("user"),
                other: get("other"),
                from: get("from"),
                to: get("to"),
            }
        })
    });
    let before = move || query.with(|q| q.get("before"));
    let page = Resource::new(
        move || (filter.get(), before()),
        |(filter, before)| list_activity(filter, before),
    );
    view! {
        <Title text=t.activity_title />
        <h1>{t.activity_title}</h1>
        <p class="lead">{t.activity_lead}</p>
        <p class="hint">{t.log.retention}</p>
        <Transition fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                let f = filter.get();
                match page.await {
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    Ok(p) => view! { <Log page=p filter=f before=before() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The filter form, the entries and the pager.
#[component]
fn Log(page: ActivityPage, filter: ActivityFilter, before: Option<String>) -> impl IntoView {
    let t = use_t();
    let l = &t.log;
    let export = {
        let q = filter.query(encode_component);
        if q.is_empty() {
            "/activity/export.csv".to_owned()
        } else {
            format!("/activity/export.csv?{q}")
        }
    };
    let list = if !page.problems.is_empty() {
        view! {
            <div class="alert alert-error" role="alert">
                {t.error(&crate::model::AppError::Invalid(page.problems.clone()))}
            </div>
        }
        .into_any()
    } else if page.entries.is_empty() {
        let text = if filter.is_empty() {
            t.no_activity
        } else {
            l.no_match
        };
        view! { <p class="empty">{text}</p> }.into_any()
    } else {
        let newest = before.is_some().then(|| href(&filter, None));
        let older = page.next.as_deref().map(|c| href(&filter, Some(c)));
        view! {
            <p class="page-actions">
                <a href=export class="button" download="" aria-describedby="export-hint">
                    {l.export_csv}
                </a>
            </p>
            <p class="hint" id="export-hint">
                {l.export_hint}
            </p>
            <DataTable headers=vec![
                t.when,
                t.who,
                t.what,
                t.subject,
            ]>
                {page
                    .entries
                    .into_iter()
                    .map(|e| {
                        view! {
                            <tr>
                                <td data-label=t.when class="nowrap">
                                    {e.at}
                                </td>
                                <td data-label=t.who>{e.actor}</td>
                                <td data-label=t.what>{t.activity_action(&e.action).to_owned()}</td>
                                <td data-label=t.subject>{e.subject}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </DataTable>
            <Pager label=t.activity_title newest older />
        }
        .into_any()
    };
    view! {
        <Filters filter users=page.users problems=page.problems />
        {list}
    }
}

/// The problem at a field, if any: its words and the id that describes the field with them.
fn problem(t: &'static Strings, problems: &[FieldError], field: &str) -> Option<String> {
    problems
        .iter()
        .find(|p| p.field == field)
        .map(|p| t.error_code(p.code).to_owned())
}

/// One labelled field of the form with its problem (announced with the field).
#[component]
fn FilterField(
    field: &'static str,
    label: &'static str,
    problem: Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let invalid = problem.is_some();
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=format!("activity-{field}")>{label}</label>
            {children()}
            {hint
                .map(|h| {
                    view! {
                        <p class="hint" id=format!("activity-{field}-hint")>
                            {h}
                        </p>
                    }
                })}
            {problem
                .map(|p| {
                    view! {
                        <p class="field-error" id=format!("activity-{field}-error")>
                            {p}
                        </p>
                    }
                })}
        </div>
    }
}

#[component]
fn Filters(
    filter: ActivityFilter,
    users: Vec<(UserId, String)>,
    problems: Vec<FieldError>,
) -> impl IntoView {
    let t = use_t();
    let l = &t.log;
    // Per field: its problem, `aria-invalid`, and the ids that describe it (hint, problem).
    let at = |field: &str, hint: bool| {
        let problem = problem(t, &problems, field);
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("activity-{field}-hint"));
        }
        if problem.is_some() {
            ids.push(format!("activity-{field}-error"));
        }
        let invalid = problem.is_some().then_some("true");
        (problem, invalid, (!ids.is_empty()).then(|| ids.join(" ")))
    };
    let (kind_problem, kind_invalid, kind_described) = at("kind", false);
    let (user_problem, user_invalid, user_described) = at("user", false);
    let (other_problem, other_invalid, other_described) = at("other", true);
    let (from_problem, from_invalid, from_described) = at("from", false);
    let (to_problem, to_invalid, to_described) = at("to", false);
    // The kinds in the reader's words, alphabetically.
    let mut kinds: Vec<(&'static str, &'static str)> = Activity::ALL
        .iter()
        .map(|a| (a.code(), t.activity_action(a.code())))
        .collect();
    kinds.sort_by(|a, b| a.1.cmp(b.1));
    let kind = filter.kind.clone();
    let user = filter.user.clone();
    let clear = (!filter.is_empty()).then(|| {
        view! {
            <a href="/activity" class="button button-quiet">
                {l.clear}
            </a>
        }
    });
    view! {
        <Form
            method="get"
            action="/activity"
            attr:class="list-controls"
            attr:role="search"
            attr:aria-label=l.filters
        >
            <FilterField field="kind" label=l.kind problem=kind_problem>
                <select
                    id="activity-kind"
                    name="kind"
                    aria-invalid=kind_invalid
                    aria-describedby=kind_described
                >
                    <option value="">{l.any_kind}</option>
                    {kinds
                        .into_iter()
                        .map(|(code, words)| {
                            view! {
                                <option value=code selected=code == kind>
                                    {words}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </FilterField>
            <FilterField field="user" label=l.user problem=user_problem>
                <select
                    id="activity-user"
                    name="user"
                    aria-invalid=user_invalid
                    aria-describedby=user_described
                >
                    <option value="">{l.anyone}</option>
                    {users
                        .into_iter()
                        .map(|(id, name)| {
                            let id = id.to_string();
                            let selected = id == user;
                            view! {
                                <option value=id selected=selected>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </FilterField>
            <FilterField field="other" label=l.other problem=other_problem hint=l.other_hint>
                <input
                    id="activity-other"
                    name="other"
                    type="search"
                    maxlength="100"
                    value=filter.other.clone()
                    aria-invalid=other_invalid
                    aria-describedby=other_described
                />
            </FilterField>
            <FilterField field="from" label=l.from problem=from_problem>
                <input
                    id="activity-from"
                    name="from"
                    type="date"
                    value=filter.from.clone()
                    aria-invalid=from_invalid
                    aria-describedby=from_described
                />
            </FilterField>
            <FilterField field="to" label=l.to problem=to_problem>
                <input
                    id="activity-to"
                    name="to"
                    type="date"
                    value=filter.to.clone()
                    aria-invalid=to_invalid
                    aria-describedby=to_described
                />
            </FilterField>
            <div class="list-controls-actions">
                <button type="submit" class="button">
                    {l.filter}
                </button>
                {clear}
            </div>
        </Form>
    }
}
