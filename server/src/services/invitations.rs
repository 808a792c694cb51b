//! The invitation engine, shared by every kind of request: a link is a random token of which only
//! the SHA-256 is stored; closing an invitation is one conditional update inside a write
//! transaction, so a link works exactly once however many people click at the same moment.

use super::{
    Services, audit, customers, fault::OrInternal, fill, new_id, partnerships, rate, require,
    time_fmt,
};
use crate::{auth::token, db};
use app::{
    api::{RequestCtx, invitations::InvitationsPort},
    i18n::Locale,
    model::{
        Action, Actor, AppError, Cloud, Decision, Draft, Email, ErrorCode, InvitationKind,
        InvitationRow, InvitationState, InvitePreview, OpenInvite, OrgCard, OrgKind, Placement,
    },
};

pub struct Invitations(pub Services);

/// A token as links carry it: 32 bytes in base64url without padding.
fn token_shape_ok(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The link for a token.
pub fn link(services: &Services, token: &str) -> String {
    format!("{}/invite/{token}", services.config().public_url)
}

fn ttl_ms(services: &Services) -> i64 {
    i64::try_from(services.config().invitation_ttl.as_millis()).unwrap_or(i64::MAX)
}

/// What a new invitation needs.
pub struct New<'a> {
    pub kind: InvitationKind,
    pub from_org_id: &'a str,
    pub second_org_id: Option<&'a str>,
    pub recipient_email: Option<&'a str>,
    pub ask_delegated_admin: bool,
}

/// Creates a pending invitation inside `tx`: its id, its token and its expiry.
pub async fn create(
    services: &Services,
    tx: &mut db::Tx,
    actor: &Actor,
    new: &New<'_>,
) -> Result<(String, String, i64), AppError> {
    let (token, hash) = token::new_token().or_internal("making an invitation token")?;
    let id = new_id();
    let now = services.now_ms();
    let expires_at = now.saturating_add(ttl_ms(services));
    let user_id = actor.user_id.to_string();
    db::invitations::insert(
        tx,
        &db::invitations::NewInvitation {
            id: &id,
            kind: new.kind.as_str(),
            from_org_id: new.from_org_id,
            second_org_id: new.second_org_id,
            recipient_email: new.recipient_email,
            ask_delegated_admin: new.ask_delegated_admin,
            token_hash: &hash,
            created_by: Some(&user_id),
            created_by_name: &actor.user_name,
            created_at: now,
            expires_at,
        },
    )
    .await
    .or_internal("storing an invitation")?;
    Ok((id, token, expires_at))
}

/// What a draft email depends on besides its link.
pub struct DraftOf {
    pub kind: InvitationKind,
    pub ask_delegated_admin: bool,
    /// For a joint invite: the indirect provider's name.
    pub second_name: Option<String>,
}

impl DraftOf {
    pub fn partnership() -> Self {
        Self {
            kind: InvitationKind::Partnership,
            ask_delegated_admin: false,
            second_name: None,
        }
    }
}

/// The draft email for an invitation the actor's organization sends.
pub async fn draft(
    services: &Services,
    actor: &Actor,
    of: &DraftOf,
    id: String,
    token: &str,
    expires_at: i64,
) -> Result<Draft, AppError> {
    let t = Locale::default().strings();
    let link = link(services, token);
    let expires = time_fmt::format_date(expires_at, &actor.time_zone);
    let mpn = actor.org_mpn_id.clone().unwrap_or_default();
    let second = of.second_name.clone().unwrap_or_default();
    let delegated = if of.ask_delegated_admin {
        t.draft_delegated_admin
    } else {
        ""
    };
    let values = [
        ("provider", actor.org_name.as_str()),
        ("partner", actor.org_name.as_str()),
        ("second", second.as_str()),
        ("delegated", delegated),
        ("mpn", mpn.as_str()),
        ("link", link.as_str()),
        ("expires", expires.as_str()),
        ("sender", actor.user_name.as_str()),
    ];
    let (subject, body) = match of.kind {
        InvitationKind::Partnership => (t.draft_partnership_subject, t.draft_partnership_body),
        InvitationKind::ResellerRelationship => {
            (t.draft_relationship_subject, t.draft_relationship_body)
        }
        InvitationKind::JointInvite => (t.draft_joint_subject, t.draft_joint_body),
    };
    Ok(Draft {
        invitation_id: id,
        to: String::new(),
        subject: fill(subject, &values),
        body: fill(body, &values),
        link,
    })
}

