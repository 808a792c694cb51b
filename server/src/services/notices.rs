//! Notifications (a leaf service): the areas call [`tell`] inside the transaction of the change
//! and [`Services::announce`] after its commit; this module also answers the Notifications page
//! and the bell, and notices expired requests ([`notice_expired`], run by the server's job).

use super::{Services, fault::OrInternal, require, time_fmt, webhooks};
use crate::db::{self, Tx};
use app::{
    api::{RequestCtx, notifications::NotificationsPort},
    model::{
        Action, Actor, AppError, EventType, InvitationKind, Notice, NoticeKind, NoticePage, OrgId,
        notification::UNREAD_CAP,
    },
};

/// What to tell an organization.
pub struct Tell<'a> {
    pub to: OrgId,
    pub kind: NoticeKind,
    /// Who did it (a person); empty for the server's own notices.
    pub by: &'a str,
    /// The other organization: its id (for a link) and name.
    pub other: (Option<OrgId>, &'a str),
    /// The customer concerned, when it is not `other`.
    pub customer: Option<(OrgId, &'a str)>,
    /// The request answered or expired, for the webhook event (never shown in the bell).
    pub invitation: Option<&'a str>,
    pub at: i64,
}

/// Writes a notification inside the caller's transaction (announce it after the commit), and
/// queues the matching webhook event for the organization's endpoints.
pub async fn tell(tx: &mut Tx, t: &Tell<'_>) -> Result<(), AppError> {
    if let Some((event, as_party)) = webhook_event(t.kind) {
        let kind = match t.kind {
            NoticeKind::RequestAccepted(k)
            | NoticeKind::RequestDeclined(k)
            | NoticeKind::RequestExpired(k) => Some(k.as_str()),
            NoticeKind::JointInviteAcceptedAsParty => Some("joint_invite"),
            _ => None,
        };
        let data = serde_json::json!({
            "invitation_id": t.invitation,
            "invitation_kind": kind,
            "as_party": as_party,
            "organization": webhooks::party(t.other.0, t.other.1),
            "customer": t.customer.map(|(id, name)| webhooks::party(Some(id), name)),
            "by": t.by,
        });
        webhooks::emit(tx, t.to, event, data, t.at).await?;
    }
    db::notifications::insert(
        tx,
        &db::notifications::New {
            organization_id: t.to,
            kind: t.kind.code(),
            actor_name: t.by,
            other_org_id: t.other.0,
            other_name: t.other.1,
            customer_id: t.customer.map(|c| c.0),
            customer_name: t.customer.map(|c| c.1),
            at: t.at,
        },
    )
    .await
    .or_internal("storing a notification")
}

/// The webhook event of a notification, and whether the organization is the provider a joint
/// invite named (not its sender). Orders placed are told as `subscription.created` where they
/// are placed.
fn webhook_event(kind: NoticeKind) -> Option<(EventType, bool)> {
    match kind {
        NoticeKind::RequestAccepted(_) => Some((EventType::InvitationAccepted, false)),
        NoticeKind::JointInviteAcceptedAsParty => Some((EventType::InvitationAccepted, true)),
        NoticeKind::RequestDeclined(_) => Some((EventType::InvitationDeclined, false)),
        NoticeKind::RequestExpired(_) => Some((EventType::InvitationExpired, false)),
        NoticeKind::RelationshipEndedByCustomer => {
            Some((EventType::RelationshipEndedByCustomer, false))
        }
        NoticeKind::DelegatedAdminRemoved => Some((EventType::DelegatedAdminRemoved, false)),
        NoticeKind::PartnershipRemoved => Some((EventType::PartnershipRemoved, false)),
        NoticeKind::OrderPlaced => None,
    }
}

/// The codes of the kinds this actor sees (the role table); `None` when they see every kind (no
/// filter to apply: most users).
fn visible_codes(actor: &Actor) -> Option<Vec<&'static str>> {
    let kinds = NoticeKind::visible_to(&actor.roles);
    (kinds.len() < NoticeKind::ALL.len()).then(|| kinds.into_iter().map(NoticeKind::code).collect())
}

// Every kind has a bit of the mask below.
const _: () = assert!(NoticeKind::ALL.len() <= 64);

/// The kinds this actor sees as a bit per kind (the unread cache's key part).
fn kinds_mask(actor: &Actor) -> u64 {
    NoticeKind::ALL
        .iter()
        .enumerate()
        .filter(|(_, k)| k.audience().iter().any(|r| actor.roles.contains(r)))
        .fold(0, |mask, (i, _)| mask | 1 << i)
}

/// How many notifications the user has not seen, up to [`UNREAD_CAP`]: remembered between
/// announcements (every page shows it; see [`super::unread::Cache`]).
pub async fn unread_count(services: &Services, actor: &Actor) -> Result<u32, AppError> {
    let ticket = match services
        .unread_cache()
        .get(actor.org_id, actor.user_id, kinds_mask(actor))
    {
        Ok(count) => return Ok(count),
        Err(ticket) => ticket,
    };
    let n = db::notifications::unread(
        services.pool(),
        actor.org_id,
        actor.user_id,
        visible_codes(actor).as_deref(),
        i64::from(UNREAD_CAP),
    )
    .await
    .or_internal("counting notifications")?;
    let count = u32::try_from(n).unwrap_or(UNREAD_CAP);
    services.unread_cache().keep(ticket, count);
    Ok(count)
}

