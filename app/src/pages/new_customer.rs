//! **New customer** (W10): **Indirect resellers** → a reseller → **Add new customer** (the reseller
//! preselected), or **Customers** → **Add new customer** (none). Customer details → **Next:
//! Subscriptions** → offers with license counts → **Next: Review** → **Submit** → **Confirmation**
//! with the **Setup info** shown once → **Done**. **Cancel** drops everything: the wizard's state
//! lives in this page until Submit, which writes it all in one transaction (once per request key).

use crate::{
    api::orders::{
        check_customer_details, check_new_domain, get_new_customer_form, place_new_customer,
    },
    components::{
        Confirm, ErrorAlert, Flash, FormAlert, field_error,
        offer_lines::{Counts, OfferLines, order_lines},
    },
    i18n::use_t,
    model::{
        AppError, CustomerDetails, DomainCheck, NewCustomerDone, NewCustomerForm, OrderLine, OrgId,
        validate::country_name,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    NavigateOptions,
    hooks::{use_navigate, use_query_map},
};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Details,
    Subscriptions,
    Review,
    Confirmation,
}

impl Step {
    const ALL: [Step; 4] = [
        Step::Details,
        Step::Subscriptions,
        Step::Review,
        Step::Confirmation,
    ];
}

/// The fields of the details step, in the order the server names them.
const DETAIL_FIELDS: [&str; 11] = [
    "reseller",
    "company",
    "domain_prefix",
    "country",
    "address",
    "city",
    "postal_code",
    "first_name",
    "last_name",
    "email",
    "phone",
];

#[component]
pub fn NewCustomerPage() -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let query = use_query_map();
    let preselected = query.with_untracked(|q| q.get("reseller").and_then(|r| r.parse().ok()));
    let form = Resource::new(|| (), |_| get_new_customer_form());
    view! {
        <Title text=s.new_customer />
        <p class="breadcrumb">
            <a href="/customers">{t.back_to_customers}</a>
        </p>
        <h1 id="page-title" tabindex="-1">
            {s.new_customer}
        </h1>
        <Suspense fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(f) => view! { <Wizard form=f preselected /> }.into_any(),
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A text field of the details step, bound to the wizard's state.
#[component]
fn DetailField(
    label: &'static str,
    name: &'static str,
    details: RwSignal<CustomerDetails>,
    get: fn(&CustomerDetails) -> &String,
    set: fn(&mut CustomerDetails, String),
    error: Signal<Option<AppError>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let t = use_t();
    let id = format!("f-{name}");
    let err_id = format!("{id}-err");
    let hint_id = format!("{id}-hint");
    let code = field_error(error, name);
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
                }
            />
            <p class="field-error" id=err_id hidden=move || code.get().is_none()>
                {move || code.get().map(|c| t.error_code(c))}
            </p>
        </div>
    }
}

