//! `/api/v1/customers/{id}/subscriptions`: list, add (an order), read one with its `ETag`, and
//! change it with `If-Match` (the license count; or the reseller of record and the designated
//! support contact), so that two scripts cannot silently overwrite each other. Each calls the
//! port the Subscriptions pages call; the version is checked under the write lock there.

use super::{
    Api, Caller, Created, List,
    problem::{Body, Problem},
};
use app::model::{
    AppError, ErrorCode, OfferId, OrderLine, OrgId, SubscriptionDetail, SubscriptionId,
    SubscriptionRow,
};
use axum::{
    Json,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A subscription in a customer's list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Subscription {
    pub id: String,
    /// The offer's name.
    pub offer: String,
    /// `monthly` or `annual`.
    pub billing_term: String,
    pub licenses: u32,
    /// Licenses assigned to users.
    pub assigned: u32,
    /// `active` or `suspended`.
    pub status: String,
    /// The reseller of record, by name.
    pub reseller: Option<String>,
    pub support_contact: String,
    /// RFC 3339, UTC.
    pub created: String,
}

impl From<SubscriptionRow> for Subscription {
    fn from(r: SubscriptionRow) -> Self {
        Subscription {
            id: r.id.to_string(),
            offer: r.offer,
            billing_term: r.billing_term.as_str().to_owned(),
            licenses: r.licenses,
            assigned: r.assigned,
            status: status_name(r.status),
            reseller: r.reseller,
            support_contact: r.support_contact,
            created: r.created,
        }
    }
}

fn status_name(s: app::model::SubscriptionStatus) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A partner, as a subscription names it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Partner {
    pub id: String,
    pub name: String,
    pub mpn_id: String,
}

/// One subscription; its `version` is also its `ETag`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriptionOut {
    pub id: String,
    pub customer_id: String,
    pub offer_id: String,
    pub offer: String,
    pub billing_term: String,
    pub licenses: u32,
    pub assigned: u32,
    pub status: String,
    /// The reseller of record (Reseller (MPN ID)).
    pub reseller: Option<Partner>,
    /// The designated support contact's organization id.
    pub support_contact_id: String,
    /// The indirect provider that sold it.
    pub provider: String,
    pub created: String,
    pub created_by: String,
    /// Whether this organization may set the reseller and the support contact.
    pub may_change_partners: bool,
    pub may_change_licenses: bool,
    /// Send it back in `If-Match` to change the subscription.
    pub version: String,
}

impl From<SubscriptionDetail> for SubscriptionOut {
    fn from(d: SubscriptionDetail) -> Self {
        SubscriptionOut {
            id: d.id.to_string(),
            customer_id: d.customer_id.to_string(),
            offer_id: d.offer.id.to_string(),
            offer: d.offer.name,
            billing_term: d.offer.billing_term.as_str().to_owned(),
            licenses: d.licenses,
            assigned: d.assigned,
            status: status_name(d.status),
            reseller: d.reseller.map(|r| Partner {
                id: r.org_id.to_string(),
                name: r.name,
                mpn_id: r.mpn_id,
            }),
            support_contact_id: d.support_contact.to_string(),
            provider: d.provider,
            created: d.created,
            created_by: d.created_by,
            may_change_partners: d.may_change_partners,
            may_change_licenses: d.may_change_licenses,
            version: d.version,
        }
    }
}

/// A subscription with its `ETag`.
pub struct Tagged(SubscriptionOut);

impl IntoResponse for Tagged {
    fn into_response(self) -> Response {
        let etag = format!("\"{}\"", self.0.version);
        let mut res = Json(self.0).into_response();
        if let Ok(v) = HeaderValue::from_str(&etag) {
            res.headers_mut().insert(header::ETAG, v);
        }
        res
    }
}

/// One line of an order.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub offer_id: uuid::Uuid,
    pub licenses: u32,
}

/// New subscriptions for a customer (one order).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"lines": [{"offer_id": "0190b7a0-0000-7000-8000-000000000001", "licenses": 10}]}))]
pub struct NewSubscriptions {
    pub lines: Vec<Line>,
    /// A partnered indirect reseller to record as the reseller of the new subscriptions.
    #[serde(default)]
    pub reseller_id: Option<uuid::Uuid>,
}

