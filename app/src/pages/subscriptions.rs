//! A customer's subscriptions (W12): the customer's **Subscriptions** page, **New subscription**
//! (offers, license counts, optionally the reseller to associate for incentives), and a
//! subscription's details with its licenses, **Reseller (MPN ID)** and **Designated support
//! contact**.
//! (Over 500 lines: three pages of one concept, sharing the partner choices' components.)

use crate::{
    api::orders::{
        SetSubscriptionLicenses, SetSubscriptionPartners, add_subscriptions, check_reseller_mpn,
        get_customer_subscriptions, get_new_subscription_form, get_subscription_detail,
    },
    components::{
        DataTable, ErrorAlert, Flash, FormAlert, Notice, field_error,
        offer_lines::{Counts, OfferLines, order_lines},
    },
    i18n::{Fill, use_t},
    model::{
        AppError, CustomerSubscriptions, NewSubscriptionForm, OrgId, SubscriptionDetail,
        SubscriptionId,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    NavigateOptions,
    hooks::{use_navigate, use_params_map},
};
use std::collections::HashMap;

fn customer_param() -> Memo<Option<OrgId>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse().ok())))
}

/// The path of a customer's Subscriptions page.
fn list_path(id: OrgId) -> String {
    format!("/customers/{id}/subscriptions")
}

