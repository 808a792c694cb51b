//! `/api/v1/customers`: the Customers page's list (search, reseller filter, sort, cursor) and a
//! customer's account, through the port the page calls.

use super::{
    Api, Caller, List, list_of,
    problem::{Params, Problem},
};
use app::{
    api::customers::CustomerQuery,
    model::{CustomerAccount, CustomerRow, CustomerSort, OrgId},
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

/// A customer's account, as its partner sees it.
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
}

impl From<CustomerAccount> for CustomerDetail {
    fn from(a: CustomerAccount) -> Self {
        CustomerDetail {
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
    let query = CustomerQuery {
        search: q.search.unwrap_or_default(),
        reseller: q.reseller.unwrap_or_default(),
        sort: sort.as_str().to_owned(),
        after: q.after.unwrap_or_default(),
        before: String::new(),
    };
    let page = api
        .ports
        .customers
        .list(&caller.ctx, query.clone())
        .await
        .map_err(|e| caller.problem(&e))?;
    let keep = [
        ("search", query.search),
        ("reseller", query.reseller),
        (
            "sort",
            q.sort.map(|_| sort.as_str().to_owned()).unwrap_or_default(),
        ),
    ];
    Ok(Json(list_of(
        "/api/v1/customers",
        page.rows.into_iter().map(Customer::from).collect(),
        page.next,
        &keep,
    )))
}

/// A customer's account.
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
    Ok(Json(account.into()))
}
