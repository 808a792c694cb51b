//! The signed-in home page: the organization at a glance.

use crate::{
    api::directory::my_provider_profile,
    components::{Notice, use_me},
    i18n::{Fill, country_name, use_t},
    pages::directory::ProfileCard,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_t();
    let profile = Resource::new(|| (), |_| my_provider_profile());
    // Where declining a request leads (`routes::after_answer`).
    let query = use_query_map();
    let declined = move || query.with(|q| q.get("declined").is_some());
    view! {
        <Title text=t.menu_home />
        <Suspense>
            {move || Suspend::new(async move {
                use_me()
                    .await
                    .map(|actor| {
                        let roles = if actor.roles.is_empty() {
                            t.no_roles.to_owned()
                        } else {
                            actor.roles.iter().map(|r| t.role(*r)).collect::<Vec<_>>().join(", ")
                        };
                        view! {
                            <h1>{t.welcome.fill("{name}", &actor.user_name)}</h1>
                            <p class="lead">{t.home_lead}</p>
                            {declined()
                                .then(|| view! { <Notice>{t.request_declined_notice}</Notice> })}
                            <section class="card" aria-labelledby="org-heading">
                                <h2 id="org-heading">{t.organization}</h2>
                                <dl class="facts">
                                    <dt>{t.legal_name}</dt>
                                    <dd>{actor.org_name.clone()}</dd>
                                    <dt>{t.kind}</dt>
                                    <dd>{t.kind(actor.org_kind)}</dd>
                                    {actor
                                        .org_mpn_id
                                        .clone()
                                        .map(|mpn| {
                                            view! {
                                                <dt>{t.mpn_id}</dt>
                                                <dd>{mpn}</dd>
                                            }
                                        })}
                                    {actor
                                        .org_domain
                                        .clone()
                                        .map(|d| {
                                            view! {
                                                <dt>{t.primary_domain}</dt>
                                                <dd>{d}</dd>
                                            }
                                        })}
                                    <dt>{t.country}</dt>
                                    <dd>
                                        {country_name(&actor.org_country).unwrap_or_default()} " ("
                                        {actor.org_country.clone()} ")"
                                    </dd>
                                    <dt>{t.cloud}</dt>
                                    <dd>{t.cloud(actor.org_cloud)}</dd>
                                    <dt>{t.your_roles}</dt>
                                    <dd>{roles}</dd>
                                </dl>
                                <p class="hint">{t.region_note}</p>
                            </section>
                        }
                    })
            })}
        </Suspense>
        <Suspense>
            {move || Suspend::new(async move {
                profile
                    .await
                    .ok()
                    .flatten()
                    .map(|p| {
                        view! {
                            <section aria-labelledby="profile-heading">
                                <h2 id="profile-heading">{t.your_profile}</h2>
                                <p class="hint">{t.profile_note}</p>
                                <ProfileCard profile=p />
                            </section>
                        }
                    })
            })}
        </Suspense>
    }
}