/// The new subscriptions' ids.
#[derive(Debug, Serialize, ToSchema)]
pub struct Added {
    pub ids: Vec<String>,
}

/// A change: the license count, or the partners (not both in one call).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"licenses": 25}))]
pub struct Change {
    pub licenses: Option<u32>,
    /// Reseller (MPN ID): a partnered reseller's MPN ID; an empty string clears it.
    pub reseller_mpn_id: Option<String>,
    /// The designated support contact: this provider's or a partnered reseller's id.
    pub support_contact_id: Option<uuid::Uuid>,
}

/// The ids of the path; a malformed one names nothing there is.
fn ids(customer: &str, subscription: &str) -> Result<(OrgId, SubscriptionId), AppError> {
    let customer = customer.parse().map_err(|_| AppError::NotFound)?;
    let subscription = subscription.parse().map_err(|_| AppError::NotFound)?;
    Ok((customer, subscription))
}

/// Lists a customer's subscriptions that this organization sees.
#[utoipa::path(get, path = "/api/v1/customers/{id}/subscriptions", tag = "subscriptions",
    params(("id" = String, Path, description = "The customer's id")),
    responses(
        (status = 200, description = "The subscriptions (one page: `next` is always null)", body = List<Subscription>),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a customer of the organization", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(api): State<Api>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<List<Subscription>>, Problem> {
    let customer: OrgId = id
        .parse()
        .map_err(|_| caller.problem(&AppError::NotFound))?;
    let subs = api
        .ports
        .orders
        .subscriptions(&caller.ctx, customer)
        .await
        .map_err(|e| caller.problem(&e))?;
    Ok(Json(List {
        items: subs.rows.into_iter().map(Subscription::from).collect(),
        next: None,
    }))
}

/// Adds subscriptions for a customer of this indirect provider (one order).
#[utoipa::path(post, path = "/api/v1/customers/{id}/subscriptions", tag = "subscriptions",
    request_body = NewSubscriptions,
    params(("id" = String, Path, description = "The customer's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key within 24 hours returns the first answer", min_length = 1, max_length = 255, pattern = "^[!-~]+$")),
    responses(
        (status = 201, description = "The new subscriptions", body = Added),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an indirect provider of the customer, or the token's roles do not allow it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown or withdrawn offer, a license count out of the offer's bounds (`licenses-<offer id>`), an unknown reseller", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add(
    State(api): State<Api>,
    caller: Caller,
    Path(id): Path<String>,
    Body(new): Body<NewSubscriptions>,
) -> Result<Created<Added>, Problem> {
    let customer: OrgId = id
        .parse()
        .map_err(|_| caller.problem(&AppError::NotFound))?;
    let lines = new
        .lines
        .into_iter()
        .map(|l| OrderLine {
            offer_id: OfferId(l.offer_id),
            licenses: l.licenses,
        })
        .collect();
    // Each call is one order: a retry is made safe by Idempotency-Key, not by the order's key.
    let added = api
        .ports
        .orders
        .add_subscriptions(
            &caller.ctx,
            customer,
            crate::services::new_id(),
            lines,
            new.reseller_id.map(OrgId),
        )
        .await
        .map_err(|e| caller.problem(&e))?;
    Ok(Created(
        format!("/api/v1/customers/{customer}/subscriptions"),
        Added {
            ids: added.iter().map(ToString::to_string).collect(),
        },
    ))
}

/// Reads one subscription; its `ETag` is what `If-Match` takes.
#[utoipa::path(get, path = "/api/v1/customers/{id}/subscriptions/{subscription}", tag = "subscriptions",
    params(("id" = String, Path, description = "The customer's id"),
        ("subscription" = String, Path, description = "The subscription's id")),
    responses(
        (status = 200, description = "The subscription", body = SubscriptionOut,
            headers(("ETag" = String, description = "The subscription's version, quoted"))),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription this organization sees", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get(
    State(api): State<Api>,
    caller: Caller,
    Path((id, subscription)): Path<(String, String)>,
) -> Result<Tagged, Problem> {
    let (customer, subscription) = ids(&id, &subscription).map_err(|e| caller.problem(&e))?;
    read(&api, &caller, customer, subscription).await
}

