//! `/api/v1/invitations`: create (a partnership, a reseller relationship with or without
//! delegated admin permissions, a joint invite), list, re-issue, revoke. Each calls the port the
//! Invitations page and the request pages call.

use super::{
    Api, Caller, Created, List, Listing,
    idempotency::OneTime,
    problem::{Body, Params, Problem},
};
use app::model::{
    AppError, Draft, DraftText, InvitationFilter, InvitationKind, InvitationRow, InvitationState,
    OrgId,
};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// What an invitation asks for.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
#[schema(as = InvitationKind)]
pub enum Kind {
    /// An indirect provider asks a reseller to become its indirect reseller.
    Partnership,
    /// A partner asks a customer for a reseller relationship.
    ResellerRelationship,
    /// An indirect reseller and one of its providers invite a customer together.
    JointInvite,
}

impl From<InvitationKind> for Kind {
    fn from(k: InvitationKind) -> Self {
        match k {
            InvitationKind::Partnership => Kind::Partnership,
            InvitationKind::ResellerRelationship => Kind::ResellerRelationship,
            InvitationKind::JointInvite => Kind::JointInvite,
        }
    }
}

/// Where an invitation stands.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
#[schema(as = InvitationState)]
pub enum Status {
    Pending,
    Accepted,
    Declined,
    Expired,
    Revoked,
}

impl From<InvitationState> for Status {
    fn from(s: InvitationState) -> Self {
        match s {
            InvitationState::Pending => Status::Pending,
            InvitationState::Accepted => Status::Accepted,
            InvitationState::Declined => Status::Declined,
            InvitationState::Expired => Status::Expired,
            InvitationState::Revoked => Status::Revoked,
        }
    }
}

/// A new invitation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "reseller_relationship", "delegated_admin": true}))]
pub struct NewInvitation {
    pub kind: Kind,
    /// With `reseller_relationship` and `joint_invite`: also ask for delegated admin
    /// permissions.
    #[serde(default)]
    pub delegated_admin: bool,
    /// With `joint_invite` (and only then): the indirect provider who invites with you.
    #[serde(default)]
    pub provider_id: Option<uuid::Uuid>,
}

/// An email to send with the link, in one language.
#[derive(Debug, Serialize, ToSchema)]
pub struct Email {
    /// `en`, `tr`, `hu` or `ru`.
    pub language: String,
    pub subject: String,
    pub body: String,
}

impl From<DraftText> for Email {
    fn from(d: DraftText) -> Self {
        Email {
            language: d.locale.tag().to_owned(),
            subject: d.subject,
            body: d.body,
        }
    }
}

/// A new link: returned once (only its hash is kept), with ready emails in every language.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedLink {
    pub id: String,
    /// The personalized link to send; it works once.
    pub link: String,
    /// The email in the language of `Accept-Language`.
    pub email: Email,
    /// The email in every language of the portal.
    pub languages: Vec<Email>,
}

impl From<Draft> for IssuedLink {
    fn from(d: Draft) -> Self {
        IssuedLink {
            id: d.invitation_id,
            link: d.link,
            email: Email {
                language: d.locale.tag().to_owned(),
                subject: d.subject,
                body: d.body,
            },
            languages: d.languages.into_iter().map(Email::from).collect(),
        }
    }
}

/// A party of a joint invite and its answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Party {
    pub name: String,
    pub state: Status,
}

/// An invitation as the organization's list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Invitation {
    pub id: String,
    pub kind: Kind,
    pub state: Status,
    /// To whom it was sent, when the sender noted it.
    pub recipient: Option<String>,
    /// Who made it: a user's name, or "API token «name»".
    pub sent_by: String,
    /// RFC 3339, UTC.
    pub created: String,
    pub expires: String,
    /// When it was accepted or declined, and by whom.
    pub decided: Option<String>,
    pub decided_by: Option<String>,
    /// Made by this organization (it may re-issue or revoke it); false for a joint invite that
    /// names this organization as the second party.
    pub mine: bool,
    /// A joint invite's parties: the reseller, then the indirect provider.
    pub parties: Vec<Party>,
}

impl From<InvitationRow> for Invitation {
    fn from(r: InvitationRow) -> Self {
        let (decided, decided_by) = match r.decided.as_deref().map(|d| d.split_once(" · ")) {
            Some(Some((at, by))) => (Some(at.to_owned()), Some(by.to_owned())),
            Some(None) => (r.decided.clone(), None),
            None => (None, None),
        };
        Invitation {
            id: r.id,
            kind: r.kind.into(),
            state: r.state.into(),
            recipient: Some(r.recipient).filter(|s| !s.is_empty()),
            sent_by: r.sent_by,
            created: r.created,
            expires: r.expires,
            decided,
            decided_by,
            mine: r.mine,
            parties: r
                .parties
                .into_iter()
                .map(|(name, state)| Party {
                    name,
                    state: state.into(),
                })
                .collect(),
        }
    }
}

/// The list's filters and page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only invitations in this state.
    #[param(inline)]
    pub state: Option<Status>,
    /// Only invitations of this kind.
    #[param(inline)]
    pub kind: Option<Kind>,
    /// Rows per page, 1 to 200 (50 by default).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
}

