//! Invitations of every kind: the sender's list (re-issue, revoke) and the page a link opens
//! (preview, accept, decline). Accepting and declining are plain form posts, so that they work
//! before the wasm has loaded.

#[cfg(feature = "ssr")]
use crate::model::{Answer, Answered, InvitationRow};
use crate::model::{AppError, Decision, Draft, InvitationFilter, InvitationPage, InvitePreview};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait InvitationsPort: Send + Sync {
    /// Newest first, by state and kind when given; `after` is the cursor of the previous page. An
    /// unknown state or kind is answered in the page's `problems`, at its field.
    async fn list(
        &self,
        ctx: &super::RequestCtx,
        filter: InvitationFilter,
        after: Option<String>,
        limit: u32,
    ) -> Result<InvitationPage, AppError>;
    /// One of the list's rows (sent by the organization or naming it), by id.
    async fn get(&self, ctx: &super::RequestCtx, id: String) -> Result<InvitationRow, AppError>;
    /// A new link for a pending (or expired) request; the old link stops working.
    async fn reissue(&self, ctx: &super::RequestCtx, id: String) -> Result<Draft, AppError>;
    async fn revoke(&self, ctx: &super::RequestCtx, id: String) -> Result<(), AppError>;
    /// Records to whom a pending request was sent (the To of its draft email).
    async fn set_recipient(
        &self,
        ctx: &super::RequestCtx,
        id: String,
        email: String,
    ) -> Result<(), AppError>;
    /// What the link's page shows; needs no sign-in.
    async fn preview(
        &self,
        ctx: &super::RequestCtx,
        token: String,
    ) -> Result<InvitePreview, AppError>;
    /// Accepts (with the authorization ticked) or declines; throttled per client.
    async fn respond(
        &self,
        ctx: &super::RequestCtx,
        token: String,
        answer: Answer,
        authorized: bool,
    ) -> Result<Answered, AppError>;
}

/// Rows per page of the Invitations list.
pub const PAGE_SIZE: u32 = 50;

#[server(endpoint = "list_invitations")]
pub async fn list_invitations(
    #[server(default)] filter: InvitationFilter,
    #[server(default)] after: Option<String>,
) -> Result<InvitationPage, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.invitations.list(&ctx, filter, after, PAGE_SIZE).await)
}

#[server(endpoint = "reissue_invitation")]
pub async fn reissue_invitation(id: String) -> Result<Draft, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.invitations.reissue(&ctx, id).await)
}

#[server(endpoint = "revoke_invitation")]
pub async fn revoke_invitation(id: String) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.invitations.revoke(&ctx, id).await)
}

#[server(endpoint = "set_invitation_recipient")]
pub async fn set_invitation_recipient(id: String, email: String) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.invitations.set_recipient(&ctx, id, email).await)
}

/// Keeps the To address of the draft of invitation `id`, as an action the draft panel runs.
pub fn recipient_saver(id: String) -> Action<String, Result<(), AppError>> {
    Action::new(move |email: &String| set_invitation_recipient(id.clone(), email.clone()))
}

#[server(endpoint = "preview_invitation")]
pub async fn preview_invitation(token: String) -> Result<InvitePreview, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let result = ports.invitations.preview(&ctx, token).await;
    #[cfg(feature = "ssr")]
    if let (Ok(InvitePreview::NotValid), Some(res)) =
        (&result, use_context::<leptos_axum::ResponseOptions>())
    {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    super::finish(result)
}

/// `authorize` is the checkbox "I authorize … as my indirect provider" (sent as `on`).
#[server(endpoint = "respond_invitation")]
pub async fn respond_invitation(
    token: String,
    accept: bool,
    #[server(default)] authorize: Option<String>,
) -> Result<Decision, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let answer = if accept {
        Answer::Accept
    } else {
        Answer::Decline
    };
    let result = ports
        .invitations
        .respond(&ctx, token, answer, authorize.is_some())
        .await;
    let answered = super::finish(result)?;
    let decision = Decision {
        accepted: answered.answer == Answer::Accept,
        next: crate::routes::after_answer(&answered).to_owned(),
        with: answered.with,
    };
    leptos_axum::redirect(&decision.next);
    Ok(decision)
}
