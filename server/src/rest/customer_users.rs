//! `/api/v1/customers/{id}/users`: a customer's users (with delegated admin permissions): list,
//! add (the temporary password returned once), assign and take back licenses, through the port
//! the customer's Users page calls.

use super::{
    Api, Caller, Created, List,
    problem::{Body, Problem},
};
use app::model::{AppError, CustomerUser, OrgId, SubscriptionId, UserId};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A user of a customer.
#[derive(Debug, Serialize, ToSchema)]
pub struct User {
    pub id: String,
    pub name: String,
    pub email: String,
    pub active: bool,
    pub global_admin: bool,
    /// The subscriptions whose licenses the user holds.
    pub licenses: Vec<String>,
}

impl From<CustomerUser> for User {
    fn from(u: CustomerUser) -> Self {
        User {
            id: u.id.to_string(),
            name: u.name,
            email: u.email,
            active: u.active,
            global_admin: u.global_admin,
            licenses: u.licenses.iter().map(ToString::to_string).collect(),
        }
    }
}

/// A new user of the customer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Németh Júlia", "email": "julia@adatum.example"}))]
pub struct NewUser {
    pub name: String,
    pub email: String,
}

/// The new user's sign-in: the temporary password is shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewUserDone {
    pub email: String,
    pub temporary_password: String,
}

fn customer_id(id: &str) -> Result<OrgId, AppError> {
    id.parse().map_err(|_| AppError::NotFound)
}

/// Lists the customer's users.
#[utoipa::path(get, path = "/api/v1/customers/{id}/users", tag = "customer users",
    params(("id" = String, Path, description = "The customer's id")),
    responses(
        (status = 200, description = "The users (one page: `next` is always null)", body = List<User>),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No delegated admin permissions (`delegated_admin_missing`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a customer of the organization", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(api): State<Api>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<List<User>>, Problem> {
    let customer = customer_id(&id).map_err(|e| caller.problem(&e))?;
    let view = api
        .ports
        .customer_users
        .view(&caller.ctx, customer)
        .await
        .map_err(|e| caller.problem(&e))?;
    Ok(Json(List {
        items: view.users.into_iter().map(User::from).collect(),
        next: None,
    }))
}

/// Adds a user to the customer.
#[utoipa::path(post, path = "/api/v1/customers/{id}/users", tag = "customer users",
    request_body = NewUser,
    params(("id" = String, Path, description = "The customer's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key within 24 hours returns the first answer", min_length = 1, max_length = 255, pattern = "^[!-~]+$")),
    responses(
        (status = 201, description = "The user, with a temporary password shown once", body = NewUserDone),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No delegated admin permissions", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A wrong name or email, or an email that has an account", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add(
    State(api): State<Api>,
    caller: Caller,
    Path(id): Path<String>,
    Body(new): Body<NewUser>,
) -> Result<super::idempotency::OneTime<Created<NewUserDone>>, Problem> {
    let customer = customer_id(&id).map_err(|e| caller.problem(&e))?;
    let done = api
        .ports
        .customer_users
        .add(&caller.ctx, customer, new.name, new.email)
        .await
        .map_err(|e| caller.problem(&e))?;
    Ok(super::idempotency::OneTime(Created(
        format!("/api/v1/customers/{customer}/users"),
        NewUserDone {
            email: done.email,
            temporary_password: done.temporary_password,
        },
    )))
}

async fn set_license(
    api: &Api,
    caller: &Caller,
    (id, user, subscription): (String, String, String),
    assign: bool,
) -> Result<StatusCode, Problem> {
    let parsed = (|| -> Result<(OrgId, UserId, SubscriptionId), AppError> {
        Ok((
            customer_id(&id)?,
            user.parse().map_err(|_| AppError::NotFound)?,
            subscription.parse().map_err(|_| AppError::NotFound)?,
        ))
    })();
    let (customer, user, subscription) = parsed.map_err(|e| caller.problem(&e))?;
    api.ports
        .customer_users
        .set_license(&caller.ctx, customer, user, subscription, assign)
        .await
        .map_err(|e| caller.problem(&e))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Assigns the user a license of the subscription.
#[utoipa::path(put, path = "/api/v1/customers/{id}/users/{user}/licenses/{subscription}", tag = "customer users",
    params(("id" = String, Path, description = "The customer's id"),
        ("user" = String, Path, description = "The user's id"),
        ("subscription" = String, Path, description = "The subscription's id")),
    responses(
        (status = 204, description = "The user holds a license of it"),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No delegated admin permissions", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user or subscription", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Every license is taken (`licenses_exhausted`)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn assign(
    State(api): State<Api>,
    caller: Caller,
    Path(ids): Path<(String, String, String)>,
) -> Result<StatusCode, Problem> {
    set_license(&api, &caller, ids, true).await
}

/// Takes the user's license of the subscription back.
#[utoipa::path(delete, path = "/api/v1/customers/{id}/users/{user}/licenses/{subscription}", tag = "customer users",
    params(("id" = String, Path, description = "The customer's id"),
        ("user" = String, Path, description = "The user's id"),
        ("subscription" = String, Path, description = "The subscription's id")),
    responses(
        (status = 204, description = "The user holds no license of it"),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No delegated admin permissions", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user or subscription", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn unassign(
    State(api): State<Api>,
    caller: Caller,
    Path(ids): Path<(String, String, String)>,
) -> Result<StatusCode, Problem> {
    set_license(&api, &caller, ids, false).await
}
