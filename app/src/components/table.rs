//! The data table every list uses (with the explicit `<tbody>` that hydration needs), and the
//! error shown in place of content that could not be loaded.

use crate::{i18n::use_t, model::AppError};
use leptos::prelude::*;

/// The rows keep their own view type (`TypedChildren`, not `Children`): erasing them into an
/// `AnyView` would copy every row's attributes into owned values before the page is written.
#[component]
pub fn DataTable<T>(headers: Vec<&'static str>, children: TypedChildren<T>) -> impl IntoView
where
    T: IntoView + 'static,
{
    let rows = children.into_inner();
    view! {
        <div class="table-wrap">
            <table class="data-table">
                <thead>
                    <tr>
                        {headers
                            .into_iter()
                            .map(|h| view! { <th scope="col">{h}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{rows()}</tbody>
            </table>
        </div>
    }
}

/// The links of a list paged by a cursor: back to the newest entries, and on to older ones.
#[component]
pub fn Pager(
    /// The list's name, for the navigation landmark.
    label: &'static str,
    newest: Option<String>,
    older: Option<String>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <nav class="pager" aria-label=label>
            {newest.map(|h| view! { <a href=h>{t.newest_entries}</a> })}
            {older
                .map(|h| {
                    view! {
                        <a href=h rel="next">
                            {t.older_entries}
                        </a>
                    }
                })}
        </nav>
    }
}

#[component]
pub fn ErrorAlert(error: AppError) -> impl IntoView {
    let t = use_t();
    view! {
        <div class="alert alert-error" role="alert">
            {t.error(&error)}
        </div>
    }
}
