//! Notifications: newest first, a page at a time, the ones new to this reader marked; opening
//! the page marks them read for this reader (the server does it with the first page).

use crate::{
    api::notifications::{MarkNotificationsRead, list_notifications},
    components::{ErrorAlert, FormAlert, Notice, Pager},
    i18n::{Fill, use_t},
    model,
    routes::notice_target,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let t = use_t();
    let n = &t.notices;
    let query = use_query_map();
    let before = move || query.with(|q| q.get("before"));
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let page = Resource::new(
        move || (before(), mark.version().get()),
        |(before, _)| list_notifications(before),
    );
    let marked = move || matches!(mark.value().get(), Some(Ok(())));
    let mark_error = Signal::derive(move || mark.value().get().and_then(Result::err));
    view! {
        <Title text=n.title />
        <h1>{n.title}</h1>
        <p class="lead">{n.lead}</p>
        <Show when=marked>
            <Notice>{n.marked_read}</Notice>
        </Show>
        <FormAlert error=mark_error />
        <ActionForm action=mark attr:class="inline-form">
            <button type="submit" class="button button-quiet">
                {n.mark_all_read}
            </button>
        </ActionForm>
        <Transition fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    Ok(p) if p.notices.is_empty() && before().is_none() => {
                        view! { <p class="empty">{n.none_yet}</p> }.into_any()
                    }
                    Ok(p) => {
                        let first_page = before().is_none();
                        view! {
                            <ol class="notices">
                                {p.notices.into_iter().map(item).collect_view()}
                            </ol>
                            <Pager
                                label=n.pages
                                newest=(!first_page).then(|| "/notifications".to_owned())
                                older=p.next.map(|cursor| format!("/notifications?before={cursor}"))
                            />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// One notification: what happened (a link to it), whether it is new, when and by whom.
fn item(notice: model::Notice) -> impl IntoView {
    let t = use_t();
    let n = &t.notices;
    let what = n
        .sentence(notice.kind)
        .replace("{other}", &notice.other)
        .replace("{customer}", notice.customer.as_deref().unwrap_or(""));
    let by = match notice.kind {
        model::NoticeKind::RequestExpired(_) if notice.other.is_empty() => {
            n.sent_by.fill("{name}", &notice.actor)
        }
        model::NoticeKind::RequestExpired(_) => n
            .sent_by_to
            .fill("{name}", &notice.actor)
            .replace("{recipient}", &notice.other),
        _ => n.by.fill("{name}", &notice.actor),
    };
    let href = notice_target(&notice);
    let unread = notice.unread;
    view! {
        <li class="notice-item" class:notice-unread=unread>
            <p class="notice-what">
                <a href=href>{what}</a>
                {unread.then(|| view! { <span class="badge">{n.new_label}</span> })}
            </p>
            <p class="notice-meta">
                <span class="nowrap">{notice.at}</span>
                " · "
                {by}
            </p>
        </li>
    }
}
