//! Where the wasm splits: every page is a lazy route in one of four groups, so a group's code
//! (and what only it uses) sits in a chunk of its own that the browser fetches when one of its
//! pages is first shown, not in the module every visitor downloads. The main module keeps the
//! document, the router, the shell around the signed-in pages, and what every group needs.
//!
//! On the server a page renders in place, and the chunks its group needs are named in its head
//! as preloads (Leptos reads them from cargo-leptos' split manifest; the names carry a hash of
//! the split point's line in this file, so the server and the wasm must be built from the same
//! source, as `make build` does). In the browser the router loads the chunks before it hydrates
//! the page or shows it after a navigation (`crate::hydrate` hydrates asynchronously for that).
//! The cutting itself is `cargo leptos build --split` (see the Makefile).

use super::{
    account::{AccountPage, ChangePasswordPage},
    activity::ActivityPage,
    agreement::AgreementPage,
    api_tokens::ApiTokensPage,
    customer_account::CustomerAccountPage,
    customer_requests::{InviteCustomersPage, NewRelationshipPage},
    customer_users::CustomerUsersPage,
    customers::CustomersPage,
    directory::{DirectoryPage, OperatorDirectoryPage},
    enroll::EnrollPage,
    home::HomePage,
    invitations::InvitationsPage,
    invite::InvitePage,
    new_customer::NewCustomerPage,
    notifications::NotificationsPage,
    offers::OffersPage,
    partners::PartnersPage,
    providers::ProvidersPage,
    resellers::ResellersPage,
    sign_in::SignInPage,
    subscriptions::{NewSubscriptionPage, SubscriptionPage, SubscriptionsPage},
    users::UsersPage,
    webhooks::WebhooksPage,
};
use leptos::prelude::*;
use leptos_router::{Lazy, LazyRoute};

/// `split_fn, __preload_split_fn: Group { Route => Page, … }`: one split point (`split_fn`, a
/// lazily loaded function, and the function `#[lazy]` makes to load its chunk) for a group of
/// pages, and for each page a route type `Route` whose view is the component
/// `Page`, shown through that function. The pages create their own resources, so a route has no
/// data of its own to start early.
///
/// Pages are grouped rather than split one by one: the splitter puts each set of functions that
/// the same split points reach into a chunk of its own, and 26 split points made ~560 chunks
/// (250 requests for the invitation page, and all chunks together 70% larger than the one
/// module, as small files compress worse). Groups keep that to a handful of files.
macro_rules! page_group {
    (
        $(#[$doc:meta])*
        $split:ident, $preload:ident : $group:ident { $($route:ident => $page:ident),* $(,)? }
    ) => {
        #[derive(Clone, Copy)]
        enum $group {
            $($route),*
        }

        $(#[$doc])*
        #[leptos::lazy]
        fn $split(page: $group) -> AnyView {
            match page {
                $($group::$route => view! { <$page /> }.into_any()),*
            }
        }

        $(
            #[doc = concat!("The route of [`", stringify!($page), "`], loaded with its group.")]
            pub struct $route;

            impl $route {
                /// The route's view, for `<Route view=…>`.
                pub fn lazy() -> Lazy<Self> {
                    Lazy::new()
                }
            }

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    $split($group::$route).await
                }

                // The router loads the chunk before it builds the view: a view that had to wait
                // for it could not take over the server's HTML when the page hydrates.
                async fn preload() {
                    #[cfg(feature = "hydrate")]
                    $preload().await;
                }
            }
        )*
    };
}

page_group! {
    /// The page a customer opens from a link: first contact, often on a slow phone, so it loads
    /// nothing else's code.
    invitation_pages, __preload_invitation_pages: InvitationPages {
        Invite => InvitePage,
    }
}

page_group! {
    /// What a visitor without a session reaches.
    visitor_pages, __preload_visitor_pages: VisitorPages {
        SignIn => SignInPage,
        Enroll => EnrollPage,
        ChangePassword => ChangePasswordPage,
        Directory => DirectoryPage,
        Agreement => AgreementPage,
    }
}

page_group! {
    /// A partner's customers and what hangs off them.
    customer_pages, __preload_customer_pages: CustomerPages {
        Customers => CustomersPage,
        NewRelationship => NewRelationshipPage,
        InviteCustomers => InviteCustomersPage,
        CustomerAccount => CustomerAccountPage,
        NewCustomer => NewCustomerPage,
        Subscriptions => SubscriptionsPage,
        NewSubscription => NewSubscriptionPage,
        Subscription => SubscriptionPage,
        CustomerUsers => CustomerUsersPage,
    }
}

page_group! {
    /// The other signed-in pages: Home first after signing in.
    work_pages, __preload_work_pages: WorkPages {
        Home => HomePage,
        Users => UsersPage,
        ApiTokens => ApiTokensPage,
        Webhooks => WebhooksPage,
        Activity => ActivityPage,
        Notifications => NotificationsPage,
        Account => AccountPage,
        Resellers => ResellersPage,
        Providers => ProvidersPage,
        Partners => PartnersPage,
        Invitations => InvitationsPage,
        OperatorDirectory => OperatorDirectoryPage,
        Offers => OffersPage,
    }
}
