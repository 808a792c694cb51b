//! `/api/v1/customers`: the Customers page's list (search, reseller filter, sort, cursor) and a
//! customer's expanded record, through the ports the pages call.

use super::{
    Api, Caller, List, Listing,
    problem::{Params, Problem},
};
use app::{
    api::customers::CustomerQuery,
    model::{CustomerAccount, CustomerRecordView, CustomerRow, CustomerSort, OrgId},
};
use axum::{
    Json,
    extract::{Path, State},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A customer with a reseller relationship with the organization.
#[derive(Debug, Serialize, ToSchema)]
pub struct Customer {
    pub id: String,
    pub name: String,
    /// The primary domain.
    pub domain: String,
    /// ISO 3166 code.
    pub country: String,
    /// Since when the reseller relationship exists (a date, UTC).
    pub since: String,
    /// Whether the customer granted the organization delegated admin permissions.
    pub delegated_admin: bool,
}

impl From<CustomerRow> for Customer {
    fn from(r: CustomerRow) -> Self {
        Customer {
            id: r.org_id.to_string(),
            name: r.name,
            domain: r.domain,
            country: r.country,
            since: r.since,
            delegated_admin: r.delegated_admin,
        }
    }
}

/// A customer's expanded record, as its partner sees it: its account, its indirect resellers,
/// its subscriptions, and its users (listed when the organization holds delegated admin
/// permissions; otherwise only counted).
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerDetail {
    pub id: String,
    pub name: String,
    pub domain: String,
    pub country: String,
    /// `commercial` or a sovereign cloud.
    pub cloud: String,
    /// When the customer's account was made (a date, UTC).
    pub created: String,
    pub since: String,
    /// Since when the organization holds delegated admin permissions, if it does.
    pub delegated_admin_since: Option<String>,
    /// The indirect resellers associated with the customer (their names).
    pub resellers: Vec<String>,
    pub subscriptions: Vec<super::subscriptions::Subscription>,
    pub user_count: u32,
    /// `null` without delegated admin permissions.
    pub users: Option<Vec<super::customer_users::User>>,
}

impl CustomerDetail {
    fn new(a: CustomerAccount, r: CustomerRecordView) -> Self {
        CustomerDetail {
            resellers: r.resellers,
            subscriptions: r.subscriptions.into_iter().map(Into::into).collect(),
            user_count: r.user_count,
            users: r.users.map(|u| u.into_iter().map(Into::into).collect()),
            id: a.org_id.to_string(),
            name: a.name,
            domain: a.domain,
            country: a.country,
            cloud: a.cloud.as_str().to_owned(),
            created: a.created,
            since: a.since,
            delegated_admin_since: a.delegated_admin_since,
        }
    }
}

/// How the list is sorted.
#[derive(Clone, Copy, Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = CustomerSort)]
pub enum Sort {
    Newest,
    Oldest,
    Name,
}

/// The list's search, filter, order and page (50 customers a page).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// A part of the name or of the domain.
    pub search: Option<String>,
    /// An indirect reseller's MPN ID (or exact name): only customers associated with it.
    pub reseller: Option<String>,
    /// Newest first by default.
    #[param(inline)]
    pub sort: Option<Sort>,
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
}

/// Lists the customers with a reseller relationship, 50 a page.
#[utoipa::path(get, path = "/api/v1/customers", tag = "customers", params(ListQuery),
    responses(
        (status = 200, description = "A page of customers", body = List<Customer>),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a partner, or the token's roles do not allow it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown reseller", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(api): State<Api>,
    caller: Caller,
    Params(q): Params<ListQuery>,
) -> Result<Json<List<Customer>>, Problem> {
    let sort = match q.sort {
        Some(Sort::Oldest) => CustomerSort::Oldest,
        Some(Sort::Name) => CustomerSort::Name,
        Some(Sort::Newest) | None => CustomerSort::Newest,
    };
    let search = q.search.unwrap_or_default();
    let reseller = q.reseller.unwrap_or_default();
    let query = Listing {
        path: "/api/v1/customers",
        filters: vec![
            ("search", search.clone()),
            ("reseller", reseller.clone()),
            (
                "sort",
                q.sort.map(|_| sort.as_str().to_owned()).unwrap_or_default(),
            ),
        ],
    };
    let after = query
        .cursor(q.after.as_deref())
        .map_err(|e| caller.problem(&e))?;
    let page = api
        .ports
        .customers
        .list(
            &caller.ctx,
            CustomerQuery {
                search,
                reseller,
                sort: sort.as_str().to_owned(),
                after: after.unwrap_or_default(),
                before: String::new(),
            },
        )
        .await
        .map_err(|e| caller.problem(&e))?;
    Ok(Json(query.page(
        page.rows.into_iter().map(Customer::from).collect(),
        page.next,
        None,
    )))
}

