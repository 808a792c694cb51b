//! **Offers** (operator): the catalog that orders choose from. Add an offer, change one, or
//! withdraw it from new orders (its subscriptions keep it).

use crate::{
    api::offers::{SaveOffer, list_offers},
    components::{DataTable, ErrorAlert, FormAlert, Notice, field_error},
    i18n::{Fill, use_t},
    model::{AppError, BillingTerm, Offer},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OffersPage() -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let save = ServerAction::<SaveOffer>::new();
    let offers = Resource::new(move || save.version().get(), |_| list_offers());
    // The offer being changed, or none for a new one.
    let editing: RwSignal<Option<Offer>> = RwSignal::new(None);
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            editing.set(None);
        }
    });
    view! {
        <Title text=s.offers_title />
        <h1 id="page-title" tabindex="-1">
            {s.offers_title}
        </h1>
        <p class="lead">{s.offers_lead}</p>
        {move || {
            matches!(save.value().get(), Some(Ok(_)))
                .then(|| view! { <Notice>{s.offer_saved}</Notice> })
        }}
        <Transition fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match offers.await {
                    Ok(list) if list.is_empty() => {
                        view! { <p class="empty">{s.no_offers}</p> }.into_any()
                    }
                    Ok(list) => view! { <OfferTable list editing /> }.into_any(),
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                }
            })}
        </Transition>
        {move || {
            let current = editing.get();
            view! { <OfferForm offer=current save error editing /> }
        }}
    }
}

#[component]
fn OfferTable(list: Vec<Offer>, editing: RwSignal<Option<Offer>>) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    view! {
        <DataTable headers=vec![
            t.name,
            s.billing_term,
            s.allowed_licenses,
            s.offered,
            t.actions,
        ]>
            {list
                .into_iter()
                .map(|o| {
                    let label = s.change_offer_label.fill("{name}", &o.name);
                    let bounds = s
                        .bounds
                        .replace("{min}", &o.min_licenses.to_string())
                        .replace("{max}", &o.max_licenses.to_string());
                    let offer = o.clone();
                    view! {
                        <tr>
                            <th scope="row">
                                <span class="offer-name">{o.name}</span>
                                <span class="offer-description">{o.description}</span>
                            </th>
                            <td data-label=s.billing_term>{s.term_label(o.billing_term)}</td>
                            <td data-label=s.allowed_licenses>{bounds}</td>
                            <td data-label=s
                                .offered>{if o.available { t.yes_word } else { t.no_word }}</td>
                            <td data-label=t.actions>
                                <button
                                    type="button"
                                    class="button button-small"
                                    aria-label=label
                                    on:click=move |_| {
                                        editing.set(Some(offer.clone()));
                                        crate::browser::focus("offer-form-heading");
                                    }
                                >
                                    {s.change}
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}

#[component]
fn OfferForm(
    offer: Option<Offer>,
    save: ServerAction<SaveOffer>,
    error: Signal<Option<AppError>>,
    editing: RwSignal<Option<Offer>>,
) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let heading = match &offer {
        Some(o) => s.change_offer_label.fill("{name}", &o.name),
        None => s.add_offer.to_owned(),
    };
    let is_change = offer.is_some();
    let id = offer.as_ref().map(|o| o.id.to_string()).unwrap_or_default();
    let name = offer.as_ref().map(|o| o.name.clone());
    let description = offer
        .as_ref()
        .map(|o| o.description.clone())
        .unwrap_or_default();
    let term = offer
        .as_ref()
        .map_or(BillingTerm::Monthly, |o| o.billing_term);
    let min = offer.as_ref().map(|o| o.min_licenses.to_string());
    let max = offer.as_ref().map(|o| o.max_licenses.to_string());
    let available = offer.as_ref().is_none_or(|o| o.available);
    let description_error = field_error(error, "description");
    let term_error = field_error(error, "billing_term");
    view! {
        <section class="card" aria-labelledby="offer-form-heading">
            <h2 id="offer-form-heading" tabindex="-1">
                {heading}
            </h2>
            <FormAlert error />
            <ActionForm action=save attr:novalidate="" attr:class="form-grid">
                <input type="hidden" name="form[id]" value=id />
                <crate::components::Field
                    label=t.name
                    name="form[name]"
                    autocomplete="off"
                    required=true
                    value=name.unwrap_or_default()
                    error=field_error(error, "name")
                />
                <div class="field" class:field-invalid=move || description_error.get().is_some()>
                    <label for="f-description">{s.description}</label>
                    <textarea
                        id="f-description"
                        name="form[description]"
                        rows="3"
                        required=true
                        aria-invalid=move || description_error.get().is_some().then_some("true")
                    >
                        {description}
                    </textarea>
                    <p class="field-error" hidden=move || description_error.get().is_none()>
                        {move || description_error.get().map(|c| t.error_code(c))}
                    </p>
                </div>
                <fieldset
                    class="field choice"
                    class:field-invalid=move || term_error.get().is_some()
                >
                    <legend>{s.billing_term}</legend>
                    {BillingTerm::ALL
                        .into_iter()
                        .map(|b| {
                            let id = format!("term-{}", b.as_str());
                            let for_id = id.clone();
                            view! {
                                <label for=for_id class="choice-item">
                                    <input
                                        id=id
                                        type="radio"
                                        name="form[billing_term]"
                                        value=b.as_str()
                                        checked=b == term
                                    />
                                    " "
                                    {s.term_label(b)}
                                </label>
                            }
                        })
                        .collect_view()}
                    <p class="field-error" hidden=move || term_error.get().is_none()>
                        {move || term_error.get().map(|c| t.error_code(c))}
                    </p>
                </fieldset>
                <crate::components::Field
                    label=s.min_licenses
                    name="form[min_licenses]"
                    input_type="number"
                    inputmode="numeric"
                    required=true
                    value=min.unwrap_or_else(|| "1".into())
                    error=field_error(error, "min_licenses")
                />
                <crate::components::Field
                    label=s.max_licenses
                    name="form[max_licenses]"
                    input_type="number"
                    inputmode="numeric"
                    required=true
                    value=max.unwrap_or_else(|| "300".into())
                    error=field_error(error, "max_licenses")
                />
                <div class="field choice">
                    <label for="f-available" class="choice-item">
                        <input
                            id="f-available"
                            type="checkbox"
                            name="form[available]"
                            checked=available
                        />
                        " "
                        {s.offered_for_new_orders}
                    </label>
                </div>
                <p class="form-actions">
                    <button
                        type="submit"
                        class="button button-primary"
                        disabled=move || save.pending().get()
                    >
                        {if is_change { s.save_changes } else { s.add_offer }}
                    </button>
                    {is_change
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="button button-quiet"
                                    on:click=move |_| editing.set(None)
                                >
                                    {s.cancel}
                                </button>
                            }
                        })}
                </p>
            </ActionForm>
        </section>
    }
}
