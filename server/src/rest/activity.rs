//! `/api/v1/activity`: the organization's activity log with the page's filters.

use super::{
    Api, Caller, List, Listing,
    problem::{Params, Problem},
};
use app::model::{ActivityEntry, ActivityFilter, AppError, ErrorCode};
use axum::{Json, extract::State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// One entry of the log.
#[derive(Debug, Serialize, ToSchema)]
pub struct Entry {
    pub id: String,
    /// RFC 3339, UTC.
    pub at: String,
    /// Who did it: a user's name, "API token «name»", or another organization's user.
    pub actor: String,
    /// A stable code, such as `relationship.accepted`.
    pub action: String,
    pub subject: String,
}

impl From<ActivityEntry> for Entry {
    fn from(e: ActivityEntry) -> Self {
        Entry {
            id: e.id,
            at: e.at,
            actor: e.actor,
            action: e.action,
            subject: e.subject,
        }
    }
}

/// The log's filters and page; empty ones do not filter.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// An activity code (`invitation.revoked`, …).
    pub kind: Option<String>,
    /// A user's id.
    pub user: Option<String>,
    /// Another organization's legal name or MPN ID.
    pub other: Option<String>,
    /// The first day, `YYYY-MM-DD` (UTC).
    pub from: Option<String>,
    /// The last day, included.
    pub to: Option<String>,
    /// Entries per page, 1 to 200 (50 by default).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
}

/// Lists the activity log, newest first.
#[utoipa::path(get, path = "/api/v1/activity", tag = "activity", params(ListQuery),
    responses(
        (status = 200, description = "A page of entries", body = List<Entry>),
        (status = 400, description = "A cursor of another list", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter the organization does not know, or a malformed date", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(api): State<Api>,
    caller: Caller,
    Params(q): Params<ListQuery>,
) -> Result<Json<List<Entry>>, Problem> {
    let limit = q.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(caller.problem(&AppError::field("limit", ErrorCode::NumberFormat)));
    }
    let filter = ActivityFilter {
        kind: q.kind.unwrap_or_default(),
        user: q.user.unwrap_or_default(),
        other: q.other.unwrap_or_default(),
        from: q.from.unwrap_or_default(),
        to: q.to.unwrap_or_default(),
    };
    let query = Listing {
        path: "/api/v1/activity",
        filters: ActivityFilter::FIELDS
            .iter()
            .map(|f| (*f, filter.get(f).to_owned()))
            .collect(),
    };
    let after = query
        .cursor(q.after.as_deref())
        .map_err(|e| caller.problem(&e))?;
    let page = api
        .ports
        .activity
        .page(&caller.ctx, filter, after, limit)
        .await
        .map_err(|e| caller.problem(&e))?;
    if !page.problems.is_empty() {
        return Err(caller.problem(&AppError::Invalid(page.problems)));
    }
    Ok(Json(query.page(
        page.entries.into_iter().map(Entry::from).collect(),
        page.next,
        q.limit,
    )))
}
