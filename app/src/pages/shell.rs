//! The route around every signed-in page: fetches the signed-in actor (again on every
//! navigation), sends a visitor without a session to sign in and one who owes a password change
//! to change it, and frames the page with `components::frame`.

use crate::{
    api::session::{SignOut, current_user},
    codec::PageJson,
    components::{MeResource, Menu, Ready, SessionEpoch, TopBar},
    i18n::{use_locale, use_t},
    model::AppError,
};
use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, Redirect},
    hooks::use_location,
};

#[component]
pub fn Shell() -> impl IntoView {
    let t = use_t();
    let location = use_location();
    // Blocking, and carried into the page as `codec::PageJson`.
    // Reference-counted, not in the arena: a `Suspend` that wakes after a sign-out has taken the
    // reader out of the shell (and disposed the shell) still finds it.
    let me: ArcResource<_, PageJson> = ArcResource::new_with_options(
        move || (location.pathname.get(), SessionEpoch::get()),
        |_| current_user(),
        true,
    );
    provide_context(MeResource(me.clone()));
    // The bell's count comes with the actor (no second request); opening Notifications marks
    // them read, so there it is none. Kept live by the event stream below while the page is open.
    let live = RwSignal::new(None::<u32>);
    // Made here, not inside the Suspend below: a Transition keeps showing the old top bar while
    // the next page loads, and a signal made by the Suspend's last run would be disposed by then.
    let count = Signal::derive({
        let me = me.clone();
        move || {
            live.get().unwrap_or_else(|| {
                let on_notifications = location.pathname.with(|p| p == "/notifications");
                match me.get() {
                    Some(Ok(Some(actor))) if !on_notifications => actor.unread,
                    _ => 0,
                }
            })
        }
    });
    #[cfg(feature = "hydrate")]
    {
        // One stream per signed-in user in this page, opened again when another signs in.
        let user = Memo::new({
            let me = me.clone();
            move |_| me.get().and_then(|r| r.ok().flatten()).map(|a| a.user_id)
        });
        let stream = StoredValue::new_local(None::<crate::browser::EventStream>);
        Effect::new(move |_| {
            let signed_in = user.get().is_some();
            stream.set_value(None);
            live.set(None);
            if signed_in {
                let opened =
                    crate::browser::listen("/events/notifications", "unread", move |data| {
                        live.set(data.and_then(|d| d.parse().ok()));
                    });
                stream.set_value(opened);
            }
        });
    }
    let allowed = Memo::new({
        let me = me.clone();
        move |_| {
            me.get()
                .map(|r| matches!(r, Ok(Some(a)) if !a.must_change_password))
        }
    });
    Effect::new(move |_| crate::components::Flash::keep_only_for(&location.pathname.get()));
    // Someone who signed in here (or in another tab) may have chosen another language than the
    // one this page was rendered in: the server renders it anew in theirs.
    let page_locale = use_locale();
    Effect::new({
        let me = me.clone();
        move |_| {
            if let Some(Ok(Some(actor))) = me.get()
                && actor.locale != page_locale
            {
                crate::browser::reload();
            }
        }
    });
    let sign_out = ServerAction::<SignOut>::new();
    SessionEpoch::follow(move || matches!(sign_out.value().get(), Some(Ok(_))));

    // The page (the Outlet) is outside the Suspend that waits for the actor: inside it, each
    // wake-up of that Suspend built the page again on the server, and every page fetched its
    // data three times per request. The redirects and the frame still wait for the actor.
    let (me_bar, me_menu) = (me.clone(), me);
    view! {
        <a class="skip-link" href="#main">
            {t.skip_to_content}
        </a>
        <Transition>
            {move || {
                let me = me_bar.clone();
                Suspend::new(async move {
                    match me.await {
                        Ok(Some(actor)) if actor.must_change_password => {
                            view! { <Redirect path="/change-password" /> }.into_any()
                        }
                        Ok(Some(actor)) => {
                            Ready::new(move || {
                                    // Built once, when written: Suspense walks its children two or three times a
                                    // request to find their resources (see `pages::customers`).
                                    view! {
                                        <TopBar actor unread=count>
                                            <ActionForm action=sign_out>
                                                <button type="submit" class="button button-quiet">
                                                    {t.sign_out}
                                                </button>
                                            </ActionForm>
                                        </TopBar>
                                    }
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
                })
            }}
        </Transition>
        <div class="layout">
            <Transition>
                {move || {
                    let me = me_menu.clone();
                    Suspend::new(async move {
                        me.await
                            .ok()
                            .flatten()
                            .map(|actor| Ready::new(move || view! { <Menu actor /> }))
                    })
                }}
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