/// A customer's expanded record: the account, resellers, subscriptions and users.
#[utoipa::path(get, path = "/api/v1/customers/{id}", tag = "customers",
    params(("id" = String, Path, description = "The customer's id")),
    responses(
        (status = 200, description = "The customer", body = CustomerDetail),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a customer of the organization", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get(
    State(api): State<Api>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<CustomerDetail>, Problem> {
    let not_found = || caller.problem(&app::model::AppError::NotFound);
    let id: OrgId = id.parse().map_err(|_| not_found())?;
    let account = api
        .ports
        .customers
        .account(&caller.ctx, id)
        .await
        .map_err(|e| caller.problem(&e))?;
    let record = api
        .ports
        .orders
        .record(&caller.ctx, id)
        .await
        .map_err(|e| caller.problem(&e))?;
    Ok(Json(CustomerDetail::new(account, record)))
}

/// A new customer for this indirect provider (the New customer wizard in one call): its
/// organization, its Global admin, its relationships and its first order.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "company": "Adatum Kft.", "domain_prefix": "adatum", "country": "HU",
    "address": "Fő utca 1.", "city": "Budapest", "postal_code": "1011",
    "first_name": "Eszter", "last_name": "Kiss", "email": "eszter@adatum.example",
    "phone": "+36 1 234 5678",
    "lines": [{"offer_id": "0190b7a0-0000-7000-8000-000000000001", "licenses": 10}]
}))]
pub struct NewCustomer {
    /// A partnered indirect reseller who sells with you (it gets a relationship too).
    #[serde(default)]
    pub reseller_id: Option<uuid::Uuid>,
    pub company: String,
    /// The first label of the primary domain.
    pub domain_prefix: String,
    /// ISO 3166 code, in your region.
    pub country: String,
    pub address: String,
    pub city: String,
    pub postal_code: String,
    pub first_name: String,
    pub last_name: String,
    /// The customer's Global admin's email.
    pub email: String,
    pub phone: String,
    pub lines: Vec<super::subscriptions::Line>,
}

/// The new customer; the admin's temporary password is shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewCustomerDone {
    pub id: String,
    pub name: String,
    pub domain: String,
    pub admin_user: String,
    pub temporary_password: String,
    /// The reseller, by name, if one sells with you.
    pub reseller: Option<String>,
    pub subscriptions: usize,
}

/// Creates a customer for this indirect provider, with its first subscriptions.
#[utoipa::path(post, path = "/api/v1/customers", tag = "customers", request_body = NewCustomer,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key within 24 hours returns the first answer", min_length = 1, max_length = 255, pattern = "^[!-~]+$")),
    responses(
        (status = 201, description = "The customer, with its admin's temporary password", body = NewCustomerDone),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an indirect provider, or the token's roles do not allow it", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A domain or email taken meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong fields, each named (`domain_taken`, `country_unknown`, `licenses-<offer id>`, …)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    State(api): State<Api>,
    caller: Caller,
    super::problem::Body(new): super::problem::Body<NewCustomer>,
) -> Result<super::idempotency::OneTime<super::Created<NewCustomerDone>>, Problem> {
    let details = app::model::CustomerDetails {
        company: new.company,
        domain_prefix: new.domain_prefix,
        country: new.country,
        address: new.address,
        city: new.city,
        postal_code: new.postal_code,
        first_name: new.first_name,
        last_name: new.last_name,
        email: new.email,
        phone: new.phone,
    };
    let lines = new
        .lines
        .into_iter()
        .map(|l| app::model::OrderLine {
            offer_id: app::model::OfferId(l.offer_id),
            licenses: l.licenses,
        })
        .collect();
    // A retry is made safe by Idempotency-Key; the wizard's request key is new for each call.
    let done = api
        .ports
        .orders
        .place_new_customer(
            &caller.ctx,
            crate::services::new_id(),
            new.reseller_id.map(OrgId),
            details,
            lines,
        )
        .await
        .map_err(|e| caller.problem(&e))?;
    Ok(super::idempotency::OneTime(super::Created(
        format!("/api/v1/customers/{}", done.customer_id),
        NewCustomerDone {
            id: done.customer_id.to_string(),
            name: done.name,
            domain: done.domain,
            admin_user: done.admin_user,
            temporary_password: done.temporary_password,
            reseller: done.reseller,
            subscriptions: done.subscriptions,
        },
    )))
}

/// Ends this organization's reseller relationship with the customer (W8); a delegated admin
/// grant stays.
#[utoipa::path(delete, path = "/api/v1/customers/{id}", tag = "customers",
    params(("id" = String, Path, description = "The customer's id")),
    responses(
        (status = 204, description = "The relationship ended"),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a customer of the organization", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove(
    State(api): State<Api>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::http::StatusCode, Problem> {
    let id: OrgId = id
        .parse()
        .map_err(|_| caller.problem(&app::model::AppError::NotFound))?;
    api.ports
        .customers
        .remove(&caller.ctx, id)
        .await
        .map_err(|e| caller.problem(&e))?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