/// The pending customer request (reseller relationship or joint invite) a link names, or why it
/// cannot be used.
pub async fn open_customer_request(
    services: &Services,
    token: &str,
) -> Result<db::invitations::Record, AppError> {
    if !token_shape_ok(token) {
        return Err(AppError::Refused(ErrorCode::InvitationNotValid));
    }
    let record = db::invitations::by_token_hash(services.pool(), &token::hash(token))
        .await
        .or_internal("reading an invitation")?
        .ok_or(AppError::Refused(ErrorCode::InvitationNotValid))?;
    if InvitationKind::parse(&record.kind) == Some(InvitationKind::Partnership) {
        return Err(AppError::Refused(ErrorCode::InvitationNotValid));
    }
    let state = InvitationState::from_stored(&record.state, record.expires_at, services.now_ms())
        .ok_or(AppError::Internal)?;
    if state != InvitationState::Pending {
        return Err(closed_error(state));
    }
    Ok(record)
}

/// Refuses, at the country and cloud fields, a new customer that could not accept the request:
/// every partner of it must be in the customer's region and cloud.
pub async fn fits_request(
    services: &Services,
    record: &db::invitations::Record,
    country: &str,
    cloud: Cloud,
) -> Result<(), AppError> {
    let region = db::orgs::region_of(services.pool(), country)
        .await
        .or_internal("reading a region")?;
    // A country without a region was refused at its field already.
    let customer = Placement {
        region: region.unwrap_or_default(),
        cloud,
    };
    let mut errors = Vec::new();
    for id in std::iter::once(&record.from_org_id).chain(record.second_org_id.as_ref()) {
        let partner = partnerships::placement(services, id).await?;
        if !partner.same_region(&customer) && errors.is_empty() {
            errors.push(app::model::FieldError::new(
                "country",
                ErrorCode::RegionMismatch,
            ));
        }
        if !partner.same_cloud(&customer) {
            errors.push(app::model::FieldError::new(
                "cloud",
                ErrorCode::CloudMismatch,
            ));
            break;
        }
    }
    AppError::from_fields(errors)
}

/// The name of an organization, for drafts and activity entries.
pub async fn org_name(services: &Services, org_id: &str) -> Result<String, AppError> {
    Ok(db::orgs::by_id(services.pool(), org_id)
        .await
        .or_internal("reading an organization")?
        .ok_or(AppError::Internal)?
        .legal_name)
}

/// The refusal for an invitation that is no longer open.
pub fn closed_error(state: InvitationState) -> AppError {
    AppError::Refused(match state {
        InvitationState::Accepted => ErrorCode::InvitationUsed,
        InvitationState::Declined => ErrorCode::InvitationDeclined,
        InvitationState::Expired => ErrorCode::InvitationExpired,
        InvitationState::Revoked => ErrorCode::InvitationRevoked,
        InvitationState::Pending => ErrorCode::NotPending,
    })
}

pub async fn org_card(services: &Services, org_id: &str) -> Result<OrgCard, AppError> {
    let org = db::orgs::by_id(services.pool(), org_id)
        .await
        .or_internal("reading an organization")?
        .ok_or(AppError::Internal)?;
    Ok(OrgCard {
        name: org.legal_name,
        mpn_id: org.mpn_id,
        country: org.country,
        cloud: Cloud::parse(&org.cloud).unwrap_or(Cloud::Public),
    })
}

impl Invitations {
    fn state(&self, r: &db::invitations::Record) -> Result<InvitationState, AppError> {
        InvitationState::from_stored(&r.state, r.expires_at, self.0.now_ms())
            .ok_or(AppError::Internal)
    }