async fn read(
    api: &Api,
    caller: &Caller,
    customer: OrgId,
    subscription: SubscriptionId,
) -> Result<Tagged, Problem> {
    let detail = api
        .ports
        .orders
        .subscription(&caller.ctx, customer, subscription)
        .await
        .map_err(|e| caller.problem(&e))?;
    Ok(Tagged(detail.into()))
}

/// The version `If-Match` names (`"…"` or `W/"…"`); `*` is not accepted: a change must say
/// what it was made against.
fn if_match(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(header::IF_MATCH)?.to_str().ok()?.trim();
    let v = v.strip_prefix("W/").unwrap_or(v);
    let v = v.strip_prefix('"')?.strip_suffix('"')?;
    (!v.is_empty() && v.len() <= 64).then(|| v.to_owned())
}

/// Changes the license count, or the reseller of record and the designated support contact.
#[utoipa::path(patch, path = "/api/v1/customers/{id}/subscriptions/{subscription}", tag = "subscriptions",
    request_body = Change,
    params(("id" = String, Path, description = "The customer's id"),
        ("subscription" = String, Path, description = "The subscription's id"),
        ("If-Match" = String, Header, description = "The ETag read with the subscription")),
    responses(
        (status = 200, description = "The subscription as changed, with its new ETag", body = SubscriptionOut),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed (e.g. `delegated_admin_missing`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription this organization sees", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed by someone else since that ETag (`version_mismatch`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A wrong field (`licenses_in_use`, `licenses_out_of_bounds`, `support_contact_unknown`, …)", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "No If-Match", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change(
    State(api): State<Api>,
    caller: Caller,
    Path((id, subscription)): Path<(String, String)>,
    headers: HeaderMap,
    Body(change): Body<Change>,
) -> Result<Tagged, Problem> {
    let (customer, subscription) = ids(&id, &subscription).map_err(|e| caller.problem(&e))?;
    let Some(expected) = if_match(&headers) else {
        return Err(Problem::new(
            StatusCode::PRECONDITION_REQUIRED,
            "if_match_required",
            "Send the subscription's ETag in If-Match: read it first with GET.".to_owned(),
        ));
    };
    let orders = &api.ports.orders;
    // The subscription as this organization sees it, under this customer (a subscription of
    // another customer is not found here, before anything is written).
    let current = orders
        .subscription(&caller.ctx, customer, subscription)
        .await
        .map_err(|e| caller.problem(&e))?;
    let partners = change.reseller_mpn_id.is_some() || change.support_contact_id.is_some();
    let done = match (change.licenses, partners) {
        (Some(n), false) => {
            orders
                .set_licenses(&caller.ctx, subscription, n.to_string(), Some(expected))
                .await
        }
        (None, true) => {
            // A field left out keeps its value (the service does not check an unchanged
            // reseller again).
            let reseller = match change.reseller_mpn_id {
                Some(mpn) => mpn,
                None => current.reseller.map(|r| r.mpn_id).unwrap_or_default(),
            };
            let contact = change
                .support_contact_id
                .map_or(current.support_contact, OrgId);
            orders
                .set_partners(
                    &caller.ctx,
                    subscription,
                    reseller,
                    contact.to_string(),
                    Some(expected),
                )
                .await
        }
        (Some(_), true) => Err(AppError::field("licenses", ErrorCode::ChoiceUnknown)),
        (None, false) => Err(AppError::field("licenses", ErrorCode::Required)),
    };
    done.map_err(|e| caller.problem(&e))?;
    read(&api, &caller, customer, subscription).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_takes_one_quoted_version() {
        let with = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::IF_MATCH, HeaderValue::from_static(v));
            h
        };
        assert_eq!(if_match(&with("\"abc\"")).as_deref(), Some("abc"));
        assert_eq!(if_match(&with("W/\"abc\"")).as_deref(), Some("abc"));
        assert_eq!(if_match(&with("*")), None);
        assert_eq!(if_match(&with("abc")), None);
        assert_eq!(if_match(&HeaderMap::new()), None);
    }
}
