//! The public directory of indirect providers (W2), and the operator's page that fills in or
//! hides profiles.

use crate::{
    api::directory::{UpdateProviderProfile, search_directory},
    components::{ErrorAlert, Field, FormAlert, Notice, field_error},
    i18n::{country_name, use_locale, use_t},
    model::{ProviderProfile, countries, validate::SEARCH_MAX_CHARS},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Anyone may read it; the search is a plain GET form, so it works without the wasm too.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let t = use_t();
    let query = use_query_map();
    let country = move || query.with(|q| q.get("country").filter(|c| !c.is_empty()));
    let name = move || query.with(|q| q.get("name").filter(|n| !n.is_empty()));
    let results = Resource::new(move || (country(), name()), |(c, n)| search_directory(c, n));
    let countries: Vec<(&str, &str)> = countries::sorted(use_locale()).collect();
    view! {
        <Title text=t.directory_title />
        <main id="main" class="page-public">
            <p class="brand brand-large">
                <a href="/" class="brand">
                    {t.app_name}
                </a>
            </p>
            <h1>{t.directory_title}</h1>
            <p class="lead">{t.directory_lead}</p>
            <form method="get" action="/directory" class="search-form" role="search">
                <div class="field">
                    <label for="dir-country">{t.filter_country}</label>
                    <select id="dir-country" name="country">
                        <option value="">{t.any_country}</option>
                        {countries
                            .into_iter()
                            .map(|(code, label)| {
                                let selected = move || country().as_deref() == Some(code);
                                view! {
                                    <option value=code selected=selected>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="dir-name">{t.search_name}</label>
                    <input
                        id="dir-name"
                        name="name"
                        type="search"
                        maxlength=SEARCH_MAX_CHARS.to_string()
                        value=name
                    />
                </div>
                <button type="submit" class="button button-primary">
                    {t.search}
                </button>
            </form>
            <Transition fallback=move || {
                view! { <p class="loading">{t.loading}</p> }
            }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(list) if list.is_empty() => {
                            view! { <p class="empty">{t.no_providers_found}</p> }.into_any()
                        }
                        Ok(list) => {
                            view! {
                                <ul class="cards">
                                    {list
                                        .into_iter()
                                        .map(|p| {
                                            view! {
                                                <li>
                                                    <ProfileCard profile=p />
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </main>
    }
}

/// One provider as the directory shows it.
#[component]
pub fn ProfileCard(profile: ProviderProfile) -> impl IntoView {
    let t = use_t();
    let served = profile
        .countries_served
        .iter()
        .map(|c| country_name(c).unwrap_or(c.as_str()).to_owned())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <article class="card profile" aria-label=profile.name.clone()>
            <h2>{profile.name.clone()}</h2>
            {(!profile.verified)
                .then(|| {
                    view! {
                        <p class="hint">
                            <span class="state state-pending">{t.unverified}</span>
                            " "
                            {t.unverified_hint}
                        </p>
                    }
                })}
            {profile
                .hidden
                .then(|| {
                    view! {
                        <p class="hint">
                            <strong>{t.hidden}</strong>
                        </p>
                    }
                })}
            <dl class="facts">
                <dt>{t.country}</dt>
                <dd>{country_name(&profile.country).unwrap_or_default()}</dd>
                <dt>{t.countries_served}</dt>
                <dd>{served}</dd>
                {(!profile.website.is_empty())
                    .then(|| {
                        view! {
                            <dt>{t.website}</dt>
                            <dd>
                                <a href=profile.website.clone() rel="noopener noreferrer external">
                                    {profile.website.clone()}
                                </a>
                            </dd>
                        }
                    })}
                {(!profile.contact_email.is_empty())
                    .then(|| {
                        view! {
                            <dt>{t.contact}</dt>
                            <dd>
                                <a href=crate::browser::mailto_address(
                                    &profile.contact_email,
                                )>{profile.contact_email.clone()}</a>
                            </dd>
                        }
                    })}
            </dl>
            {(!profile.description.is_empty())
                .then(|| view! { <p>{profile.description.clone()}</p> })}
        </article>
    }
}

/// The operator's page: every profile (hidden ones too), each with its own form, so that an
/// error shows on the card it belongs to.
#[component]
pub fn OperatorDirectoryPage() -> impl IntoView {
    let t = use_t();
    let list = Resource::new(|| (), |_| search_directory(None, None));
    view! {
        <Title text=t.menu_operator_directory />
        <h1>{t.menu_operator_directory}</h1>
        <p class="lead">{t.operator_directory_lead}</p>
        <Transition fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(profiles) if profiles.is_empty() => {
                        view! { <p class="empty">{t.no_providers_found}</p> }.into_any()
                    }
                    Ok(profiles) => {
                        profiles
                            .into_iter()
                            .map(|p| view! { <ProfileEditor profile=p /> })
                            .collect_view()
                            .into_any()
                    }
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProfileEditor(profile: ProviderProfile) -> impl IntoView {
    let t = use_t();
    let update = ServerAction::<UpdateProviderProfile>::new();
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let id = profile.org_id.to_string();
    let heading_id = format!("p-{id}");
    view! {
        <section class="card" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{profile.name.clone()}</h2>
            <FormAlert error />
            {move || {
                matches!(update.value().get(), Some(Ok(())))
                    .then(|| view! { <Notice>{t.profile_saved}</Notice> })
            }}
            <ActionForm action=update attr:novalidate="" attr:class="form-grid">
                <input type="hidden" name="provider_id" value=id.clone() />
                <Field
                    label=t.countries_served
                    name="profile[countries_served]"
                    id=format!("{id}-countries")
                    hint=t.countries_served_hint
                    value=profile.countries_served.join(" ")
                    error=field_error(error, "countries_served")
                />
                <Field
                    label=t.website
                    name="profile[website]"
                    id=format!("{id}-website")
                    input_type="url"
                    value=profile.website.clone()
                    error=field_error(error, "website")
                />
                <Field
                    label=t.contact
                    name="profile[contact_email]"
                    id=format!("{id}-contact")
                    input_type="email"
                    value=profile.contact_email.clone()
                    error=field_error(error, "contact_email")
                />
                <div class="field field-wide">
                    <label for=format!("desc-{id}")>{t.description}</label>
                    <textarea id=format!("desc-{id}") name="profile[description]" rows="3">
                        {profile.description.clone()}
                    </textarea>
                </div>
                <label class="check">
                    <input type="checkbox" name="profile[hidden]" checked=profile.hidden />
                    {t.hidden}
                </label>
                <label class="check">
                    <input type="checkbox" name="profile[verified]" checked=profile.verified />
                    {t.verified}
                </label>
                <button
                    type="submit"
                    class="button button-primary"
                    disabled=move || update.pending().get()
                >
                    {t.save_profile}
                </button>
            </ActionForm>
        </section>
    }
}