    fn kind(r: &db::invitations::Record) -> Result<InvitationKind, AppError> {
        InvitationKind::parse(&r.kind).ok_or(AppError::Internal)
    }
}

#[async_trait::async_trait]
impl InvitationsPort for Invitations {
    async fn list(&self, ctx: &RequestCtx) -> Result<Vec<InvitationRow>, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewOrganization)?;
        let org_id = actor.org_id.to_string();
        let records = db::invitations::sent_by_org(self.0.pool(), &org_id, 500)
            .await
            .or_internal("listing invitations")?;
        let tz = &actor.time_zone;
        records
            .into_iter()
            .map(|r| {
                let state = self.state(&r)?;
                Ok(InvitationRow {
                    mine: r.from_org_id == org_id,
                    kind: Self::kind(&r)?,
                    state,
                    recipient: r.recipient_email.clone().unwrap_or_default(),
                    sent_by: r.created_by_name.clone(),
                    created: time_fmt::format_ms(r.created_at, tz),
                    expires: time_fmt::format_ms(r.expires_at, tz),
                    decided: r.decided_at.map(|at| {
                        format!(
                            "{} · {}",
                            time_fmt::format_ms(at, tz),
                            r.decided_by_name.clone().unwrap_or_default()
                        )
                    }),
                    id: r.id,
                })
            })
            .collect()
    }

    async fn reissue(&self, ctx: &RequestCtx, id: String) -> Result<Draft, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::RequestLinks)?;
        let svc = &self.0;
        let org_id = actor.org_id.to_string();
        let record = sent_by(
            &mut *svc
                .pool()
                .acquire()
                .await
                .or_internal("acquiring a connection")?,
            &id,
            &org_id,
        )
        .await?;
        let kind = Self::kind(&record)?;
        // Read before the write transaction: no second connection while holding the write lock.
        let second_name = match &record.second_org_id {
            Some(second) => Some(org_name(svc, second).await?),
            None => None,
        };
        let (token, hash) = token::new_token().or_internal("making an invitation token")?;
        let now = svc.now_ms();
        let expires_at = now.saturating_add(ttl_ms(svc));
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
            &org_id,
            actor,
            "invitation.reissued",
            &subject,
            now,
        )
        .await?;
        let of = DraftOf {
            kind,
            ask_delegated_admin: record.ask_delegated_admin,
            second_name,
        };
        let mut d = draft(svc, actor, &of, id, &token, expires_at).await?;
        tx.commit().await.or_internal("committing a re-issue")?;
        d.to = subject;
        Ok(d)
    }

    async fn revoke(&self, ctx: &RequestCtx, id: String) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::RequestLinks)?;
        let svc = &self.0;
        let org_id = actor.org_id.to_string();
        let record = sent_by(
            &mut *svc
                .pool()
                .acquire()
                .await
                .or_internal("acquiring a connection")?,
            &id,
            &org_id,
        )
        .await?;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a revocation")?;
        let user_id = actor.user_id.to_string();
        let by_ids = db::invitations::By {
            name: &actor.user_name,
            org_id: &org_id,
            user_id: &user_id,
        };
        if !db::invitations::revoke(&mut tx, &id, &by_ids, now)
            .await
            .or_internal("revoking")?
        {
            return Err(AppError::Refused(ErrorCode::NotPending));
        }
        audit::by_actor(
            &mut tx,
            &org_id,
            actor,
            "invitation.revoked",
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
        let org_id = actor.org_id.to_string();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting to record a recipient")?;
        sent_by(&mut tx, &id, &org_id).await?;
        if !db::invitations::set_recipient(&mut tx, &id, email.as_str())
            .await
            .or_internal("recording a recipient")?
        {
            return Err(AppError::Refused(ErrorCode::NotPending));
        }
        tx.commit().await.or_internal("committing a recipient")
    }

    async fn preview(&self, ctx: &RequestCtx, token: String) -> Result<InvitePreview, AppError> {
        if !token_shape_ok(&token) {
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
        let sender = org_card(svc, &record.from_org_id).await?;
        if state != InvitationState::Pending {
            return Ok(InvitePreview::Closed {
                state,
                ask: sender.name,
            });
        }
        let mut from = vec![sender];
        if let Some(second) = &record.second_org_id {
            from.push(org_card(svc, second).await?);
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
            db::invitations::mark_opened(&mut tx, &record.id, &actor.org_id.to_string())
                .await
                .or_internal("recording an opened link")?;
            tx.commit().await.or_internal("committing an opened link")?;
        }
        let tz = ctx.actor.as_ref().map_or("UTC", |a| a.time_zone.as_str());
        Ok(InvitePreview::Open(OpenInvite {
            kind,
            from,
            ask_delegated_admin: record.ask_delegated_admin,
            expires: time_fmt::format_ms(record.expires_at, tz),
            tenant_suffix: svc.config().tenant_suffix.clone(),
        }))
    }

    async fn respond(
        &self,
        ctx: &RequestCtx,
        token: String,
        accept: bool,
        authorized: bool,
    ) -> Result<Decision, AppError> {
        let svc = &self.0;
        rate::per_client(
            svc,
            ctx,
            "respond",
            svc.config().respond_max_per_minute,
            rate::MINUTE_MS,
        )
        .await?;
        let actor = ctx.actor()?;
        if !token_shape_ok(&token) {
            return Err(AppError::Refused(ErrorCode::InvitationNotValid));
        }
        let record = db::invitations::by_token_hash(svc.pool(), &token::hash(&token))
            .await
            .or_internal("reading an invitation")?
            .ok_or(AppError::Refused(ErrorCode::InvitationNotValid))?;
        let state = self.state(&record)?;
        if state != InvitationState::Pending {
            return Err(closed_error(state));
        }
        match Self::kind(&record)? {
            InvitationKind::Partnership => {
                partnerships::respond(svc, actor, &record, accept, authorized).await
            }
            InvitationKind::ResellerRelationship | InvitationKind::JointInvite => {
                customers::respond(svc, actor, &record, accept, authorized).await
            }
        }
    }
}

