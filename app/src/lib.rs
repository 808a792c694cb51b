//! Tierlink's face: pages, components, the shared model and the API contract. Compiled to wasm
//! (feature `hydrate`) for the browser and into the server (feature `ssr`) for server rendering.
// Deep view types (tables of rows of forms) need more than the default 128.
#![recursion_limit = "256"]

pub mod api;
pub mod browser;
pub mod codec;
pub mod components;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod routes;

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{ParentRoute, Route, Router, Routes},
    path,
};
use pages::{not_found::NotFoundPage, shell::Shell, split};

// Every route renders in order once its data is there (`SsrMode::Async`): without JavaScript a
// streamed Suspense fallback would never be replaced, and sign-in, enrollment and invitations
// must work before the wasm has loaded. Pages read a few milliseconds of SQLite, so waiting costs
// little.

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    provide_request_nonce();
    let locale = page_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.ico" />
                // With hashed file names (a release build) the link names this build's CSS.
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The server's middleware makes a nonce for each response's Content-Security-Policy; the
/// hydration scripts must carry the same one.
#[cfg(feature = "ssr")]
fn provide_request_nonce() {
    if let Some(nonce) = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<api::CspNonce>().cloned())
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}

/// The language of this page: on the server, the one the request resolved to (see the server's
/// `http::session`); in the browser, the one the server wrote into `<html lang>`, so hydration
/// reads the same strings the server rendered.
pub(crate) fn page_locale() -> i18n::Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<api::RequestCtx>().map(|c| c.locale))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        browser::document_lang()
            .and_then(|tag| i18n::Locale::from_tag(&tag))
            .unwrap_or_default()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(page_locale());
    provide_context(components::SessionEpoch(RwSignal::new(0)));
    provide_context(components::Flash(RwSignal::new(None)));
    let t = i18n::use_t();
    view! {
        <Title formatter=move |page: String| format!("{page} · {}", t.app_name) />
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/sign-in") view=split::SignIn::lazy() ssr=SsrMode::Async />
                <Route path=path!("/enroll") view=split::Enroll::lazy() ssr=SsrMode::Async />
                <Route
                    path=path!("/change-password")
                    view=split::ChangePassword::lazy()
                    ssr=SsrMode::Async
                />
                <Route path=path!("/directory") view=split::Directory::lazy() ssr=SsrMode::Async />
                <Route path=path!("/invite/:token") view=split::Invite::lazy() ssr=SsrMode::Async />
                <Route
                    path=path!("/customer-agreement")
                    view=split::Agreement::lazy()
                    ssr=SsrMode::Async
                />
                <ParentRoute path=path!("") view=Shell ssr=SsrMode::Async>
                    <Route path=path!("") view=split::Home::lazy() ssr=SsrMode::Async />
                    <Route path=path!("/users") view=split::Users::lazy() ssr=SsrMode::Async />
                    <Route
                        path=path!("/api-tokens")
                        view=split::ApiTokens::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/webhooks")
                        view=split::Webhooks::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/activity")
                        view=split::Activity::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/notifications")
                        view=split::Notifications::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/account") view=split::Account::lazy() ssr=SsrMode::Async />
                    <Route
                        path=path!("/indirect-resellers")
                        view=split::Resellers::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/indirect-providers")
                        view=split::Providers::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/indirect-providers/:id/invite-customers")
                        view=split::InviteCustomers::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/customers")
                        view=split::Customers::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/customers/new-relationship")
                        view=split::NewRelationship::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/customers/:id/account")
                        view=split::CustomerAccount::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/customers/new")
                        view=split::NewCustomer::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/customers/:id/subscriptions")
                        view=split::Subscriptions::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/customers/:id/subscriptions/new")
                        view=split::NewSubscription::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/customers/:id/subscriptions/:sub")
                        view=split::Subscription::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/customers/:id/users")
                        view=split::CustomerUsers::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/partners")
                        view=split::Partners::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/invitations")
                        view=split::Invitations::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/operator/directory")
                        view=split::OperatorDirectory::lazy()
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/operator/offers")
                        view=split::Offers::lazy()
                        ssr=SsrMode::Async
                    />
                </ParentRoute>
            </Routes>
            <components::LanguageSwitch action=api::language::SetLanguage::url() />
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    browser::offer_reload_on_panic();
    // Lazily: the page's route awaits its chunk of the wasm (`pages::split`) before it hydrates.
    wasm_bindgen_futures::spawn_local(async {
        leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), App)
            .await
            .forget();
        browser::mark_hydrated();
    });
}