#[component]
fn Wizard(form: NewCustomerForm, preselected: Option<OrgId>) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let NewCustomerForm {
        resellers,
        countries,
        home_country,
        tenant_suffix,
        offers,
        request_key,
        ..
    } = form;
    let step = RwSignal::new(Step::Details);
    let first_country = if countries.contains(&home_country) {
        home_country
    } else {
        countries.first().cloned().unwrap_or_default()
    };
    let details = RwSignal::new(CustomerDetails {
        country: first_country,
        ..Default::default()
    });
    let reseller =
        RwSignal::new(preselected.filter(|id| resellers.iter().any(|r| r.org_id == *id)));
    let counts: Counts = RwSignal::new(HashMap::new());
    let error: RwSignal<Option<AppError>> = RwSignal::new(None);
    let error_signal: Signal<Option<AppError>> = error.into();
    let busy = RwSignal::new(false);
    let done: RwSignal<Option<NewCustomerDone>> = RwSignal::new(None);
    let cancelling = RwSignal::new(false);
    let lines: RwSignal<Vec<OrderLine>> = RwSignal::new(Vec::new());
    let navigate = use_navigate();
    let origin = if preselected.is_some() {
        "/indirect-resellers"
    } else {
        "/customers"
    };

    let go = move |to: Step| {
        step.set(to);
        crate::browser::focus("step-title");
    };
    let to_subscriptions = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = check_customer_details(details.get_untracked()).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    error.set(None);
                    go(Step::Subscriptions);
                }
                Err(e) => {
                    error.set(Some(e));
                    crate::browser::focus("wizard-alert");
                }
            }
        });
    };
    let offers_for_review = offers.clone();
    let to_review = move |_| match counts.with_untracked(|c| order_lines(&offers_for_review, c)) {
        Ok(l) => {
            lines.set(l);
            error.set(None);
            go(Step::Review);
        }
        Err(e) => {
            error.set(Some(e));
            crate::browser::focus("wizard-alert");
        }
    };
    let submit = {
        let request_key = request_key.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let key = request_key.clone();
            leptos::task::spawn_local(async move {
                let result = place_new_customer(
                    key,
                    reseller.get_untracked(),
                    details.get_untracked(),
                    lines.get_untracked(),
                )
                .await;
                busy.set(false);
                match result {
                    Ok(d) => {
                        error.set(None);
                        done.set(Some(d));
                        go(Step::Confirmation);
                    }
                    Err(e) => {
                        // Back to the step whose field is wrong, where the error shows.
                        let back = match &e {
                            AppError::Invalid(fields) => {
                                if fields
                                    .iter()
                                    .any(|f| DETAIL_FIELDS.contains(&f.field.as_str()))
                                {
                                    Some(Step::Details)
                                } else {
                                    Some(Step::Subscriptions)
                                }
                            }
                            _ => None,
                        };
                        error.set(Some(e));
                        match back {
                            Some(to) => go(to),
                            None => crate::browser::focus("wizard-alert"),
                        }
                    }
                }
            });
        }
    };
    let cancel_to = {
        let navigate = navigate.clone();
        move || {
            Flash::set(origin, t.sales.cancelled_nothing_saved.to_owned());
            navigate(origin, NavigateOptions::default());
        }
    };
    let finish = {
        let navigate = navigate.clone();
        move |_| {
            if let Some(d) = done.get_untracked() {
                Flash::set("/customers", s.customer_added.replace("{name}", &d.name));
            }
            navigate("/customers", NavigateOptions::default());
        }
    };

    let reseller_name = {
        let resellers = resellers.clone();
        move || {
            reseller.get().and_then(|id| {
                resellers
                    .iter()
                    .find(|r| r.org_id == id)
                    .map(|r| format!("{} ({})", r.name, r.mpn_id))
            })
        }
    };
    let offers_by_id: HashMap<_, _> = offers.iter().map(|o| (o.id, o.clone())).collect();

    let details_step = {
        let resellers = resellers.clone();
        let countries = countries.clone();
        let tenant_suffix = tenant_suffix.clone();
        move || {
            view! {
                <DetailsStep
                    details
                    reseller
                    resellers=resellers.clone()
                    countries=countries.clone()
                    tenant_suffix=tenant_suffix.clone()
                    error=error_signal
                />
            }
        }
    };
    let subscriptions_step = {
        let offers = offers.clone();
        move || view! { <OfferLines offers=offers.clone() counts error=error_signal /> }
    };
    let review_step = {
        let tenant_suffix = tenant_suffix.clone();
        let reseller_name = reseller_name.clone();
        move || {
            let d = details.get_untracked();
            let domain = format!(
                "{}.{}",
                d.domain_prefix.trim().to_lowercase(),
                tenant_suffix
            );
            let country = format!(
                "{} ({})",
                country_name(&d.country).unwrap_or_default(),
                d.country
            );
            let rows = lines
                .get_untracked()
                .into_iter()
                .filter_map(|l| {
                    offers_by_id
                        .get(&l.offer_id)
                        .map(|o| (o.clone(), l.licenses))
                })
                .map(|(o, n)| {
                    view! {
                        <tr>
                            <th scope="row">{o.name}</th>
                            <td>{s.term_label(o.billing_term)}</td>
                            <td>{n}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <h3>{s.customer_details}</h3>
                <dl class="facts">
                    <dt>{s.indirect_reseller}</dt>
                    <dd>{reseller_name().unwrap_or_else(|| s.none_word.to_owned())}</dd>
                    <dt>{t.company_name}</dt>
                    <dd>{d.company.trim().to_owned()}</dd>
                    <dt>{t.primary_domain}</dt>
                    <dd>{domain}</dd>
                    <dt>{t.country}</dt>
                    <dd>{country}</dd>
                    <dt>{s.address}</dt>
                    <dd>
                        {format!(
                            "{}, {} {}",
                            d.address.trim(),
                            d.postal_code.trim(),
                            d.city.trim(),
                        )}
                    </dd>
                    <dt>{s.contact}</dt>
                    <dd>
                        {format!(
                            "{} {} · {} · {}",
                            d.first_name.trim(),
                            d.last_name.trim(),
                            d.email.trim(),
                            d.phone.trim(),
                        )}
                    </dd>
                </dl>
                <h3>{s.subscriptions_title}</h3>
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{s.offer}</th>
                            <th scope="col">{s.billing_term}</th>
                            <th scope="col">{s.licenses}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="hint">{s.review_hint}</p>
            }
        }
    };
    let confirmation_step = move || {
        done.get().map(|d| {
            let copy_text = format!(
                "{}: {}\n{}: {}",
                s.admin_user_name, d.admin_user, t.temporary_password, d.temporary_password
            );
            let copied = RwSignal::new(false);
            view! {
                <p>
                    {s.customer_created.replace("{name}", &d.name).replace("{domain}", &d.domain)}
                </p>
                <section class="card secret" aria-labelledby="setup-info">
                    <h3 id="setup-info">{s.setup_info}</h3>
                    <dl class="facts">
                        <dt>{s.admin_user_name}</dt>
                        <dd>
                            <output data-testid="admin-user">{d.admin_user.clone()}</output>
                        </dd>
                        <dt>{t.temporary_password}</dt>
                        <dd>
                            <output data-testid="temporary-password">
                                {d.temporary_password.clone()}
                            </output>
                        </dd>
                    </dl>
                    <p>
                        <strong>{s.setup_info_warning}</strong>
                    </p>
                    <p>
                        <button
                            type="button"
                            class="button button-small"
                            on:click=move |_| {
                                let text = copy_text.clone();
                                leptos::task::spawn_local(async move {
                                    copied.set(crate::browser::copy_text(&text).await);
                                });
                            }
                        >
                            {t.copy_to_clipboard}
                        </button>
                        <span role="status" class="hint">
                            {move || copied.get().then_some(t.copied)}
                        </span>
                    </p>
                </section>
            }
        })
    };

    view! {
        <ol class="steps" aria-label=s.steps>
            {Step::ALL
                .into_iter()
                .map(|st| {
                    view! {
                        <li
                            class:step-done=move || {
                                Step::ALL.iter().position(|x| *x == st)
                                    < Step::ALL.iter().position(|x| *x == step.get())
                            }
                            aria-current=move || (step.get() == st).then_some("step")
                        >
                            {s.step_label(st as usize)}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <section class="card wizard">
            <h2 id="step-title" tabindex="-1">
                {move || s.step_label(step.get() as usize)}
            </h2>
            <div id="wizard-alert" tabindex="-1">
                <FormAlert error=error_signal />
            </div>
            {move || match step.get() {
                Step::Details => details_step().into_any(),
                Step::Subscriptions => subscriptions_step().into_any(),
                Step::Review => review_step().into_any(),
                Step::Confirmation => confirmation_step().into_any(),
            }}
            <div class="wizard-actions">
                {move || match step.get() {
                    Step::Details => {
                        view! {
                            <button
                                type="button"
                                class="button button-primary"
                                disabled=move || busy.get()
                                on:click=to_subscriptions
                            >
                                {s.next_subscriptions}
                            </button>
                        }
                            .into_any()
                    }
                    Step::Subscriptions => {
                        view! {
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| {
                                    error.set(None);
                                    go(Step::Details);
                                }
                            >
                                {s.back}
                            </button>
                            <button
                                type="button"
                                class="button button-primary"
                                on:click=to_review.clone()
                            >
                                {s.next_review}
                            </button>
                        }
                            .into_any()
                    }
                    Step::Review => {
                        view! {
                            <button
                                type="button"
                                class="button"
                                disabled=move || busy.get()
                                on:click=move |_| {
                                    error.set(None);
                                    go(Step::Subscriptions);
                                }
                            >
                                {s.back}
                            </button>
                            <button
                                type="button"
                                class="button button-primary"
                                disabled=move || busy.get()
                                on:click=submit.clone()
                            >
                                {move || if busy.get() { t.saving } else { s.submit }}
                            </button>
                        }
                            .into_any()
                    }
                    Step::Confirmation => {
                        view! {
                            <button
                                type="button"
                                class="button button-primary"
                                on:click=finish.clone()
                            >
                                {s.done}
                            </button>
                        }
                            .into_any()
                    }
                }}
                {move || {
                    (step.get() != Step::Confirmation)
                        .then(|| {
                            view! {
                                <button
                                    id="wizard-cancel"
                                    type="button"
                                    class="button button-quiet"
                                    disabled=move || busy.get()
                                    on:click=move |_| cancelling.set(true)
                                >
                                    {s.cancel}
                                </button>
                            }
                        })
                }}
            </div>
        </section>
        {move || {
            let cancel_to = cancel_to.clone();
            cancelling
                .get()
                .then(|| {
                    view! {
                        <Confirm
                            title=s.cancel_title.to_owned()
                            paragraphs=vec![s.cancel_text.into()]
                            on_yes=Callback::new(move |_| {
                                cancelling.set(false);
                                cancel_to();
                            })
                            on_cancel=Callback::new(move |_| {
                                cancelling.set(false);
                                crate::browser::focus("wizard-cancel");
                            })
                        />
                    }
                })
        }}
    }
}

/// Customer details: the reseller, the organization, its domain (checked as it is typed), its
/// address and its contact person.
#[component]
fn DetailsStep(
    details: RwSignal<CustomerDetails>,
    reseller: RwSignal<Option<OrgId>>,
    resellers: Vec<crate::model::PartnerChoice>,
    countries: Vec<String>,
    tenant_suffix: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
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
                on:change=move |ev| reseller.set(event_target_value(&ev).parse().ok())
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
                error
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
            <DetailField
                label=s.address
                name="address"
                details
                get=|d| &d.address
                set=|d, v| d.address = v
                error
                autocomplete="street-address"
            />
            <div class="field-row">
                <DetailField
                    label=s.postal_code
                    name="postal_code"
                    details
                    get=|d| &d.postal_code
                    set=|d, v| d.postal_code = v
                    error
                    autocomplete="postal-code"
                />
                <DetailField
                    label=s.city
                    name="city"
                    details
                    get=|d| &d.city
                    set=|d, v| d.city = v
                    error
                    autocomplete="address-level2"
                />
            </div>
        </fieldset>
        <fieldset>
            <legend>{s.contact_legend}</legend>
            <p class="hint">{s.contact_hint}</p>
            <div class="field-row">
                <DetailField
                    label=s.first_name
                    name="first_name"
                    details
                    get=|d| &d.first_name
                    set=|d, v| d.first_name = v
                    error
                    autocomplete="off"
                />
                <DetailField
                    label=s.last_name
                    name="last_name"
                    details
                    get=|d| &d.last_name
                    set=|d, v| d.last_name = v
                    error
                    autocomplete="off"
                />
            </div>
            <DetailField
                label=t.email
                name="email"
                details
                get=|d| &d.email
                set=|d, v| d.email = v
                error
                input_type="email"
                autocomplete="off"
            />
            <DetailField
                label=s.phone
                name="phone"
                details
                get=|d| &d.phone
                set=|d, v| d.phone = v
                error
                input_type="tel"
                autocomplete="off"
                hint=s.phone_hint
            />
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detail_fields_cover_what_the_details_step_sends() {
        // Destructuring fails to compile when CustomerDetails gains a field not listed here.
        let CustomerDetails {
            company: _,
            domain_prefix: _,
            country: _,
            address: _,
            city: _,
            postal_code: _,
            first_name: _,
            last_name: _,
            email: _,
            phone: _,
        } = CustomerDetails::default();
        for name in [
            "company",
            "domain_prefix",
            "country",
            "address",
            "city",
            "postal_code",
            "first_name",
            "last_name",
            "email",
            "phone",
        ] {
            assert!(DETAIL_FIELDS.contains(&name), "{name}");
        }
        assert!(!DETAIL_FIELDS.contains(&"offers"));
    }
}