#[component]
pub fn SubscriptionsPage() -> impl IntoView {
    let t = use_t();
    let id = customer_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_customer_subscriptions(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p class="breadcrumb">
            <a href="/customers">{t.back_to_customers}</a>
        </p>
        <Transition fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <SubscriptionList data=d /> }.into_any(),
                    Err(e) => {
                        view! {
                            <Title text=t.sales.subscriptions_title />
                            <h1>{t.sales.subscriptions_title}</h1>
                            <ErrorAlert error=e />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn SubscriptionList(data: CustomerSubscriptions) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let id = data.org_id;
    let title = format!("{} — {}", data.name, s.subscriptions_title);
    let flash = Flash::for_owned_path(list_path(id));
    let table = if data.rows.is_empty() {
        view! { <p class="empty">{s.no_subscriptions}</p> }.into_any()
    } else {
        view! {
            <DataTable headers=vec![
                s.offer,
                s.licenses,
                s.status,
                s.reseller_mpn,
                s.support_contact,
                s.created,
            ]>
                {data
                    .rows
                    .into_iter()
                    .map(|r| {
                        let href = format!("/customers/{id}/subscriptions/{}", r.id);
                        view! {
                            <tr>
                                <th scope="row">
                                    <a href=href>{r.offer}</a>
                                </th>
                                <td data-label=s
                                    .licenses>
                                    {s
                                        .assigned_of
                                        .replace("{assigned}", &r.assigned.to_string())
                                        .replace("{total}", &r.licenses.to_string())}
                                </td>
                                <td data-label=s.status>{s.status_label(r.status)}</td>
                                <td data-label=s
                                    .reseller_mpn>
                                    {r.reseller.unwrap_or_else(|| s.none_word.to_owned())}
                                </td>
                                <td data-label=s.support_contact>{r.support_contact}</td>
                                <td data-label=s.created>{r.created}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </DataTable>
        }
        .into_any()
    };
    view! {
        <Title text=title.clone() />
        <h1 id="page-title" tabindex="-1">
            {title}
        </h1>
        <p class="lead">{data.domain}</p>
        {move || flash.get().map(|text| view! { <Notice>{text}</Notice> })}
        <p class="page-actions">
            {data
                .may_order
                .then(|| {
                    view! {
                        <a
                            href=format!("/customers/{id}/subscriptions/new")
                            class="button button-primary"
                        >
                            {s.add_subscription}
                        </a>
                    }
                })} <a href=format!("/customers/{id}/account") class="button">
                {t.account_tab}
            </a>
        </p>
        {table}
    }
}

#[component]
pub fn NewSubscriptionPage() -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let id = customer_param();
    let form = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_new_subscription_form(id).await.map(|f| (id, f)),
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=s.new_subscription />
        <p class="breadcrumb">
            <a href="/customers">{t.back_to_customers}</a>
        </p>
        <h1 id="page-title" tabindex="-1">
            {s.new_subscription}
        </h1>
        <Suspense fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok((id, f)) => view! { <NewSubscription id form=f /> }.into_any(),
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewSubscription(id: OrgId, form: NewSubscriptionForm) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let NewSubscriptionForm {
        customer_name,
        offers,
        resellers,
        request_key,
    } = form;
    let counts: Counts = RwSignal::new(HashMap::new());
    let reseller: RwSignal<Option<OrgId>> = RwSignal::new(None);
    let error: RwSignal<Option<AppError>> = RwSignal::new(None);
    let error_signal: Signal<Option<AppError>> = error.into();
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let reseller_error = field_error(error_signal, "reseller");
    let submit = {
        let offers = offers.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let lines = match counts.with_untracked(|c| order_lines(&offers, c)) {
                Ok(l) => l,
                Err(e) => {
                    error.set(Some(e));
                    crate::browser::focus("form-alert");
                    return;
                }
            };
            busy.set(true);
            let key = request_key.clone();
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                let result = add_subscriptions(id, key, lines, reseller.get_untracked()).await;
                busy.set(false);
                match result {
                    Ok(ids) => {
                        let path = list_path(id);
                        Flash::set(
                            &path,
                            s.subscriptions_added.replace("{n}", &ids.len().to_string()),
                        );
                        navigate(&path, NavigateOptions::default());
                    }
                    Err(e) => {
                        error.set(Some(e));
                        crate::browser::focus("form-alert");
                    }
                }
            });
        }
    };
    view! {
        <p class="lead">{s.new_subscription_lead.fill("{name}", &customer_name)}</p>
        <form class="card" on:submit=submit novalidate>
            <div id="form-alert" tabindex="-1">
                <FormAlert error=error_signal />
            </div>
            <OfferLines offers counts error=error_signal />
            <div class="field" class:field-invalid=move || reseller_error.get().is_some()>
                <label for="f-reseller">{s.reseller_for_incentives}</label>
                <p class="hint" id="f-reseller-hint">
                    {s.reseller_for_incentives_hint}
                </p>
                <select
                    id="f-reseller"
                    aria-describedby="f-reseller-hint"
                    on:change=move |ev| reseller.set(event_target_value(&ev).parse().ok())
                >
                    <option value="">{s.no_reseller}</option>
                    {resellers
                        .into_iter()
                        .map(|r| {
                            view! {
                                <option value=r
                                    .org_id
                                    .to_string()>{format!("{} ({})", r.name, r.mpn_id)}</option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="field-error" hidden=move || reseller_error.get().is_none()>
                    {move || reseller_error.get().map(|c| t.error_code(c))}
                </p>
            </div>
            <div class="wizard-actions">
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { t.saving } else { s.submit }}
                </button>
                <a href=list_path(id) class="button button-quiet">
                    {s.cancel}
                </a>
            </div>
        </form>
    }
}

#[component]
pub fn SubscriptionPage() -> impl IntoView {
    let t = use_t();
    let params = use_params_map();
    let ids = Memo::new(move |_| {
        params.with(|p| {
            let customer = p.get("id").and_then(|s| s.parse::<OrgId>().ok());
            let sub = p.get("sub").and_then(|s| s.parse::<SubscriptionId>().ok());
            customer.zip(sub)
        })
    });
    // The forms' actions live here, not in the part that re-renders with the new data, so that
    // their outcome ("Saved.", or the errors) stays on the page.
    let set_licenses = ServerAction::<SetSubscriptionLicenses>::new();
    let set_partners = ServerAction::<SetSubscriptionPartners>::new();
    let detail = Resource::new(
        move || {
            (
                ids.get(),
                set_licenses.version().get(),
                set_partners.version().get(),
            )
        },
        |(ids, ..)| async move {
            match ids {
                Some((c, s)) => get_subscription_detail(c, s).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Transition fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => {
                        view! { <Subscription detail=d set_licenses set_partners /> }.into_any()
                    }
                    Err(e) => {
                        view! {
                            <p class="breadcrumb">
                                <a href="/customers">{t.back_to_customers}</a>
                            </p>
                            <Title text=t.sales.subscription_title />
                            <h1>{t.sales.subscription_title}</h1>
                            <ErrorAlert error=e />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn Subscription(
    detail: SubscriptionDetail,
    set_licenses: ServerAction<SetSubscriptionLicenses>,
    set_partners: ServerAction<SetSubscriptionPartners>,
) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let customer = detail.customer_id;
    let title = format!("{} — {}", detail.offer.name, detail.customer_name);
    let licenses_error = Signal::derive(move || set_licenses.value().get().and_then(Result::err));
    let partners_error = Signal::derive(move || set_partners.value().get().and_then(Result::err));
    let saved = Signal::derive(move || {
        matches!(set_licenses.value().get(), Some(Ok(())))
            || matches!(set_partners.value().get(), Some(Ok(())))
    });
    let bounds = s
        .bounds
        .replace("{min}", &detail.offer.min_licenses.to_string())
        .replace("{max}", &detail.offer.max_licenses.to_string());
    let reseller_text = detail.reseller.as_ref().map_or_else(
        || s.none_word.to_owned(),
        |r| format!("{} ({})", r.name, r.mpn_id),
    );
    let contact_name = detail
        .contact_choices
        .iter()
        .find(|c| c.org_id == detail.support_contact)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    view! {
        <p class="breadcrumb">
            <a href=list_path(
                customer,
            )>{s.back_to_subscriptions.fill("{name}", &detail.customer_name)}</a>
        </p>
        <Title text=title.clone() />
        <h1 id="page-title" tabindex="-1">
            {title}
        </h1>
        {move || saved.get().then(|| view! { <Notice>{s.saved}</Notice> })}
        <section class="card">
            <dl class="facts">
                <dt>{s.offer}</dt>
                <dd>{detail.offer.name.clone()}</dd>
                <dt>{s.billing_term}</dt>
                <dd>{s.term_label(detail.offer.billing_term)}</dd>
                <dt>{s.licenses}</dt>
                <dd>
                    {s
                        .assigned_of
                        .replace("{assigned}", &detail.assigned.to_string())
                        .replace("{total}", &detail.licenses.to_string())}
                </dd>
                <dt>{s.status}</dt>
                <dd>{s.status_label(detail.status)}</dd>
                <dt>{s.sold_by}</dt>
                <dd>{detail.provider.clone()}</dd>
                <dt>{s.reseller_mpn}</dt>
                <dd>{reseller_text}</dd>
                <dt>{s.support_contact}</dt>
                <dd>{contact_name}</dd>
                <dt>{s.created}</dt>
                <dd>{format!("{} · {}", detail.created, detail.created_by)}</dd>
            </dl>
        </section>
        {detail
            .may_change_licenses
            .then(|| {
                let version = detail.version.clone();
                view! {
                    <section class="card" aria-labelledby="licenses-heading">
                        <h2 id="licenses-heading">{s.change_licenses}</h2>
                        <FormAlert error=licenses_error />
                        <ActionForm action=set_licenses attr:novalidate="">
                            <input
                                type="hidden"
                                name="subscription_id"
                                value=detail.id.to_string()
                            />
                            // The version read with the page: a change someone else made
                            // meanwhile is not overwritten (the page says so).
                            <input type="hidden" name="version" value=version />
                            <crate::components::Field
                                label=s.licenses
                                name="licenses"
                                input_type="number"
                                inputmode="numeric"
                                value=detail.licenses.to_string()
                                hint=s.licenses_change_hint
                                error=field_error(licenses_error, "licenses")
                            />
                            <p class="hint">{bounds}</p>
                            <button
                                type="submit"
                                class="button"
                                disabled=move || set_licenses.pending().get()
                            >
                                {s.change_licenses}
                            </button>
                        </ActionForm>
                    </section>
                }
            })}
        {if detail.may_change_partners {
            view! {
                <PartnersForm detail=detail.clone() action=set_partners error=partners_error />
            }
                .into_any()
        } else {
            view! { <p class="hint">{s.partners_by_seller}</p> }.into_any()
        }}
    }
}

/// **Reseller (MPN ID)**, checked as it is typed, and **Designated support contact** → **Submit**.
#[component]
fn PartnersForm(
    detail: SubscriptionDetail,
    action: ServerAction<SetSubscriptionPartners>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let check = leptos::prelude::Action::new(|mpn: &String| check_reseller_mpn(mpn.clone()));
    let check_later = crate::components::typing::check_when_typing_pauses(check);
    let edited = RwSignal::new(false);
    let submitted_error = field_error(error, "reseller_mpn_id");
    let contact_error = field_error(error, "support_contact");
    Effect::new(move |_| {
        if action.version().get() > 0 {
            edited.set(false);
        }
    });
    let on_input = move |ev: leptos::ev::Event| {
        edited.set(true);
        check_later(event_target_value(&ev));
    };
    let status = move || -> Option<(bool, String)> {
        if !edited.get()
            && let Some(code) = submitted_error.get()
        {
            return Some((false, t.error_code(code).to_owned()));
        }
        if !edited.get() {
            return None;
        }
        if check.pending().get() {
            return Some((true, s.checking_mpn.to_owned()));
        }
        match check.value().get()? {
            Ok(c) => match (c.reseller, c.problem) {
                (Some(r), _) => Some((true, s.mpn_is.fill("{name}", &r.name))),
                (None, Some(code)) => Some((false, t.error_code(code).to_owned())),
                (None, None) => None,
            },
            Err(e) => Some((false, t.error(&e))),
        }
    };
    let invalid = move || status().is_some_and(|(ok, _)| !ok);
    let current_mpn = detail
        .reseller
        .as_ref()
        .map(|r| r.mpn_id.clone())
        .unwrap_or_default();
    let contact = detail.support_contact;
    view! {
        <section class="card" aria-labelledby="partners-heading">
            <h2 id="partners-heading">{s.partners_heading}</h2>
            <FormAlert error />
            <ActionForm action attr:novalidate="">
                <input type="hidden" name="subscription_id" value=detail.id.to_string() />
                <input type="hidden" name="version" value=detail.version.clone() />
                <div class="field" class:field-invalid=invalid>
                    <label for="f-reseller_mpn_id">{s.reseller_mpn}</label>
                    <p class="hint" id="f-reseller_mpn_id-hint">
                        {s.reseller_mpn_hint}
                    </p>
                    <input
                        id="f-reseller_mpn_id"
                        name="reseller_mpn_id"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        value=current_mpn
                        aria-invalid=move || invalid().then_some("true")
                        aria-describedby="f-reseller_mpn_id-hint f-reseller_mpn_id-status"
                        on:input=on_input
                    />
                    <p
                        id="f-reseller_mpn_id-status"
                        role="status"
                        aria-live="polite"
                        class=move || if invalid() { "field-error" } else { "hint" }
                    >
                        {move || status().map(|(_, text)| text)}
                    </p>
                </div>
                <div class="field" class:field-invalid=move || contact_error.get().is_some()>
                    <label for="f-support_contact">{s.support_contact}</label>
                    <p class="hint" id="f-support_contact-hint">
                        {s.support_contact_hint}
                    </p>
                    <select
                        id="f-support_contact"
                        name="support_contact"
                        aria-describedby="f-support_contact-hint"
                    >
                        {detail
                            .contact_choices
                            .into_iter()
                            .map(|c| {
                                let label = if c.mpn_id.is_empty() {
                                    c.name.clone()
                                } else {
                                    format!("{} ({})", c.name, c.mpn_id)
                                };
                                view! {
                                    <option value=c.org_id.to_string() selected=c.org_id == contact>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <p class="field-error" hidden=move || contact_error.get().is_none()>
                        {move || contact_error.get().map(|c| t.error_code(c))}
                    </p>
                </div>
                <button
                    type="submit"
                    class="button button-primary"
                    disabled=move || action.pending().get()
                >
                    {s.submit}
                </button>
            </ActionForm>
        </section>
    }
}