fn as_str<T: Serialize>(v: &Option<T>) -> String {
    v.as_ref()
        .and_then(|v| serde_json::to_value(v).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Lists the organization's invitations, newest first.
#[utoipa::path(get, path = "/api/v1/invitations", tag = "invitations", params(ListQuery),
    responses(
        (status = 200, description = "A page of invitations", body = List<Invitation>),
        (status = 400, description = "A cursor of another list", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's roles do not allow it", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(api): State<Api>,
    caller: Caller,
    Params(q): Params<ListQuery>,
) -> Result<Json<List<Invitation>>, Problem> {
    let filter = InvitationFilter {
        state: as_str(&q.state),
        kind: as_str(&q.kind),
    };
    let limit = q.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(caller.problem(&AppError::field(
            "limit",
            app::model::ErrorCode::NumberFormat,
        )));
    }
    let query = Listing {
        path: "/api/v1/invitations",
        filters: vec![
            ("state", filter.state.clone()),
            ("kind", filter.kind.clone()),
        ],
    };
    let after = query
        .cursor(q.after.as_deref())
        .map_err(|e| caller.problem(&e))?;
    let page = api
        .ports
        .invitations
        .list(&caller.ctx, filter, after, limit)
        .await
        .map_err(|e| caller.problem(&e))?;
    if !page.problems.is_empty() {
        return Err(caller.problem(&AppError::Invalid(page.problems)));
    }
    Ok(Json(query.page(
        page.rows.into_iter().map(Invitation::from).collect(),
        page.next,
        q.limit,
    )))
}

/// Creates an invitation and returns its link, once.
#[utoipa::path(post, path = "/api/v1/invitations", tag = "invitations", request_body = NewInvitation,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key within 24 hours returns the first answer", min_length = 1, max_length = 255, pattern = "^[!-~]+$")),
    responses(
        (status = 201, description = "The new invitation's link and emails", body = IssuedLink),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The organization's kind or the token's roles do not allow it", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A retry while the first request with its Idempotency-Key runs (`idempotency_in_progress`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A wrong field, a rule that refuses it (e.g. `not_partners`), or an Idempotency-Key used for another request", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    State(api): State<Api>,
    caller: Caller,
    Body(new): Body<NewInvitation>,
) -> Result<OneTime<Created<IssuedLink>>, Problem> {
    let field = |f: &str| AppError::field(f, app::model::ErrorCode::ChoiceUnknown);
    let ports = &api.ports;
    let ctx = &caller.ctx;
    let draft = match (new.kind, new.provider_id) {
        (Kind::Partnership, None) if !new.delegated_admin => ports.partnerships.request(ctx).await,
        (Kind::Partnership, None) => Err(field("delegated_admin")),
        (Kind::ResellerRelationship, None) => {
            ports
                .customers
                .request_relationship(ctx, new.delegated_admin)
                .await
        }
        (Kind::JointInvite, Some(provider)) => {
            ports
                .customers
                .invite_with_provider(ctx, OrgId(provider), new.delegated_admin)
                .await
        }
        (Kind::JointInvite, None) => Err(AppError::field(
            "provider_id",
            app::model::ErrorCode::Required,
        )),
        (_, Some(_)) => Err(field("provider_id")),
    }
    .map_err(|e| caller.problem(&e))?;
    let location = format!("/api/v1/invitations/{}", draft.invitation_id);
    Ok(OneTime(Created(location, IssuedLink::from(draft))))
}

/// One invitation of the organization (sent by it, or naming it in a joint invite).
#[utoipa::path(get, path = "/api/v1/invitations/{id}", tag = "invitations",
    params(("id" = String, Path, description = "The invitation's id")),
    responses(
        (status = 200, description = "The invitation", body = Invitation),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such invitation of this organization", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get(
    State(api): State<Api>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Invitation>, Problem> {
    let row = api
        .ports
        .invitations
        .get(&caller.ctx, id)
        .await
        .map_err(|e| caller.problem(&e))?;
    Ok(Json(row.into()))
}

/// Re-issues a pending or expired invitation: a new link, returned once; the old one stops
/// working.
#[utoipa::path(post, path = "/api/v1/invitations/{id}/reissue", tag = "invitations",
    params(("id" = String, Path, description = "The invitation's id"), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key within 24 hours returns the first answer", min_length = 1, max_length = 255, pattern = "^[!-~]+$")),
    responses(
        (status = 200, description = "The new link and emails", body = IssuedLink),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such invitation of this organization", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already accepted, declined or revoked (`not_pending`)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn reissue(
    State(api): State<Api>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<OneTime<Json<IssuedLink>>, Problem> {
    let draft = api
        .ports
        .invitations
        .reissue(&caller.ctx, id)
        .await
        .map_err(|e| caller.problem(&e))?;
    Ok(OneTime(Json(draft.into())))
}

/// Revokes a pending invitation: its link stops working.
#[utoipa::path(post, path = "/api/v1/invitations/{id}/revoke", tag = "invitations",
    params(("id" = String, Path, description = "The invitation's id"), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key within 24 hours returns the first answer", min_length = 1, max_length = 255, pattern = "^[!-~]+$")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "No live API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such invitation of this organization", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not pending (`not_pending`)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn revoke(
    State(api): State<Api>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, Problem> {
    api.ports
        .invitations
        .revoke(&caller.ctx, id)
        .await
        .map_err(|e| caller.problem(&e))?;
    Ok(StatusCode::NO_CONTENT)
}
