//! The frame of every signed-in page: top bar with organization and user, the partner menu, and
//! the guard that sends a visitor without a session to sign in.

use crate::{
    api::session::{SignOut, current_user},
    codec::PageJson,
    i18n::{use_locale, use_t},
    model::{Action, Actor, AppError, OrgKind},
};
use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, Redirect},
    hooks::use_location,
};

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
#[derive(Clone, Copy)]
pub struct MeResource(pub Resource<Result<Option<Actor>, AppError>, PageJson>);

/// The signed-in actor for a page inside the shell (the shell has already checked it is there).
pub async fn use_me() -> Option<Actor> {
    let me = use_context::<MeResource>()?;
    me.0.await.ok().flatten()
}

#[component]
pub fn Shell() -> impl IntoView {
    let t = use_t();
    let location = use_location();
    // Blocking, and carried into the page as `codec::PageJson`.
    let me: Resource<_, PageJson> = Resource::new_with_options(
        move || (location.pathname.get(), SessionEpoch::get()),
        |_| current_user(),
        true,
    );
    provide_context(MeResource(me));
    let allowed = Memo::new(move |_| {
        me.get()
            .map(|r| matches!(r, Ok(Some(a)) if !a.must_change_password))
    });
    Effect::new(move |_| super::Flash::keep_only_for(&location.pathname.get()));
    // Someone who signed in here (or in another tab) may have chosen another language than the
    // one this page was rendered in: the server renders it anew in theirs.
    let page_locale = use_locale();
    Effect::new(move |_| {
        if let Some(Ok(Some(actor))) = me.get()
            && actor.locale != page_locale
        {
            crate::browser::reload();
        }
    });
    let sign_out = ServerAction::<SignOut>::new();
    SessionEpoch::follow(move || matches!(sign_out.value().get(), Some(Ok(_))));

    // The page (the Outlet) is outside the Suspend that waits for the actor: inside it, each
    // wake-up of that Suspend built the page again on the server, and every page fetched its
    // data three times per request. The redirects and the frame still wait for the actor.
    view! {
        <a class="skip-link" href="#main">
            {t.skip_to_content}
        </a>
        <Transition>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(actor)) if actor.must_change_password => {
                        view! { <Redirect path="/change-password" /> }.into_any()
                    }
                    Ok(Some(actor)) => {
                        super::Ready::new(move || {
                                // Built once, when written: Suspense walks its children two or three times a
                                // request to find their resources (see `pages::customers`).
                                view! { <TopBar actor sign_out /> }
                            })
                            .into_any()
                    }
                    Ok(None) | Err(AppError::SignInRequired) => {
                        view! { <Redirect path="/sign-in" /> }.into_any()
                    }
                    Err(e) => {
                        view! {
                            <div class="alert alert-error" role="alert">
                                {t.error(&e)}
                            </div>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
        <div class="layout">
            <Transition>
                {move || Suspend::new(async move {
                    me.await
                        .ok()
                        .flatten()
                        .map(|actor| super::Ready::new(move || view! { <Menu actor /> }))
                })}
            </Transition>
            <main id="main" class="content" tabindex="-1">
                // Not for someone known to be signed out or to owe a password change (they are
                // being redirected): their page would only fetch refusals. Not known yet: the
                // server renders the page (a redirect replaces it anyway), the browser waits (a
                // hydrating browser knows at once, from the server's data). The answer changes at
                // most once, so the page is built once.
                <Show when=move || allowed.get().unwrap_or(cfg!(feature = "ssr"))>
                    <Outlet />
                </Show>
            </main>
        </div>
    }
}

#[component]
fn TopBar(actor: Actor, sign_out: ServerAction<SignOut>) -> impl IntoView {
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
            <div class="topbar-user">
                <span class="visually-hidden">{t.signed_in_as}</span>
                <span class="user-name">{actor.user_name.clone()}</span>
                <ActionForm action=sign_out>
                    <button type="submit" class="button button-quiet">
                        {t.sign_out}
                    </button>
                </ActionForm>
            </div>
        </header>
    }
}

#[component]
fn Menu(actor: Actor) -> impl IntoView {
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
    view! {
        <nav class="menu" aria-label=t.main_menu>
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
                                <a href=href aria-current=current>
                                    {label}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
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