/// Requests expired unanswered that nobody was told of yet: one notification to the sender
/// each, marked so that it is told once. Returns how many.
pub async fn notice_expired(services: &Services) -> Result<usize, AppError> {
    let mut total = 0;
    loop {
        let now = services.now_ms();
        let mut tx = db::begin_write(services.pool())
            .await
            .or_internal("starting the expiry notices")?;
        let expired = db::notifications::expired_unnoticed(&mut tx, now, 200)
            .await
            .or_internal("reading expired requests")?;
        if expired.is_empty() {
            return Ok(total);
        }
        let mut told = Vec::new();
        for e in &expired {
            let kind = match e.kind.as_str() {
                "partnership" => InvitationKind::Partnership,
                "joint_invite" => InvitationKind::JointInvite,
                _ => InvitationKind::ResellerRelationship,
            };
            let recipient = e.recipient_email.as_deref().unwrap_or("");
            tell(
                &mut tx,
                &Tell {
                    to: e.from_org_id,
                    kind: NoticeKind::RequestExpired(kind),
                    by: &e.created_by_name,
                    other: (None, recipient),
                    customer: None,
                    invitation: Some(&e.id),
                    at: e.expires_at,
                },
            )
            .await?;
            db::notifications::mark_expiry_noticed(&mut tx, &e.id)
                .await
                .or_internal("marking an expiry noticed")?;
            told.push(e.from_org_id);
        }
        tx.commit()
            .await
            .or_internal("committing the expiry notices")?;
        total += expired.len();
        services.announce(&told);
    }
}

/// How often the server looks for requests that expired unanswered (the issue allows an hour).
pub const EXPIRY_CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(300);

/// Notices expired requests now and then every `every` (a job of the server: no request needs
/// to come for a sender to learn that its link expired).
pub async fn expiry_job(services: Services, every: std::time::Duration) {
    super::jobs::every(services, "expiry-notices", every, |services| async move {
        match notice_expired(&services).await {
            Ok(n) if n > 0 => tracing::info!(requests = n, "noticed expired requests"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = ?e, "noticing expired requests failed"),
        }
    })
    .await
}

/// Moves the user's read mark up to `seq` (from `seen`), and tells their open pages.
async fn mark_seen_up_to(
    svc: &Services,
    actor: &Actor,
    seq: i64,
    seen: i64,
) -> Result<(), AppError> {
    if seq <= seen {
        return Ok(());
    }
    let mut tx = db::begin_write(svc.pool())
        .await
        .or_internal("starting to mark notifications read")?;
    db::notifications::mark_seen(&mut tx, actor.user_id, seq)
        .await
        .or_internal("marking notifications read")?;
    tx.commit().await.or_internal("committing the read mark")?;
    svc.announce(&[actor.org_id]);
    Ok(())
}

pub struct Notifications(pub Services);

fn parse_cursor(s: &str) -> Option<i64> {
    s.parse::<i64>().ok().filter(|n| *n > 0)
}

#[async_trait::async_trait]
impl NotificationsPort for Notifications {
    async fn page(
        &self,
        ctx: &RequestCtx,
        before: Option<String>,
        limit: u32,
    ) -> Result<NoticePage, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewOrganization)?;
        let before = match before.as_deref().filter(|s| !s.is_empty()) {
            Some(raw) => Some(parse_cursor(raw).ok_or(AppError::BadRequest)?),
            None => None,
        };
        let svc = &self.0;
        let seen = db::notifications::seen(svc.pool(), actor.user_id)
            .await
            .or_internal("reading the read mark")?;
        let limit = limit.clamp(1, 200);
        let mut rows = db::notifications::page(
            svc.pool(),
            actor.org_id,
            visible_codes(actor).as_deref(),
            before,
            i64::from(limit) + 1,
        )
        .await
        .or_internal("reading notifications")?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next = more
            .then(|| rows.last().map(|r| r.seq.to_string()))
            .flatten();
        // Opening the page reads what it shows: up to its newest row (a notification committed
        // since the rows were read stays unread until it has been shown).
        if let (None, Some(newest)) = (before, rows.first()) {
            mark_seen_up_to(svc, actor, newest.seq, seen).await?;
        }
        let tz = time_fmt::Viewer::of(actor);
        let notices = rows
            .into_iter()
            .filter_map(|r| {
                Some(Notice {
                    seq: r.seq,
                    kind: NoticeKind::from_code(&r.kind)?,
                    actor: r.actor_name,
                    other: r.other_name,
                    other_id: r.other_org_id,
                    customer: r.customer_name,
                    customer_id: r.customer_id,
                    at: tz.date_time(r.at),
                    unread: r.seq > seen,
                })
            })
            .collect();
        Ok(NoticePage { notices, next })
    }

    async fn unread(&self, ctx: &RequestCtx) -> Result<u32, AppError> {
        // Nobody signed in (or not yet past a temporary password) has nothing unread: the shell
        // asks while it finds out, and a refusal would only be noise.
        match ctx.actor() {
            Ok(actor) => unread_count(&self.0, actor).await,
            Err(AppError::SignInRequired | AppError::PasswordChangeRequired) => Ok(0),
            Err(e) => Err(e),
        }
    }

    async fn mark_all_read(&self, ctx: &RequestCtx) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        let svc = &self.0;
        let newest = db::notifications::newest(svc.pool(), actor.org_id)
            .await
            .or_internal("reading notifications")?;
        let seen = db::notifications::seen(svc.pool(), actor.user_id)
            .await
            .or_internal("reading the read mark")?;
        mark_seen_up_to(svc, actor, newest, seen).await
    }
}

#[cfg(test)]
mod tests {
    use super::parse_cursor;

    #[test]
    fn cursors() {
        assert_eq!(parse_cursor("42"), Some(42));
        assert_eq!(parse_cursor("0"), None);
        assert_eq!(parse_cursor("-3"), None);
        assert_eq!(parse_cursor("1 OR 1=1"), None);
    }
}
