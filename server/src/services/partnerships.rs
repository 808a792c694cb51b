//! Partnerships between indirect providers and indirect resellers. Rules: a provider requests
//! (RequestPartnership), a reseller answers (RespondToPartnership) after authorizing the
//! provider; both in one region and one cloud; no duplicate; only the provider removes
//! (RemovePartnership), which leaves customers and delegated admin grants as they are.

use super::fault::OnConstraint;
use super::{Services, audit, fault::OrInternal, links, new_id, notices, orgs, require, time_fmt};
use crate::db;
use crate::db::Unique;
use app::model::activity::Activity;
use app::{
    api::{RequestCtx, partnerships::PartnershipsPort},
    model::{
        Action, Actor, Answer, Answered, AppError, Draft, ErrorCode, InvitationKind, NoticeKind,
        OrgId, PartnerRow,
    },
};

pub struct Partnerships(pub Services);

/// A reseller accepts or declines a partnership request.
pub async fn respond(
    services: &Services,
    actor: &Actor,
    record: &db::invitations::Record,
    answer: Answer,
    authorized: bool,
    attempt: Option<&super::rate::Attempt<'_>>,
) -> Result<Answered, AppError> {
    let accept = answer == Answer::Accept;
    require(actor, Action::RespondToPartnership)?;
    let reseller_id = actor.org_id;
    let provider_id = record.from_org_id;
    if reseller_id == provider_id {
        return Err(AppError::Refused(ErrorCode::OwnOrganization));
    }
    let provider = db::orgs::by_id(services.pool(), provider_id)
        .await
        .or_internal("reading an organization")?
        .ok_or(AppError::Internal)?;
    if accept {
        if !authorized {
            return Err(AppError::field(
                "authorize",
                ErrorCode::AuthorizationRequired,
            ));
        }
        orgs::same_region_and_cloud(services, provider_id, reseller_id).await?;
    }
    let now = services.now_ms();
    let mut tx = super::rate::begin_write(services, attempt).await?;
    if accept
        && db::partnerships::is_active(&mut tx, provider_id, reseller_id)
            .await
            .or_internal("checking a partnership")?
    {
        return Err(AppError::Refused(ErrorCode::AlreadyPartners));
    }
    links::close(services, &mut tx, record, accept, actor).await?;
    if accept {
        db::partnerships::insert(
            &mut tx,
            &new_id(),
            provider_id,
            reseller_id,
            now,
            Some(&record.id),
        )
        .await
        .on_constraint(
            &[(Unique::ActivePartnership, || {
                AppError::Refused(ErrorCode::AlreadyPartners)
            })],
            "storing a partnership",
        )?;
    }
    let code = if accept {
        Activity::PartnershipAccepted
    } else {
        Activity::PartnershipDeclined
    };
    audit::by_actor(&mut tx, reseller_id, actor, code, &provider.legal_name, now).await?;
    audit::by_actor(&mut tx, provider_id, actor, code, &actor.org_name, now).await?;
    let kind = InvitationKind::Partnership;
    notices::tell(
        &mut tx,
        &notices::Tell {
            to: provider_id,
            kind: if accept {
                NoticeKind::RequestAccepted(kind)
            } else {
                NoticeKind::RequestDeclined(kind)
            },
            by: &actor.user_name,
            other: (Some(reseller_id), &actor.org_name),
            customer: None,
            invitation: Some(&record.id),
            at: now,
        },
    )
    .await?;
    tx.commit().await.or_internal("committing an answer")?;
    services.announce(&[provider_id]);
    Ok(Answered {
        answer,
        with: provider.legal_name,
        kind: InvitationKind::Partnership,
        kept_existing: false,
    })
}

fn rows(
    records: Vec<db::partnerships::PartnerRecord>,
    tz: &time_fmt::Viewer,
) -> Result<Vec<PartnerRow>, AppError> {
    records
        .into_iter()
        .map(|r| {
            Ok(PartnerRow {
                org_id: r.org_id,
                name: r.name,
                mpn_id: r.mpn_id.unwrap_or_default(),
                country: r.country,
                since: tz.date(r.since),
                shared_customers: r.shared_customers,
            })
        })
        .collect()
}

#[async_trait::async_trait]
impl PartnershipsPort for Partnerships {
    async fn request(&self, ctx: &RequestCtx) -> Result<Draft, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::RequestPartnership)?;
        let svc = &self.0;
        let org_id = actor.org_id;
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a partnership request")?;
        let new = links::New {
            kind: InvitationKind::Partnership,
            from_org_id: org_id,
            second_org_id: None,
            recipient_email: None,
            ask_delegated_admin: false,
        };
        let links::Created {
            id,
            token,
            expires_at,
        } = links::create(svc, &mut tx, actor, &new).await?;
        audit::by_actor(
            &mut tx,
            org_id,
            actor,
            Activity::PartnershipRequested,
            "",
            svc.now_ms(),
        )
        .await?;
        let draft = links::draft(
            svc,
            actor,
            &links::DraftOf::partnership(),
            id,
            &token,
            expires_at,
        )
        .await?;
        tx.commit()
            .await
            .or_internal("committing a partnership request")?;
        Ok(draft)
    }

    async fn resellers(&self, ctx: &RequestCtx) -> Result<Vec<PartnerRow>, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewResellers)?;
        let records = db::partnerships::partners(self.0.pool(), actor.org_id, true)
            .await
            .or_internal("listing resellers")?;
        rows(records, &time_fmt::Viewer::of(actor))
    }

    async fn providers(&self, ctx: &RequestCtx) -> Result<Vec<PartnerRow>, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewProviders)?;
        let records = db::partnerships::partners(self.0.pool(), actor.org_id, false)
            .await
            .or_internal("listing providers")?;
        rows(records, &time_fmt::Viewer::of(actor))
    }

    async fn remove(&self, ctx: &RequestCtx, reseller_id: OrgId) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::RemovePartnership)?;
        let svc = &self.0;
        let provider_id = actor.org_id;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a removal")?;
        if !db::partnerships::end(&mut tx, provider_id, reseller_id, now)
            .await
            .or_internal("ending a partnership")?
        {
            return Err(AppError::NotFound);
        }
        let reseller_org = db::orgs::by_id(&mut tx, reseller_id)
            .await
            .or_internal("reading an organization")?
            .ok_or(AppError::NotFound)?;
        audit::by_actor(
            &mut tx,
            provider_id,
            actor,
            Activity::PartnershipRemoved,
            &reseller_org.legal_name,
            now,
        )
        .await?;
        audit::by_actor(
            &mut tx,
            reseller_id,
            actor,
            Activity::PartnershipRemoved,
            &actor.org_name,
            now,
        )
        .await?;
        notices::tell(
            &mut tx,
            &notices::Tell {
                to: reseller_id,
                kind: NoticeKind::PartnershipRemoved,
                by: &actor.user_name,
                other: (Some(provider_id), &actor.org_name),
                customer: None,
                invitation: None,
                at: now,
            },
        )
        .await?;
        tx.commit().await.or_internal("committing a removal")?;
        svc.announce(&[reseller_id]);
        Ok(())
    }
}
