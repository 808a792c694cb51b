//! **New customer** (W10): **Indirect resellers** → a reseller → **Add new customer** (the reseller
//! preselected), or **Customers** → **Add new customer** (none). Customer details → **Next:
//! Subscriptions** → offers with license counts → **Next: Review** → **Submit** → **Confirmation**
//! with the **Setup info** shown once → **Done**. **Cancel** drops everything: the wizard's state
//! lives in this page until Submit, which writes it all in one transaction (once per request key).

mod confirmation;
mod details;
mod review;

use confirmation::ConfirmationStep;
use details::DetailsStep;
use review::ReviewStep;

use crate::{
    api::orders::{check_customer_details, get_new_customer_form, place_new_customer},
    components::{
        Confirm, ErrorAlert, Flash, FormAlert,
        offer_lines::{Counts, OfferLines, order_lines},
    },
    i18n::{Fill, use_t},
    model::{AppError, CustomerDetails, NewCustomerDone, NewCustomerForm, OrderLine, OrgId},
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
            let sent = details.get_untracked();
            let result = check_customer_details(sent.clone()).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    error.set(None);
                    go(Step::Subscriptions);
                }
                Err(e) => {
                    // A field fixed while the answer was on its way is not blamed for its old
                    // value.
                    let e = details.with_untracked(|now| now.revise(&sent, e));
                    let shown = e.is_some();
                    error.set(e);
                    if shown {
                        crate::browser::focus("wizard-alert");
                    }
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
                                if fields.iter().any(|f| {
                                    f.field == "reseller"
                                        || CustomerDetails::FIELDS.contains(&f.field.as_str())
                                }) {
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
                Flash::set("/customers", s.customer_added.fill("{name}", &d.name));
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
                    errors=error
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
        let offers_by_id = offers_by_id.clone();
        move || {
            view! {
                <ReviewStep
                    details=details.get_untracked()
                    lines=lines.get_untracked()
                    reseller=reseller_name()
                    tenant_suffix=tenant_suffix.clone()
                    offers_by_id=offers_by_id.clone()
                />
            }
        }
    };
    let confirmation_step = move || done.get().map(|d| view! { <ConfirmationStep done=d /> });

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
                            yes=s.discard_customer.to_owned()
                            no=s.keep_editing.to_owned()
                            destructive=true
                            on_yes=Callback::new(move |_| {
                                cancelling.set(false);
                                cancel_to();
                            })
                            on_cancel=Callback::new(move |_| cancelling.set(false))
                        />
                    }
                })
        }}
    }
}
