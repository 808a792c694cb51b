//! The third step of **New customer**: everything the order will write, to check before
//! **Submit**. Names and addresses are written in the page's language's order.

use crate::{
    i18n::{country_name, use_locale, use_t},
    model::{CustomerDetails, Offer, OfferId, OrderLine},
};
use leptos::prelude::*;
use std::collections::HashMap;

#[component]
pub(super) fn ReviewStep(
    details: CustomerDetails,
    lines: Vec<OrderLine>,
    /// The chosen reseller as `Name (MPN ID)`, if any.
    reseller: Option<String>,
    tenant_suffix: String,
    offers_by_id: HashMap<OfferId, Offer>,
) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let locale = use_locale();
    let d = details;
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
    let address = locale.address(d.address.trim(), d.postal_code.trim(), d.city.trim());
    let contact = format!(
        "{} · {} · {}",
        locale.full_name(d.first_name.trim(), d.last_name.trim()),
        d.email.trim(),
        d.phone.trim(),
    );
    let rows = lines
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
                    <td>{locale.number(i64::from(n))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>{s.customer_details}</h3>
        <dl class="facts">
            <dt>{s.indirect_reseller}</dt>
            <dd>{reseller.unwrap_or_else(|| s.none_word.to_owned())}</dd>
            <dt>{t.company_name}</dt>
            <dd>{d.company.trim().to_owned()}</dd>
            <dt>{t.primary_domain}</dt>
            <dd>{domain}</dd>
            <dt>{t.country}</dt>
            <dd>{country}</dd>
            <dt>{s.address}</dt>
            <dd>{address}</dd>
            <dt>{s.contact}</dt>
            <dd>{contact}</dd>
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
