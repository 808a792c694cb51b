//! The first step of **New customer**: the reseller, the organization, its domain (checked as it
//! is typed), its address and its contact person, in the order the page's language writes them.

use crate::{
    api::orders::check_new_domain,
    components::field_error,
    i18n::{country_name, use_locale, use_t},
    model::{AppError, CustomerDetails, DomainCheck, OrgId},
};
use leptos::prelude::*;

/// Customer details: the reseller, the organization, its domain (checked as it is typed), its
/// address and its contact person.
#[component]
pub(super) fn DetailsStep(
    details: RwSignal<CustomerDetails>,
    reseller: RwSignal<Option<OrgId>>,
    resellers: Vec<crate::model::PartnerChoice>,
    countries: Vec<String>,
    tenant_suffix: String,
    /// The last Next's or Submit's error; each field's entry is revised as it is typed.
    errors: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let error: Signal<Option<AppError>> = errors.into();
    let locale = use_locale();
    let reseller_error = field_error(error, "reseller");
    let country_error = field_error(error, "country");
    // The domain is checked 300 ms after typing pauses; a newer keystroke wins.
    let check = leptos::prelude::Action::new(|prefix: &String| check_new_domain(prefix.clone()));
    let check_later = crate::components::typing::check_when_typing_pauses(check);
    let edited = RwSignal::new(false);
    let submitted_domain_error = field_error(error, "domain_prefix");
    Effect::new(move |_| {
        if error.with(|e| e.is_some()) {
            edited.set(false);
        }
    });
    let on_domain = move |ev: leptos::ev::Event| {
        let prefix = event_target_value(&ev);
        details.update(|d| d.domain_prefix = prefix.clone());
        revise(errors, details, "domain_prefix");
        edited.set(true);
        check_later(prefix);
    };
    let status = move || -> Option<(bool, String)> {
        if !edited.get()
            && let Some(code) = submitted_domain_error.get()
        {
            return Some((false, t.error_code(code).to_owned()));
        }
        if check.pending().get() {
            return Some((true, t.domain_checking.to_owned()));
        }
        match check.value().get()? {
            Ok(DomainCheck {
                domain: Some(d),
                available: true,
                ..
            }) => Some((true, t.domain_available.replace("{domain}", &d))),
            Ok(DomainCheck {
                problem: Some(code),
                ..
            }) => Some((false, t.error_code(code).to_owned())),
            Ok(_) => None,
            Err(e) => Some((false, t.error(&e))),
        }
    };
    let invalid = move || status().is_some_and(|(ok, _)| !ok);
    let domain_hint = t.domain_hint.replace("{suffix}", &tenant_suffix);
    let suffix = format!(".{tenant_suffix}");
    view! {
        <div class="field" class:field-invalid=move || reseller_error.get().is_some()>
            <label for="f-reseller">{s.indirect_reseller}</label>
            <p class="hint" id="f-reseller-hint">
                {s.indirect_reseller_hint}
            </p>
            <select
                id="f-reseller"
                aria-describedby="f-reseller-hint"
                on:change=move |ev| {
                    reseller.set(event_target_value(&ev).parse().ok());
                    revise(errors, details, "reseller");
                }
            >
                <option value="" selected=move || reseller.get().is_none()>
                    {s.no_reseller}
                </option>
                {resellers
                    .into_iter()
                    .map(|r| {
                        let id = r.org_id;
                        view! {
                            <option
                                value=id.to_string()
                                selected=move || reseller.get() == Some(id)
                            >
                                {format!("{} ({})", r.name, r.mpn_id)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" hidden=move || reseller_error.get().is_none()>
                {move || reseller_error.get().map(|c| t.error_code(c))}
            </p>
        </div>
        <fieldset>
            <legend>{s.organization_legend}</legend>
            <DetailField
                label=t.company_name
                name="company"
                details
                get=|d| &d.company
                set=|d, v| d.company = v
                errors
                autocomplete="off"
            />
            <div class="field" class:field-invalid=invalid>
                <label for="f-domain_prefix">{t.primary_domain}</label>
                <p class="hint" id="f-domain_prefix-hint">
                    {domain_hint}
                </p>
                <div class="input-suffix">
                    <input
                        id="f-domain_prefix"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        required=true
                        aria-required="true"
                        aria-invalid=move || invalid().then_some("true")
                        aria-describedby="f-domain_prefix-hint f-domain_prefix-status"
                        prop:value=move || details.with(|d| d.domain_prefix.clone())
                        on:input=on_domain
                    />
                    <span aria-hidden="true">{suffix}</span>
                </div>
                <p
                    id="f-domain_prefix-status"
                    role="status"
                    aria-live="polite"
                    class=move || { if invalid() { "field-error" } else { "hint domain-status" } }
                >
                    {move || status().map(|(_, text)| text)}
                </p>
            </div>
            <div class="field" class:field-invalid=move || country_error.get().is_some()>
                <label for="f-country">{t.country}</label>
                <select
                    id="f-country"
                    aria-invalid=move || country_error.get().is_some().then_some("true")
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        details.update(|d| d.country = v);
                        revise(errors, details, "country");
                    }
                >
                    {countries
                        .into_iter()
                        .map(|c| {
                            let name = format!("{} ({c})", country_name(&c).unwrap_or_default());
                            let code = c.clone();
                            view! {
                                <option
                                    value=c
                                    selected=move || details.with(|d| d.country == code)
                                >
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="field-error" hidden=move || country_error.get().is_none()>
                    {move || country_error.get().map(|c| t.error_code(c))}
                </p>
            </div>
            {move || {
                let street = view! {
                    <DetailField
                        label=s.address
                        name="address"
                        details
                        get=|d| &d.address
                        set=|d, v| d.address = v
                        errors
                        autocomplete="address-line1"
                    />
                };
                let place = view! {
                    <div class="field-row">
                        <DetailField
                            label=s.postal_code
                            name="postal_code"
                            details
                            get=|d| &d.postal_code
                            set=|d, v| d.postal_code = v
                            errors
                            autocomplete="postal-code"
                        />
                        <DetailField
                            label=s.city
                            name="city"
                            details
                            get=|d| &d.city
                            set=|d, v| d.city = v
                            errors
                            autocomplete="address-level2"
                        />
                    </div>
                };
                if locale.street_last() {
                    view! {
                        {place}
                        {street}
                    }
                        .into_any()
                } else {
                    view! {
                        {street}
                        {place}
                    }
                        .into_any()
                }
            }}
        </fieldset>
        <fieldset>
            <legend>{s.contact_legend}</legend>
            <p class="hint">{s.contact_hint}</p>
            {move || {
                let given = view! {
                    <DetailField
                        label=s.first_name
                        name="first_name"
                        details
                        get=|d| &d.first_name
                        set=|d, v| d.first_name = v
                        errors
                        autocomplete="off"
                    />
                };
                let family = view! {
                    <DetailField
                        label=s.last_name
                        name="last_name"
                        details
                        get=|d| &d.last_name
                        set=|d, v| d.last_name = v
                        errors
                        autocomplete="off"
                    />
                };
                if locale.family_name_first() {
                    view! { <div class="field-row">{family} {given}</div> }.into_any()
                } else {
                    view! { <div class="field-row">{given} {family}</div> }.into_any()
                }
            }}
            <DetailField
                label=t.email
                name="email"
                details
                get=|d| &d.email
                set=|d, v| d.email = v
                errors
                input_type="email"
                autocomplete="off"
            />
            <DetailField
                label=s.phone
                name="phone"
                details
                get=|d| &d.phone
                set=|d, v| d.phone = v
                errors
                input_type="tel"
                autocomplete="off"
                hint=s.phone_hint
            />
        </fieldset>
    }
}

/// After `field` changed: its error goes as soon as its value is right (or names its new
/// problem), and the wizard's banner with the last one (see [`AppError::revised`]).
fn revise(errors: RwSignal<Option<AppError>>, details: RwSignal<CustomerDetails>, field: &str) {
    if errors.with_untracked(|e| e.as_ref().and_then(|e| e.field_code(field)).is_none()) {
        return;
    }
    let problem = details.with_untracked(|d| d.format_problem(field));
    errors.update(|e| *e = e.take().and_then(|e| e.revised(field, problem)));
}

/// A text field of the details step, bound to the wizard's state.
#[component]
fn DetailField(
    label: &'static str,
    name: &'static str,
    details: RwSignal<CustomerDetails>,
    get: fn(&CustomerDetails) -> &String,
    set: fn(&mut CustomerDetails, String),
    errors: RwSignal<Option<AppError>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let t = use_t();
    let id = format!("f-{name}");
    let err_id = format!("{id}-err");
    let hint_id = format!("{id}-hint");
    let code = field_error(errors.into(), name);
    let described_by = {
        let (hint_id, err_id) = (hint_id.clone(), err_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if code.get().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=move || code.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint
                .map(|h| {
                    view! {
                        <p class="hint" id=hint_id.clone()>
                            {h}
                        </p>
                    }
                })}
            <input
                id=id.clone()
                name=name
                type=input_type
                autocomplete=autocomplete
                required=true
                aria-required="true"
                aria-invalid=move || code.get().is_some().then_some("true")
                aria-describedby=described_by
                prop:value=move || details.with(|d| get(d).clone())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    details.update(|d| set(d, v));
                    revise(errors, details, name);
                }
            />
            <p class="field-error" id=err_id hidden=move || code.get().is_none()>
                {move || code.get().map(|c| t.error_code(c))}
            </p>
        </div>
    }
}
