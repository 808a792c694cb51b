//! Enrollment of a partner organization and its first Global admin. A plain form post, so that it
//! works before the wasm has loaded; once hydrated, the browser's time zone is sent along.

use crate::{
    api::session::Enroll,
    components::{Field, FormAlert, SessionEpoch, field_error},
    i18n::{use_locale, use_t},
    model::{Cloud, OrgKind, countries},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn EnrollPage() -> impl IntoView {
    let t = use_t();
    view! {
        <Title text=t.enroll_title />
        <main id="main" class="auth-page">
            <div class="card auth-card auth-card-wide">
                <p class="brand brand-large">{t.app_name}</p>
                <h1>{t.enroll_title}</h1>
                <p class="lead">{t.enroll_lead}</p>
                <EnrollForm />
                <p class="switch">{t.have_account} " " <a href="/sign-in">{t.sign_in}</a></p>
            </div>
        </main>
    }
}

/// The enrollment form. With `fixed_kind` the kind is not asked (enrolling as an indirect
/// reseller from an invitation); `next` is where to go afterwards.
#[component]
pub fn EnrollForm(
    #[prop(optional)] fixed_kind: Option<OrgKind>,
    #[prop(optional, into)] next: Option<String>,
) -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<Enroll>::new();
    SessionEpoch::follow(move || matches!(action.value().get(), Some(Ok(_))));
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let kind_error = field_error(error, "kind");

    let kind_choice = match fixed_kind {
        Some(kind) => {
            view! { <input type="hidden" name="form[kind]" value=kind.as_str() /> }.into_any()
        }
        None => view! {
            <fieldset
                class="field choice"
                class:field-invalid=move || kind_error.get().is_some()
                aria-describedby="f-kind-err"
            >
                <legend>{t.org_kind}</legend>
                <label>
                    <input type="radio" name="form[kind]" value="provider" required=true />
                    {t.kind_provider}
                </label>
                <label>
                    <input type="radio" name="form[kind]" value="reseller" />
                    {t.kind_reseller}
                </label>
                <p class="field-error" id="f-kind-err" hidden=move || kind_error.get().is_none()>
                    {move || kind_error.get().map(|c| t.error_code(c))}
                </p>
            </fieldset>
        }
        .into_any(),
    };
    view! {
        <FormAlert error />
        <ActionForm action attr:novalidate="">
            {next.map(|n| view! { <input type="hidden" name="next" value=n /> })}
            <fieldset>
                <legend>{t.organization_section}</legend>
                {kind_choice}
                <Field
                    label=t.legal_name
                    name="form[legal_name]"
                    autocomplete="organization"
                    required=true
                    error=field_error(error, "legal_name")
                />
                <CountryCloudFields error />
                <Field
                    label=t.mpn_id
                    name="form[mpn_id]"
                    inputmode="numeric"
                    hint=t.mpn_id_hint
                    required=true
                    error=field_error(error, "mpn_id")
                />
            </fieldset>
            <FirstAdminFields error note=t.first_user_note />
            <BrowserTimeZone />
            <button
                type="submit"
                class="button button-primary"
                disabled=move || action.pending().get()
            >
                {t.enroll}
            </button>
        </ActionForm>
    }
}

/// The organization's country and cloud (`form[country]`, `form[cloud]`), preselected when the
/// page knows better (an invitation from a partner in that country and cloud).
#[component]
pub fn CountryCloudFields(
    #[prop(into)] error: Signal<Option<crate::model::AppError>>,
    #[prop(optional)] country: Option<String>,
    #[prop(optional)] cloud: Option<Cloud>,
) -> impl IntoView {
    let t = use_t();
    let countries: Vec<(&str, &str)> = countries::sorted(use_locale()).collect();
    let country_error = field_error(error, "country");
    let cloud_error = field_error(error, "cloud");
    let chosen_country = country.unwrap_or_default();
    let chosen_cloud = cloud.unwrap_or(Cloud::Public);
    view! {
        <div class="field" class:field-invalid=move || country_error.get().is_some()>
            <label for="f-country">{t.country}</label>
            <select
                id="f-country"
                name="form[country]"
                required=true
                autocomplete="country"
                aria-invalid=move || country_error.get().is_some().then_some("true")
                aria-describedby="f-country-err"
            >
                <option value="">{t.choose_country}</option>
                {countries
                    .into_iter()
                    .map(|(code, name)| {
                        view! {
                            <option value=code selected=code == chosen_country>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" id="f-country-err" hidden=move || country_error.get().is_none()>
                {move || country_error.get().map(|c| t.error_code(c))}
            </p>
        </div>
        <div class="field" class:field-invalid=move || cloud_error.get().is_some()>
            <label for="f-cloud">{t.cloud}</label>
            <select id="f-cloud" name="form[cloud]" aria-describedby="f-cloud-err">
                {Cloud::ALL
                    .into_iter()
                    .map(|c| {
                        view! {
                            <option value=c.as_str() selected=c == chosen_cloud>
                                {t.cloud(c)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" id="f-cloud-err" hidden=move || cloud_error.get().is_none()>
                {move || cloud_error.get().map(|c| t.error_code(c))}
            </p>
        </div>
    }
}

/// The first user of a new organization, a Global admin: name, email, password.
#[component]
pub fn FirstAdminFields(
    #[prop(into)] error: Signal<Option<crate::model::AppError>>,
    #[prop(optional)] note: Option<&'static str>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <fieldset>
            <legend>{t.first_user_section}</legend>
            <Field
                label=t.your_name
                name="form[name]"
                autocomplete="name"
                required=true
                error=field_error(error, "name")
            />
            <Field
                label=t.email
                name="form[email]"
                input_type="email"
                autocomplete="email"
                required=true
                error=field_error(error, "email")
            />
            <Field
                label=t.password
                name="form[password]"
                input_type="password"
                autocomplete="new-password"
                hint=t.password_hint
                required=true
                error=field_error(error, "password")
            />
            {note.map(|n| view! { <p class="hint">{n}</p> })}
        </fieldset>
    }
}

/// The browser's time zone as `form[time_zone]`: UTC until the wasm has loaded and read it.
#[component]
pub fn BrowserTimeZone() -> impl IntoView {
    let time_zone = RwSignal::new(String::from("UTC"));
    Effect::new(move |_| {
        if let Some(tz) = crate::browser::time_zone() {
            time_zone.set(tz);
        }
    });
    view! {
        <input
            type="hidden"
            name="form[time_zone]"
            prop:value=move || time_zone.get()
            value="UTC"
        />
    }
}