/// An invitation this organization sent itself (not one naming it as a joint invite's second
/// party), or NotFound: re-issue, revoke and recipient act only on those.
async fn sent_by(
    conn: &mut sqlx::SqliteConnection,
    id: &str,
    org_id: &str,
) -> Result<db::invitations::Record, AppError> {
    db::invitations::by_id_for_org(&mut *conn, id, org_id)
        .await
        .or_internal("reading an invitation")?
        .filter(|r| r.from_org_id == org_id)
        .ok_or(AppError::NotFound)
}

/// Closes the invitation in `tx`, or says why it could not be (someone else was first, or it
/// expired a moment ago).
pub async fn close(
    services: &Services,
    tx: &mut db::Tx,
    record: &db::invitations::Record,
    accepted: bool,
    actor: &Actor,
) -> Result<(), AppError> {
    let now = services.now_ms();
    let state = if accepted { "accepted" } else { "declined" };
    let org_id = actor.org_id.to_string();
    let user_id = actor.user_id.to_string();
    // The token hash too: a link re-issued since it was read no longer closes anything.
    let by = db::invitations::By {
        name: &actor.user_name,
        org_id: &org_id,
        user_id: &user_id,
    };
    if db::invitations::close(tx, &record.id, &record.token_hash, state, &by, now)
        .await
        .or_internal("closing an invitation")?
    {
        return Ok(());
    }
    let current = db::invitations::by_id_for_org(&mut **tx, &record.id, &record.from_org_id)
        .await
        .or_internal("reading an invitation")?
        .and_then(|r| InvitationState::from_stored(&r.state, r.expires_at, now))
        .unwrap_or(InvitationState::Revoked);
    Err(closed_error(current))
}

#[cfg(test)]
mod tests {
    use super::token_shape_ok;

    #[test]
    fn token_shape() {
        assert!(token_shape_ok(&"a".repeat(43)));
        assert!(!token_shape_ok(&"a".repeat(42)));
        assert!(!token_shape_ok(&format!("{}=", "a".repeat(42))));
        assert!(!token_shape_ok("../../etc/passwd"));
    }
}
