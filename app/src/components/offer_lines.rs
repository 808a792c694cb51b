//! The offers of the catalog with a license count each, as the New customer wizard and the New
//! subscription page ask for them. An empty count means "not ordered".

use crate::{
    components::field_error,
    i18n::use_t,
    model::{AppError, ErrorCode, FieldError, Offer, OfferId, OrderLine, order::parse_licenses},
};
use leptos::prelude::*;
use std::collections::HashMap;

/// The typed license counts, by offer.
pub type Counts = RwSignal<HashMap<OfferId, String>>;

/// The field name of an offer's license count (the server names the same one in its errors).
pub fn licenses_field(id: OfferId) -> String {
    format!("licenses-{id}")
}

/// The order's lines from the typed counts, checked as the server checks them.
pub fn order_lines(
    offers: &[Offer],
    counts: &HashMap<OfferId, String>,
) -> Result<Vec<OrderLine>, AppError> {
    let mut errors = Vec::new();
    let mut lines = Vec::new();
    for offer in offers {
        let typed = counts.get(&offer.id).map(|s| s.trim()).unwrap_or_default();
        if typed.is_empty() {
            continue;
        }
        match parse_licenses(typed).and_then(|n| offer.check_licenses(n)) {
            Ok(n) => lines.push(OrderLine {
                offer_id: offer.id,
                licenses: n,
            }),
            Err(code) => errors.push(FieldError::new(&licenses_field(offer.id), code)),
        }
    }
    if errors.is_empty() && lines.is_empty() {
        errors.push(FieldError::new("offers", ErrorCode::NoOffersChosen));
    }
    AppError::from_fields(errors)?;
    Ok(lines)
}

#[component]
pub fn OfferLines(
    offers: Vec<Offer>,
    counts: Counts,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let none_error = field_error(error, "offers");
    if offers.is_empty() {
        return view! { <p class="empty">{s.no_offers_available}</p> }.into_any();
    }
    view! {
        <p
            class="field-error"
            id="offers-err"
            role="alert"
            hidden=move || none_error.get().is_none()
        >
            {move || none_error.get().map(|c| t.error_code(c))}
        </p>
        <table class="table offer-lines" aria-describedby="offers-hint">
            <caption id="offers-hint" class="caption-hint">
                {s.offer_lines_hint}
            </caption>
            <thead>
                <tr>
                    <th scope="col">{s.offer}</th>
                    <th scope="col">{s.billing_term}</th>
                    <th scope="col">{s.allowed_licenses}</th>
                    <th scope="col">{s.licenses}</th>
                </tr>
            </thead>
            <tbody>
                {offers
                    .into_iter()
                    .map(|offer| {
                        let id = offer.id;
                        let input_id = format!("licenses-{id}");
                        let err_id = format!("{input_id}-err");
                        let name = licenses_field(id);
                        let code = Signal::derive(move || {
                            error.with(|e| e.as_ref().and_then(|e| e.field_code(&name)))
                        });
                        let label = s.licenses_of.replace("{offer}", &offer.name);
                        let term = s.term_label(offer.billing_term);
                        let bounds = s
                            .bounds
                            .replace("{min}", &offer.min_licenses.to_string())
                            .replace("{max}", &offer.max_licenses.to_string());
                        view! {
                            <tr class:row-invalid=move || code.get().is_some()>
                                <th scope="row">
                                    <span class="offer-name">{offer.name.clone()}</span>
                                    <span class="offer-description">
                                        {offer.description.clone()}
                                    </span>
                                </th>
                                <td data-label=s.billing_term>{term}</td>
                                <td data-label=s.allowed_licenses>{bounds}</td>
                                <td data-label=s.licenses>
                                    <input
                                        id=input_id.clone()
                                        class="licenses-input"
                                        type="number"
                                        inputmode="numeric"
                                        min=offer.min_licenses
                                        max=offer.max_licenses
                                        aria-label=label
                                        aria-invalid=move || code.get().is_some().then_some("true")
                                        aria-describedby=move || {
                                            code.get().is_some().then(|| err_id.clone())
                                        }
                                        prop:value=move || {
                                            counts.with(|c| c.get(&id).cloned().unwrap_or_default())
                                        }
                                        on:input=move |ev| {
                                            let v = event_target_value(&ev);
                                            counts
                                                .update(|c| {
                                                    c.insert(id, v);
                                                });
                                        }
                                    />
                                    <p
                                        class="field-error"
                                        id=format!("{input_id}-err")
                                        hidden=move || code.get().is_none()
                                    >
                                        {move || code.get().map(|c| t.error_code(c))}
                                    </p>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BillingTerm;

    fn offer(n: u128) -> Offer {
        Offer {
            id: OfferId(uuid::Uuid::from_u128(n)),
            name: format!("Offer {n}"),
            description: String::new(),
            billing_term: BillingTerm::Annual,
            min_licenses: 1,
            max_licenses: 300,
            available: true,
        }
    }

    #[test]
    fn lines_from_typed_counts() {
        let offers = vec![offer(1), offer(2)];
        let mut counts = HashMap::new();
        assert_eq!(
            order_lines(&offers, &counts)
                .unwrap_err()
                .field_code("offers"),
            Some(ErrorCode::NoOffersChosen)
        );
        counts.insert(offers[0].id, " 25 ".to_owned());
        counts.insert(offers[1].id, String::new());
        assert_eq!(
            order_lines(&offers, &counts),
            Ok(vec![OrderLine {
                offer_id: offers[0].id,
                licenses: 25
            }])
        );
        counts.insert(offers[1].id, "301".to_owned());
        let err = order_lines(&offers, &counts).unwrap_err();
        assert_eq!(
            err.field_code(&licenses_field(offers[1].id)),
            Some(ErrorCode::LicensesOutOfBounds)
        );
    }
}
