//! The frame of every signed-in page, given the signed-in actor: the top bar with organization
//! and user, the menu, and the contexts that carry the actor to the page. The route that fetches
//! the actor and guards the pages is `pages::shell`.

use crate::{
    codec::PageJson,
    i18n::use_t,
    model::{Action, Actor, AppError, OrgKind, notification::unread_badge},
};
use leptos::{prelude::*, reactive::computed::ScopedFuture};
use leptos_router::hooks::use_location;

/// Bumped whenever someone signs in, enrolls or signs out in this page, so that everything that
/// shows the signed-in user fetches it again (a redirect back to the same address would not).
#[derive(Clone, Copy)]
pub struct SessionEpoch(pub RwSignal<u32>);

impl SessionEpoch {
    pub fn get() -> u32 {
        use_context::<SessionEpoch>().map_or(0, |e| e.0.get())
    }

    /// Bumps the epoch each time `succeeded` turns true (an action's value became `Ok`).
    pub fn follow(succeeded: impl Fn() -> bool + Send + Sync + 'static) {
        if let Some(epoch) = use_context::<SessionEpoch>() {
            Effect::new(move |_| {
                if succeeded() {
                    epoch.0.update(|n| *n += 1);
                }
            });
        }
    }
}

/// The signed-in actor, fetched again on every navigation so that a removed role, a deactivation
/// or an ended session shows at once.
#[derive(Clone)]
pub struct MeResource(pub ArcResource<Result<Option<Actor>, AppError>, PageJson>);

/// The signed-in actor for a page inside the shell (the shell has already checked it is there).
///
/// Untracked: the page's `Suspend` does not run again when the shell reloads the actor (on
/// every navigation, and on a sign-out, which then takes the reader out of the page). Run again
/// then, it would await the page's resources after the page had been disposed (a panic in the
/// browser); the shell itself follows the actor and redirects. For the same reason, await the
/// page's own resources *before* this one in a `Suspend`.
pub async fn use_me() -> Option<Actor> {
    let me = use_context::<MeResource>()?;
    ScopedFuture::new_untracked(me.0.into_future())
        .await
        .ok()
        .flatten()
}

/// The top bar; `children` is the sign-out control (the page owns the action). `unread` is the
/// bell's count (kept live by the shell).
#[component]
pub fn TopBar(
    actor: Actor,
    #[prop(into)] unread: Signal<u32>,
    children: Children,
) -> impl IntoView {
    let t = use_t();
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                {t.app_name}
            </a>
            <div class="topbar-org">
                <span class="org-name">{actor.org_name.clone()}</span>
                <span class="org-kind">{t.kind(actor.org_kind)}</span>
            </div>
            <Bell unread />
            <div class="topbar-user">
                <span class="visually-hidden">{t.signed_in_as}</span>
                <span class="user-name">{actor.user_name.clone()}</span>
                {children()}
            </div>
        </header>
    }
}

/// The bell: a link to Notifications, named with the unread count (a screen reader hears the
/// number), the count shown beside it when there are any.
#[component]
pub fn Bell(unread: Signal<u32>) -> impl IntoView {
    let t = use_t();
    let locale = crate::i18n::use_locale();
    let label = move || match unread.get() {
        0 => t.notices.bell_none.to_owned(),
        n => t
            .notices
            .bell
            .pick(locale, u64::from(n))
            .replace("{n}", &unread_badge(n)),
    };
    view! {
        <a class="bell" href="/notifications" aria-label=label>
            <svg
                class="bell-icon"
                viewBox="0 0 24 24"
                width="22"
                height="22"
                aria-hidden="true"
                focusable="false"
            >
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
            </svg>
            {move || {
                let n = unread.get();
                (n > 0)
                    .then(|| {
                        view! {
                            <span class="bell-count" data-testid="bell-count">
                                {unread_badge(n)}
                            </span>
                        }
                    })
            }}
        </a>
    }
}

/// The menu: an entry for each page the actor may use. On a phone it folds behind its name (a
/// `<details>`: no script needed to open it; the stylesheet keeps it open on wider screens), and
/// closes again once an entry is chosen. Choosing the entry of the page already shown loads that
/// page anew (the router alone would keep its data as it was).
#[component]
pub fn Menu(actor: Actor) -> impl IntoView {
    let location = use_location();
    let t = use_t();
    // An entry appears when its page exists and the actor may use it.
    let partner = actor.may(Action::ViewCustomers);
    let provider = actor.may(Action::ViewResellers);
    let reseller = actor.may(Action::ViewProviders);
    let entries: Vec<(&'static str, &'static str)> = [
        (true, "/", t.menu_home),
        (partner, "/customers", t.menu_customers),
        (provider, "/indirect-resellers", t.menu_indirect_resellers),
        (reseller, "/indirect-providers", t.menu_indirect_providers),
        (partner, "/invitations", t.menu_invitations),
        (
            actor.may(Action::ViewMyPartners),
            "/partners",
            t.menu_partners,
        ),
        (
            actor.may(Action::ViewOrganization),
            "/activity",
            t.menu_activity,
        ),
        (actor.may(Action::ManageUsers), "/users", t.menu_users),
        (
            actor.may(Action::ManageApiTokens),
            "/api-tokens",
            t.api.menu,
        ),
        (actor.may(Action::ManageWebhooks), "/webhooks", t.hooks.menu),
        (
            actor.may(Action::MaintainDirectory),
            "/operator/directory",
            t.menu_operator_directory,
        ),
        (
            actor.may(Action::MaintainOffers),
            "/operator/offers",
            t.sales.offers_title,
        ),
        (
            actor.org_kind != OrgKind::Customer,
            "/directory",
            t.menu_directory,
        ),
        (true, "/account", t.menu_account),
    ]
    .into_iter()
    .filter_map(|(shown, href, label)| shown.then_some((href, label)))
    .collect();
    let fold = NodeRef::<leptos::html::Details>::new();
    let chosen = move |ev: leptos::ev::MouseEvent, href: &str| {
        // A click that opens a new tab or window is the browser's, not ours.
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        if let Some(d) = fold.get_untracked() {
            let _ = d.remove_attribute("open");
        }
        if location.pathname.with_untracked(|p| p == href)
            && location.search.with_untracked(String::is_empty)
        {
            ev.prevent_default();
            crate::browser::reload();
        }
    };
    view! {
        <nav class="menu" aria-label=t.main_menu>
            <details class="menu-fold" node_ref=fold>
                <summary>{t.main_menu}</summary>
                <ul>
                    {entries
                        .into_iter()
                        .map(|(href, label)| {
                            let current = move || {
                                location.pathname.with(|p| is_current(p, href)).then_some("page")
                            };
                            // A plain link (the router still handles the click): one `<A>` per entry
                            // costs its own memos on every server render.
                            view! {
                                <li>
                                    <a
                                        href=href
                                        aria-current=current
                                        on:click=move |ev| chosen(ev, href)
                                    >
                                        {label}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        </nav>
    }
}

/// Whether a menu entry is the current page: Home only at `/`, others also for pages below them.
fn is_current(path: &str, href: &str) -> bool {
    if href == "/" {
        path == "/"
    } else {
        path == href
            || path
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::is_current;

    #[test]
    fn menu_entries_are_current_below_themselves() {
        assert!(is_current("/", "/"));
        assert!(!is_current("/customers", "/"));
        assert!(is_current("/customers", "/customers"));
        assert!(is_current("/customers/x/account", "/customers"));
        assert!(!is_current("/customers-old", "/customers"));
    }
}
