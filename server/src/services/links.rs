//! The invitation engine, shared by every kind of request: a link is a random token of which only
//! the SHA-256 is stored; a request is created with its draft email, opened by its token, and
//! closed by one conditional update inside a write transaction, so a link works exactly once
//! however many people click at the same moment. It knows no area: partnerships and customers
//! build on it, and `invitations` answers a link by dispatching to them.

use super::{Services, fault::OrInternal, fill, new_id, orgs, time_fmt};
use crate::{auth::token, db};
use app::{
    i18n::Locale,
    model::{
        Actor, AppError, Cloud, Draft, DraftText, ErrorCode, InvitationKind, InvitationState,
        OrgId, Placement,
    },
};

/// A token as links carry it: 32 bytes in base64url without padding.
pub(super) fn token_shape_ok(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The link for a token.
pub fn link(services: &Services, token: &str) -> String {
    format!("{}/invite/{token}", services.config().public_url)
}

pub(super) fn ttl_ms(services: &Services) -> i64 {
    i64::try_from(services.config().invitation_ttl.as_millis()).unwrap_or(i64::MAX)
}

/// What a new invitation needs.
pub struct New<'a> {
    pub kind: InvitationKind,
    pub from_org_id: OrgId,
    pub second_org_id: Option<OrgId>,
    pub recipient_email: Option<&'a str>,
    pub ask_delegated_admin: bool,
}

/// A pending invitation just made: the link's token exists only here.
pub struct Created {
    pub id: String,
    pub token: String,
    pub expires_at: i64,
}

/// Creates a pending invitation inside `tx`.
pub async fn create(
    services: &Services,
    tx: &mut db::Tx,
    actor: &Actor,
    new: &New<'_>,
) -> Result<Created, AppError> {
    let token::NewToken { token, hash } =
        token::new_token().or_internal("making an invitation token")?;
    let id = new_id();
    let now = services.now_ms();
    let expires_at = now.saturating_add(ttl_ms(services));
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
            created_by: Some(actor.user_id),
            created_by_name: &actor.user_name,
            created_at: now,
            expires_at,
        },
    )
    .await
    .or_internal("storing an invitation")?;
    Ok(Created {
        id,
        token,
        expires_at,
    })
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
    let link = link(services, token);
    let mpn = actor.org_mpn_id.clone().unwrap_or_default();
    let second = of.second_name.clone().unwrap_or_default();
    let languages: Vec<DraftText> = Locale::ALL
        .into_iter()
        .map(|locale| {
            let t = locale.strings();
            // The expiry date in the sender's zone, written as the email's language writes dates.
            let expires = time_fmt::Viewer::new(&actor.time_zone, locale).date(expires_at);
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
                InvitationKind::Partnership => {
                    (t.draft_partnership_subject, t.draft_partnership_body)
                }
                InvitationKind::ResellerRelationship => {
                    (t.draft_relationship_subject, t.draft_relationship_body)
                }
                InvitationKind::JointInvite => (t.draft_joint_subject, t.draft_joint_body),
            };
            DraftText {
                locale,
                subject: fill(subject, &values),
                body: fill(body, &values),
            }
        })
        .collect();
    // First in the sender's interface language: a partner writes in the customer's language by
    // choosing another.
    let own = languages
        .iter()
        .find(|d| d.locale == actor.locale)
        .or(languages.first())
        .cloned()
        .ok_or(AppError::Internal)?;
    Ok(Draft {
        invitation_id: id,
        to: String::new(),
        subject: own.subject,
        body: own.body,
        locale: own.locale,
        languages,
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
    for id in std::iter::once(record.from_org_id).chain(record.second_org_id) {
        let partner = orgs::placement(services, id).await?;
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
    // The token hash too: a link re-issued since it was read no longer closes anything.
    let by = db::invitations::By {
        name: &actor.user_name,
        org_id: actor.org_id,
        user_id: actor.user_id,
    };
    if db::invitations::close(tx, &record.id, &record.token_hash, state, &by, now)
        .await
        .or_internal("closing an invitation")?
    {
        return Ok(());
    }
    let current = db::invitations::by_id_for_org(&mut *tx, &record.id, record.from_org_id)
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
