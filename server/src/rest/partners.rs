//! `/api/v1/resellers` and `/api/v1/providers`: an indirect provider's resellers and a
//! reseller's providers, and ending a partnership (provider side), through the port the
//! Indirect resellers and Indirect providers pages call.

use super::{Api, Caller, List, problem::Problem};
use app::model::{AppError, OrgId, PartnerRow};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use serde::Serialize;
use utoipa::ToSchema;

/// A partner organization.
#[derive(Debug, Serialize, ToSchema)]
pub struct Partner {
    pub id: String,
    pub name: String,
    pub mpn_id: String,
    /// ISO 3166 code.
    pub country: String,
    /// Since when the partnership exists (a date, UTC).
    pub since: String,
    /// Customers with a reseller relationship with both sides.
    pub shared_customers: i64,
}

impl From<PartnerRow> for Partner {
    fn from(r: PartnerRow) -> Self {
        Partner {
            id: r.org_id.to_string(),
            name: r.name,
            mpn_id: r.mpn_id,
            country: r.country,
            since: r.since,
            shared_customers: r.shared_customers,
        }
    }
}

/// Which side's partners: a provider's resellers or a reseller's providers.
#[derive(Clone, Copy)]
enum Side {
    Resellers,
    Providers,
}

async fn rows(api: &Api, caller: &Caller, side: Side) -> Result<Vec<PartnerRow>, Problem> {
    let port = &api.ports.partnerships;
    match side {
        Side::Resellers => port.resellers(&caller.ctx).await,
        Side::Providers => port.providers(&caller.ctx).await,
    }
    .map_err(|e| caller.problem(&e))
}

async fn all(api: &Api, caller: &Caller, side: Side) -> Result<Json<List<Partner>>, Problem> {
    Ok(Json(List {
        items: rows(api, caller, side)
            .await?
            .into_iter()
            .map(Partner::from)
            .collect(),
        next: None,
    }))
}

async fn one(api: &Api, caller: &Caller, side: Side, id: &str) -> Result<Json<Partner>, Problem> {
    let not_found = || caller.problem(&AppError::NotFound);
    let id: OrgId = id.parse().map_err(|_| not_found())?;
    rows(api, caller, side)
        .await?
        .into_iter()
        .find(|r| r.org_id == id)
        .map(|r| Json(r.into()))
        .ok_or_else(not_found)
}

/// An indirect provider's partnered resellers.
#[utoipa::path(get, path = "/api/v1/resellers", tag = "partners",
    responses(
        (status = 200, description = "All partnered resellers (one page: `next` is always null)", body = List<Partner>),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an indirect provider (`providers_only`)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn resellers(
    State(api): State<Api>,
    caller: Caller,
) -> Result<Json<List<Partner>>, Problem> {
    all(&api, &caller, Side::Resellers).await
}

/// One partnered reseller.
#[utoipa::path(get, path = "/api/v1/resellers/{id}", tag = "partners",
    params(("id" = String, Path, description = "The reseller's id")),
    responses(
        (status = 200, description = "The reseller", body = Partner),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a partnered reseller", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn reseller(
    State(api): State<Api>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Partner>, Problem> {
    one(&api, &caller, Side::Resellers, &id).await
}

/// Ends the partnership with a reseller (W5).
#[utoipa::path(delete, path = "/api/v1/resellers/{id}", tag = "partners",
    params(("id" = String, Path, description = "The reseller's id")),
    responses(
        (status = 204, description = "The partnership ended"),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a partnered reseller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not partners (any more)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove_reseller(
    State(api): State<Api>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, Problem> {
    let id: OrgId = id
        .parse()
        .map_err(|_| caller.problem(&AppError::NotFound))?;
    api.ports
        .partnerships
        .remove(&caller.ctx, id)
        .await
        .map_err(|e| caller.problem(&e))?;
    Ok(StatusCode::NO_CONTENT)
}

/// An indirect reseller's partnered providers.
#[utoipa::path(get, path = "/api/v1/providers", tag = "partners",
    responses(
        (status = 200, description = "All partnered providers (one page: `next` is always null)", body = List<Partner>),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an indirect reseller (`not_a_reseller`)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn providers(
    State(api): State<Api>,
    caller: Caller,
) -> Result<Json<List<Partner>>, Problem> {
    all(&api, &caller, Side::Providers).await
}

/// One partnered provider.
#[utoipa::path(get, path = "/api/v1/providers/{id}", tag = "partners",
    params(("id" = String, Path, description = "The provider's id")),
    responses(
        (status = 200, description = "The provider", body = Partner),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a partnered provider", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn provider(
    State(api): State<Api>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Partner>, Problem> {
    one(&api, &caller, Side::Providers, &id).await
}
