//! Invitations as their sender and their recipient see them: the sender's list, re-issue,
//! revoke and recipient; the link's page (preview) and its answer, dispatched by kind to
//! partnerships or customers. The top of the services graph: the engine is in `links`.

use super::{
    Services, audit, customers, fault::OrInternal, links, orgs, partnerships, rate, require,
    time_fmt,
};
use crate::{
    auth::token,
    db::{self, invitations::StateIs},
};
use app::model::activity::Activity;
use app::{
    api::{RequestCtx, invitations::InvitationsPort},
    model::{
        Action, Answer, Answered, AppError, Draft, Email, ErrorCode, FieldError, InvitationFilter,
        InvitationKind, InvitationPage, InvitationRow, InvitationState, InvitePreview, OpenInvite,
        OrgId, OrgKind,
    },
};

pub struct Invitations(pub Services);
impl Invitations {
    fn state(&self, r: &db::invitations::Record) -> Result<InvitationState, AppError> {
        InvitationState::from_stored(&r.state, r.expires_at, self.0.now_ms())
            .ok_or(AppError::Internal)
    }

    /// Whether accepting would add nothing for the signed-in actor's organization (its answer
    /// would be refused as already partners, or already related with any grant asked for).
    async fn nothing_to_accept(
        &self,
        actor: &app::model::Actor,
        record: &db::invitations::Record,
        kind: InvitationKind,
    ) -> Result<bool, AppError> {
        let pool = self.0.pool();
        match (kind, actor.org_kind) {
            (InvitationKind::Partnership, OrgKind::Reseller) => {
                db::partnerships::is_active(pool, record.from_org_id, actor.org_id)
                    .await
                    .or_internal("checking a partnership")
            }
            (
                InvitationKind::ResellerRelationship | InvitationKind::JointInvite,
                OrgKind::Customer,
            ) => {
                let (relationships, grant) =
                    customers::what_is_new(pool.into(), record, actor.org_id).await?;
                Ok(relationships.is_empty() && !grant)
            }
            // Someone who cannot answer this kind is told that instead.
            _ => Ok(false),
        }
    }

    fn kind(r: &db::invitations::Record) -> Result<InvitationKind, AppError> {
        InvitationKind::parse(&r.kind).ok_or(AppError::Internal)
    }

    /// A row of the list, for the organization `org_id`.
    fn row(
        &self,
        org_id: app::model::OrgId,
        l: db::invitations::ListedRow,
        tz: &time_fmt::Viewer,
    ) -> Result<InvitationRow, AppError> {
        let r = l.record;
        let state = self.state(&r)?;
        let parties = match l.second_name {
            Some(second) => vec![(l.from_name, state), (second, state)],
            None => Vec::new(),
        };
        Ok(InvitationRow {
            mine: r.from_org_id == org_id,
            kind: Self::kind(&r)?,
            state,
            recipient: r.recipient_email.clone().unwrap_or_default(),
            sent_by: r.created_by_name.clone(),
            created: tz.date_time(r.created_at),
            expires: tz.date_time(r.expires_at),
            decided: r.decided_at.map(|at| {
                format!(
                    "{} · {}",
                    tz.date_time(at),
                    r.decided_by_name.clone().unwrap_or_default()
                )
            }),
            parties,
            id: r.id,
        })
    }

    /// Answers a pending invitation by its kind, writing through `attempt`'s transaction.
    async fn answer(
        &self,
        ctx: &RequestCtx,
        token: String,
        answer: Answer,
        authorized: bool,
        attempt: &rate::Attempt<'_>,
    ) -> Result<Answered, AppError> {
        let svc = &self.0;
        let actor = ctx.actor()?;
        if !links::token_shape_ok(&token) {
            return Err(AppError::Refused(ErrorCode::InvitationNotValid));
        }
        let record = db::invitations::by_token_hash(svc.pool(), &token::hash(&token))
            .await
            .or_internal("reading an invitation")?
            .ok_or(AppError::Refused(ErrorCode::InvitationNotValid))?;
        let state = self.state(&record)?;
        if state != InvitationState::Pending {
            return Err(links::closed_error(state));
        }
        match Self::kind(&record)? {
            InvitationKind::Partnership => {
                partnerships::respond(svc, actor, &record, answer, authorized, Some(attempt)).await
            }
            InvitationKind::ResellerRelationship | InvitationKind::JointInvite => {
                customers::respond(svc, actor, &record, answer, authorized, Some(attempt)).await
            }
        }
    }
}

