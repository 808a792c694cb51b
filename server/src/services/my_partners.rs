//! The customer's side (W13): its resellers of record and delegated admin grants, which only its
//! Global admins change (ManagePartners), and the pending requests whose link one of its users has
//! opened, which they may decline here (accepting needs the link). A request is not listed
//! before: a partner naming one of the customer's users must not put requests on its page.

use super::{Services, audit, fault::OrInternal, notices, orgs, require, time_fmt};
use crate::db;
use app::model::NoticeKind;
use app::model::activity::Activity;
use app::{
    api::{RequestCtx, my_partners::MyPartnersPort},
    model::{
        Action, Actor, AppError, CustomerPartnerRow, InvitationKind, OrgId, OrgKind, PendingRequest,
    },
};

pub struct MyPartners(pub Services);

impl MyPartners {
    /// Ends a link to a partner (the grant, or else the relationship) with activity entries on both sides.
    async fn end_link(
        &self,
        ctx: &RequestCtx,
        partner_id: OrgId,
        grant: bool,
    ) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ManagePartners)?;
        let svc = &self.0;
        let customer_id = actor.org_id;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting to end a link")?;
        let ended = if grant {
            db::customers::end_grant(&mut tx, customer_id, partner_id, now).await
        } else {
            db::customers::end_relationship(&mut tx, partner_id, customer_id, now).await
        }
        .or_internal("ending a link")?;
        if !ended {
            return Err(AppError::NotFound);
        }
        let partner_org = db::orgs::by_id(&mut tx, partner_id)
            .await
            .or_internal("reading an organization")?
            .ok_or(AppError::NotFound)?;
        let code = if grant {
            Activity::DelegatedAdminRemoved
        } else {
            Activity::RelationshipEndedByCustomer
        };
        audit::by_actor(
            &mut tx,
            customer_id,
            actor,
            code,
            &partner_org.legal_name,
            now,
        )
        .await?;
        audit::by_actor(&mut tx, partner_id, actor, code, &actor.org_name, now).await?;
        notices::tell(
            &mut tx,
            &notices::Tell {
                to: partner_id,
                kind: if grant {
                    NoticeKind::DelegatedAdminRemoved
                } else {
                    NoticeKind::RelationshipEndedByCustomer
                },
                by: &actor.user_name,
                other: (Some(customer_id), &actor.org_name),
                customer: None,
                invitation: None,
                at: now,
            },
        )
        .await?;
        tx.commit()
            .await
            .or_internal("committing the end of a link")?;
        svc.announce(&[partner_id]);
        Ok(())
    }

    async fn pending_records(
        &self,
        actor: &Actor,
        id: Option<&str>,
    ) -> Result<Vec<db::invitations::Record>, AppError> {
        db::invitations::pending_for_customer(self.0.pool(), actor.org_id, self.0.now_ms(), id)
            .await
            .or_internal("listing pending requests")
    }
}

#[async_trait::async_trait]
impl MyPartnersPort for MyPartners {
    async fn list(&self, ctx: &RequestCtx) -> Result<Vec<CustomerPartnerRow>, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewMyPartners)?;
        let tz = &time_fmt::Viewer::of(actor);
        db::customers::partners_of(self.0.pool(), actor.org_id)
            .await
            .or_internal("listing partners")?
            .into_iter()
            .map(|r| {
                Ok(CustomerPartnerRow {
                    org_id: r.org_id,
                    name: r.name,
                    kind: OrgKind::parse(&r.kind).ok_or(AppError::Internal)?,
                    mpn_id: r.mpn_id.unwrap_or_default(),
                    country: r.country,
                    relationship_since: r.relationship_since.map(|at| tz.date(at)),
                    grant_since: r.grant_since.map(|at| tz.date(at)),
                })
            })
            .collect()
    }

    async fn end_relationship(&self, ctx: &RequestCtx, partner: OrgId) -> Result<(), AppError> {
        self.end_link(ctx, partner, false).await
    }

    async fn remove_grant(&self, ctx: &RequestCtx, partner: OrgId) -> Result<(), AppError> {
        self.end_link(ctx, partner, true).await
    }

    async fn pending(&self, ctx: &RequestCtx) -> Result<Vec<PendingRequest>, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewMyPartners)?;
        let svc = &self.0;
        let tz = &time_fmt::Viewer::of(actor);
        let mut out = Vec::new();
        for r in self.pending_records(actor, None).await? {
            let mut from = vec![orgs::org_card(svc, r.from_org_id).await?];
            if let Some(second) = r.second_org_id {
                from.push(orgs::org_card(svc, second).await?);
            }
            out.push(PendingRequest {
                kind: InvitationKind::parse(&r.kind).ok_or(AppError::Internal)?,
                from,
                ask_delegated_admin: r.ask_delegated_admin,
                recipient: r.recipient_email.clone().unwrap_or_default(),
                sent: tz.date_time(r.created_at),
                expires: tz.date_time(r.expires_at),
                id: r.id,
            });
        }
        Ok(out)
    }

    async fn decline(&self, ctx: &RequestCtx, id: String) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ManagePartners)?;
        let record = self
            .pending_records(actor, Some(&id))
            .await?
            .into_iter()
            .next()
            .ok_or(AppError::NotFound)?;
        // The same answer as through the link: closed once, entries on every side.
        let decline = app::model::Answer::Decline;
        super::customers::respond(&self.0, actor, &record, decline, false, None)
            .await
            .map(|_| ())
    }
}