#[async_trait::async_trait]
impl InvitationsPort for Invitations {
    async fn list(
        &self,
        ctx: &RequestCtx,
        filter: InvitationFilter,
        after: Option<String>,
        limit: u32,
    ) -> Result<InvitationPage, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewOrganization)?;
        let org_id = actor.org_id;
        let mut problems = Vec::new();
        let state = match filter.state.trim() {
            "" => None,
            raw => match InvitationState::parse(raw) {
                Some(InvitationState::Pending) => Some(StateIs::Pending),
                Some(InvitationState::Expired) => Some(StateIs::Expired),
                Some(stored) => Some(StateIs::Stored(stored.as_str())),
                None => {
                    problems.push(FieldError::new("state", ErrorCode::ChoiceUnknown));
                    None
                }
            },
        };
        let kind = match filter.kind.trim() {
            "" => None,
            raw => {
                let kind = InvitationKind::parse(raw);
                if kind.is_none() {
                    problems.push(FieldError::new("kind", ErrorCode::ChoiceUnknown));
                }
                kind
            }
        };
        if !problems.is_empty() {
            return Ok(InvitationPage {
                problems,
                ..InvitationPage::default()
            });
        }
        let before = match after.as_deref().filter(|s| !s.is_empty()) {
            Some(raw) => Some(super::activity::parse_cursor(raw).ok_or(AppError::BadRequest)?),
            None => None,
        };
        let limit = limit.clamp(1, 200);
        let mut listed = db::invitations::listed(
            self.0.pool(),
            org_id,
            db::invitations::Which {
                only: None,
                kind: kind.map(InvitationKind::as_str),
                state,
            },
            self.0.now_ms(),
            before,
            i64::from(limit) + 1,
        )
        .await
        .or_internal("listing invitations")?;
        let more = listed.len() > limit as usize;
        listed.truncate(limit as usize);
        let next = more
            .then(|| {
                listed
                    .last()
                    .map(|l| format!("{}_{}", l.record.created_at, l.record.id))
            })
            .flatten();
        let tz = &time_fmt::Viewer::of(actor);
        let rows = listed
            .into_iter()
            .map(|l| self.row(org_id, l, tz))
            .collect::<Result<_, AppError>>()?;
        Ok(InvitationPage {
            rows,
            next,
            problems: Vec::new(),
        })
    }

    async fn get(&self, ctx: &RequestCtx, id: String) -> Result<InvitationRow, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewOrganization)?;
        let listed = db::invitations::listed(
            self.0.pool(),
            actor.org_id,
            db::invitations::Which {
                only: Some(&id),
                ..Default::default()
            },
            self.0.now_ms(),
            None,
            1,
        )
        .await
        .or_internal("reading an invitation")?;
        let found = listed.into_iter().next().ok_or(AppError::NotFound)?;
        self.row(actor.org_id, found, &time_fmt::Viewer::of(actor))
    }

    async fn reissue(&self, ctx: &RequestCtx, id: String) -> Result<Draft, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::RequestLinks)?;
        let svc = &self.0;
        let org_id = actor.org_id;
        let record = sent_by(svc.pool().into(), &id, org_id).await?;
        let kind = Self::kind(&record)?;
        // Read before the write transaction: no second connection while holding the write lock.
        let second = record.second_org_id;
        let second_name = match second {
            Some(second) => Some(orgs::org_name(svc, second).await?),
            None => None,
        };
        let token::NewToken { token, hash } =
            token::new_token().or_internal("making an invitation token")?;
        let now = svc.now_ms();
        let expires_at = now.saturating_add(links::ttl_ms(svc));
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a re-issue")?;
        if !db::invitations::replace_token(&mut tx, &id, &hash, expires_at)
            .await
            .or_internal("replacing a token")?
        {
            return Err(AppError::Refused(ErrorCode::NotPending));
        }
        let subject = record.recipient_email.clone().unwrap_or_default();
        audit::by_actor(
            &mut tx,
            org_id,
            actor,
            Activity::InvitationReissued,
            &subject,
            now,
        )
        .await?;
        let of = links::DraftOf {
            kind,
            ask_delegated_admin: record.ask_delegated_admin,
            second_name,
        };
        let mut d = links::draft(svc, actor, &of, id, &token, expires_at).await?;
        tx.commit().await.or_internal("committing a re-issue")?;
        d.to = subject;
        Ok(d)
    }

    async fn revoke(&self, ctx: &RequestCtx, id: String) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::RequestLinks)?;
        let svc = &self.0;
        let org_id = actor.org_id;
        let record = sent_by(svc.pool().into(), &id, org_id).await?;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a revocation")?;
        let user_id = actor.user_id;
        let by_ids = db::invitations::By {
            name: &actor.user_name,
            org_id,
            user_id,
        };
        if !db::invitations::revoke(&mut tx, &id, &by_ids, now)
            .await
            .or_internal("revoking")?
        {
            return Err(AppError::Refused(ErrorCode::NotPending));
        }
        audit::by_actor(
            &mut tx,
            org_id,
            actor,
            Activity::InvitationRevoked,
            &record.recipient_email.unwrap_or_default(),
            now,
        )
        .await?;
        tx.commit().await.or_internal("committing a revocation")
    }

    async fn set_recipient(
        &self,
        ctx: &RequestCtx,
        id: String,
        email: String,
    ) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::RequestLinks)?;
        let email = Email::parse(&email).map_err(|code| AppError::field("to", code))?;
        let svc = &self.0;
        let org_id = actor.org_id;
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting to record a recipient")?;
        sent_by((&mut tx).into(), &id, org_id).await?;
        if !db::invitations::set_recipient(&mut tx, &id, email.as_str())
            .await
            .or_internal("recording a recipient")?
        {
            return Err(AppError::Refused(ErrorCode::NotPending));
        }
        tx.commit().await.or_internal("committing a recipient")
    }

    async fn preview(&self, ctx: &RequestCtx, token: String) -> Result<InvitePreview, AppError> {
        if !links::token_shape_ok(&token) {
            return Ok(InvitePreview::NotValid);
        }
        let svc = &self.0;
        let Some(record) = db::invitations::by_token_hash(svc.pool(), &token::hash(&token))
            .await
            .or_internal("reading an invitation")?
        else {
            return Ok(InvitePreview::NotValid);
        };
        let state = self.state(&record)?;
        let sender = orgs::org_card(svc, record.from_org_id).await?;
        if state != InvitationState::Pending {
            return Ok(InvitePreview::Closed {
                state,
                ask: sender.name,
            });
        }
        let mut from = vec![sender];
        if let Some(second) = record.second_org_id {
            from.push(orgs::org_card(svc, second).await?);
        }
        let kind = Self::kind(&record)?;
        if let Some(actor) = &ctx.actor
            && actor.org_kind == OrgKind::Customer
            && kind != InvitationKind::Partnership
            && record.opened_by_org_id.is_none()
        {
            // From now on the request is listed on this customer's Partners page.
            let mut tx = db::begin_write(svc.pool())
                .await
                .or_internal("starting to record an opened link")?;
            db::invitations::mark_opened(&mut tx, &record.id, actor.org_id)
                .await
                .or_internal("recording an opened link")?;
            tx.commit().await.or_internal("committing an opened link")?;
        }
        let already = match &ctx.actor {
            Some(actor) => self.nothing_to_accept(actor, &record, kind).await?,
            None => false,
        };
        let tz = &time_fmt::Viewer::new(
            ctx.actor.as_ref().map_or("UTC", |a| a.time_zone.as_str()),
            ctx.locale,
        );
        Ok(InvitePreview::Open(OpenInvite {
            kind,
            from,
            already,
            ask_delegated_admin: record.ask_delegated_admin,
            expires: tz.date_time(record.expires_at),
            tenant_suffix: svc.config().tenant_suffix.clone(),
        }))
    }

    async fn respond(
        &self,
        ctx: &RequestCtx,
        token: String,
        answer: Answer,
        authorized: bool,
    ) -> Result<Answered, AppError> {
        let svc = &self.0;
        // The answer and the throttle's event are one commit (see `rate::Attempt`).
        let attempt = rate::Attempt::per_client(
            svc,
            ctx,
            "respond",
            svc.config().respond_max_per_minute,
            rate::MINUTE_MS,
        );
        attempt.precheck().await?;
        let outcome = self.answer(ctx, token, answer, authorized, &attempt).await;
        attempt.settle(outcome).await
    }
}

/// An invitation this organization sent itself (not one naming it as a joint invite's second
/// party), or NotFound: re-issue, revoke and recipient act only on those.
async fn sent_by(
    db: db::Db<'_>,
    id: &str,
    org_id: OrgId,
) -> Result<db::invitations::Record, AppError> {
    db::invitations::by_id_for_org(db, id, org_id)
        .await
        .or_internal("reading an invitation")?
        .filter(|r| r.from_org_id == org_id)
        .ok_or(AppError::NotFound)
}
