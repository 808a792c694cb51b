//! Reseller relationships between partners and customers (W6–W9). Rules: a partner requests
//! (RequestRelationship), asking for delegated admin permissions unless it chooses not to (US Government
//! cloud partners always ask); a reseller invites jointly with a provider it is partnered with; only
//! a customer's Global admin accepts, after accepting the Customer Agreement, within one region and
//! one cloud; existing relationships and grants are not duplicated; removing a relationship
//! (RemoveCustomerRelationship) leaves any delegated admin grant as it is.

use super::{
    Services, audit, fault::OrInternal, links, new_id, notices, orgs, orgs::same_region_and_cloud,
    require, time_fmt,
};
use crate::db;
use app::model::activity::Activity;
use app::{
    api::{
        RequestCtx,
        customers::{CustomerQuery, CustomersPort},
    },
    model::{
        Action, Actor, Answer, Answered, AppError, Cloud, CustomerAccount, CustomerPage,
        CustomerRow, CustomerSort, DomainCheck, DomainPrefix, Draft, ErrorCode, InvitationKind,
        NoticeKind, OrgId, OrgKind, PartnerChoice, customer::CUSTOMERS_PER_PAGE,
        validate::search_text,
    },
};

/// The version of the Customer Agreement a customer accepts (shown on its page).
pub const AGREEMENT_VERSION: &str = app::model::customer::AGREEMENT_VERSION;

pub struct Customers(pub Services);

/// US Government cloud partners cannot leave delegated admin permissions out of a request.
fn delegated_admin_choice(actor: &Actor, ask: bool) -> Result<bool, AppError> {
    if actor.org_cloud.must_ask_delegated_admin() && !ask {
        return Err(AppError::Refused(ErrorCode::DelegatedAdminRequired));
    }
    Ok(ask)
}

fn row(r: db::customers::ListedCustomer, tz: &time_fmt::Viewer) -> Result<CustomerRow, AppError> {
    Ok(CustomerRow {
        org_id: r.id.parse().or_internal("reading an organization id")?,
        name: r.legal_name,
        domain: r.primary_domain.unwrap_or_default(),
        country: r.country,
        since: tz.date(r.since),
        delegated_admin: r.has_grant,
    })
}

impl Customers {
    /// Stores a customer request and returns its draft email, in one transaction.
    async fn create_request(
        &self,
        actor: &Actor,
        of: links::DraftOf,
        second_org_id: Option<OrgId>,
        code: Activity,
    ) -> Result<Draft, AppError> {
        let svc = &self.0;
        let org_id = actor.org_id;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a customer request")?;
        let new = links::New {
            kind: of.kind,
            from_org_id: org_id,
            second_org_id,
            recipient_email: None,
            ask_delegated_admin: of.ask_delegated_admin,
        };
        let links::Created {
            id,
            token,
            expires_at,
        } = links::create(svc, &mut tx, actor, &new).await?;
        let subject = of.second_name.clone().unwrap_or_default();
        audit::by_actor(&mut tx, org_id, actor, code, &subject, now).await?;
        if let Some(second) = second_org_id {
            audit::by_actor(&mut tx, second, actor, code, &actor.org_name, now).await?;
        }
        let draft = links::draft(svc, actor, &of, id, &token, expires_at).await?;
        tx.commit()
            .await
            .or_internal("committing a customer request")?;
        Ok(draft)
    }
}

#[async_trait::async_trait]
impl CustomersPort for Customers {
    async fn request_relationship(
        &self,
        ctx: &RequestCtx,
        ask_delegated_admin: bool,
    ) -> Result<Draft, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::RequestRelationship)?;
        let of = links::DraftOf {
            kind: InvitationKind::ResellerRelationship,
            ask_delegated_admin: delegated_admin_choice(actor, ask_delegated_admin)?,
            second_name: None,
        };
        self.create_request(actor, of, None, Activity::RelationshipRequested)
            .await
    }

    async fn invite_with_provider(
        &self,
        ctx: &RequestCtx,
        provider_id: OrgId,
        ask_delegated_admin: bool,
    ) -> Result<Draft, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::InviteJointly)?;
        let ask = delegated_admin_choice(actor, ask_delegated_admin)?;
        let svc = &self.0;
        if !db::partnerships::is_active(svc.pool(), provider_id, actor.org_id)
            .await
            .or_internal("checking a partnership")?
        {
            return Err(AppError::Refused(ErrorCode::NotPartners));
        }
        let of = links::DraftOf {
            kind: InvitationKind::JointInvite,
            ask_delegated_admin: ask,
            second_name: Some(orgs::org_name(svc, provider_id).await?),
        };
        self.create_request(actor, of, Some(provider_id), Activity::JointInviteRequested)
            .await
    }

    async fn list(&self, ctx: &RequestCtx, query: CustomerQuery) -> Result<CustomerPage, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewCustomers)?;
        let svc = &self.0;
        let partner_id = actor.org_id;
        let search = search_text(&query.search);
        let search = search.as_deref();
        // A reseller filter names a reseller partnered with this provider; anything else is
        // told, not silently ignored.
        let wanted = search_text(&query.reseller).unwrap_or_default();
        let wanted = wanted.as_str();
        let reseller = if wanted.is_empty() || actor.org_kind != OrgKind::Provider {
            None
        } else {
            let (id, name, mpn) =
                db::partnerships::reseller_of_provider(svc.pool(), partner_id, wanted)
                    .await
                    .or_internal("finding a reseller")?
                    .ok_or_else(|| AppError::field("reseller", ErrorCode::ResellerNotPartnered))?;
            Some(PartnerChoice {
                org_id: id,
                name,
                mpn_id: mpn.unwrap_or_default(),
            })
        };
        let (cursor, backwards) = match (query.after.trim(), query.before.trim()) {
            ("", "") => (None, false),
            (after, "") => (Some(after), false),
            (_, before) => (Some(before), true),
        };
        // A cursor is a customer's id; a malformed one starts over. One that is no longer on the
        // list (its relationship ended) gives an empty page: only then is it checked, and the
        // list starts over, so that paging costs one query and not two.
        let cursor = cursor.and_then(|c| c.parse::<OrgId>().ok());
        let backwards = backwards && cursor.is_some();
        let order = match CustomerSort::parse(query.sort.trim()) {
            CustomerSort::Newest => db::customers::Order::NewestFirst,
            CustomerSort::Oldest => db::customers::Order::OldestFirst,
            CustomerSort::Name => db::customers::Order::ByName,
        };
        let per_page = CUSTOMERS_PER_PAGE;
        let reseller_id = reseller.as_ref().map(|r| r.org_id);
        let mut page_query = db::customers::PageQuery {
            partner_id,
            search,
            reseller_id,
            order,
            cursor,
            backwards,
            limit: i64::try_from(per_page + 1).unwrap_or(51),
        };
        let mut records = db::customers::page(svc.pool(), &page_query)
            .await
            .or_internal("listing customers")?;
        let cursor = match cursor {
            Some(c)
                if records.is_empty()
                    && !db::customers::cursor_valid(svc.pool(), partner_id, c)
                        .await
                        .or_internal("checking a cursor")? =>
            {
                page_query.cursor = None;
                page_query.backwards = false;
                records = db::customers::page(svc.pool(), &page_query)
                    .await
                    .or_internal("listing customers")?;
                None
            }
            c => c,
        };
        let backwards = page_query.backwards;
        // One row more than a page tells whether there is a page beyond, in the reading direction.
        let more = records.len() > per_page;
        if more {
            if backwards {
                records.remove(0);
            } else {
                records.truncate(per_page);
            }
        }
        let tz = time_fmt::Viewer::of(actor);
        let rows = records
            .into_iter()
            .map(|r| row(r, &tz))
            .collect::<Result<Vec<_>, _>>()?;
        let first = rows.first().map(|r| r.org_id.to_string());
        let last = rows.last().map(|r| r.org_id.to_string());
        let (next, prev) = if backwards {
            (last, if more { first } else { None })
        } else {
            (if more { last } else { None }, cursor.and(first))
        };
        Ok(CustomerPage {
            rows,
            next,
            prev,
            reseller,
        })
    }

    async fn account(
        &self,
        ctx: &RequestCtx,
        customer: OrgId,
    ) -> Result<CustomerAccount, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewCustomers)?;
        let r = db::customers::of_partner(self.0.pool(), actor.org_id, customer)
            .await
            .or_internal("reading a customer")?
            .ok_or(AppError::NotFound)?;
        let tz = &time_fmt::Viewer::of(actor);
        Ok(CustomerAccount {
            org_id: customer,
            name: r.legal_name,
            domain: r.primary_domain.unwrap_or_default(),
            country: r.country,
            cloud: Cloud::parse(&r.cloud).or_internal("reading a cloud")?,
            created: tz.date(r.created_at),
            since: tz.date(r.since),
            delegated_admin_since: r.grant_since.map(|at| tz.date(at)),
        })
    }

    async fn remove(&self, ctx: &RequestCtx, customer_id: OrgId) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::RemoveCustomerRelationship)?;
        let svc = &self.0;
        let partner_id = actor.org_id;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a removal")?;
        if !db::customers::end_relationship(&mut tx, partner_id, customer_id, now)
            .await
            .or_internal("ending a relationship")?
        {
            return Err(AppError::NotFound);
        }
        let customer_org = db::orgs::by_id(&mut tx, customer_id)
            .await
            .or_internal("reading an organization")?
            .ok_or(AppError::NotFound)?;
        let code = Activity::RelationshipRemoved;
        audit::by_actor(
            &mut tx,
            partner_id,
            actor,
            code,
            &customer_org.legal_name,
            now,
        )
        .await?;
        audit::by_actor(&mut tx, customer_id, actor, code, &actor.org_name, now).await?;
        tx.commit().await.or_internal("committing a removal")
    }

    async fn check_domain(
        &self,
        ctx: &RequestCtx,
        token: String,
        prefix: String,
    ) -> Result<DomainCheck, AppError> {
        let svc = &self.0;
        // Checked as the customer types (after a pause): more calls than answers, still bounded.
        let max = svc.config().respond_max_per_minute.saturating_mul(6);
        super::rate::per_client(svc, ctx, "domain-check", max, super::rate::MINUTE_MS).await?;
        links::open_customer_request(svc, &token).await?;
        domain_check(svc, &prefix).await
    }
}

/// Whether `prefix` makes a well-formed primary domain that nobody has (a partner typing it in
/// the New customer wizard, or a customer creating its organization from a link).
pub async fn domain_check(svc: &Services, prefix: &str) -> Result<DomainCheck, AppError> {
    let prefix = match DomainPrefix::parse(prefix) {
        Ok(p) => p,
        Err(code) => {
            return Ok(DomainCheck {
                domain: None,
                available: false,
                problem: Some(code),
            });
        }
    };
    let domain = prefix.domain(&svc.config().tenant_suffix);
    let taken = db::customers::domain_taken(svc.pool(), &domain)
        .await
        .or_internal("checking a domain")?;
    Ok(DomainCheck {
        domain: Some(domain),
        available: !taken,
        problem: taken.then_some(ErrorCode::DomainTaken),
    })
}

/// What accepting `record` would add for `customer_id`: the partners it has no relationship
/// with yet, and whether the delegated admin grant asked for is new. When it adds nothing, an
/// acceptance is refused (`AlreadyRelated`), and the invitation page says so before anyone
/// presses Accept.
pub(super) async fn what_is_new(
    mut db: db::Db<'_>,
    record: &db::invitations::Record,
    customer_id: OrgId,
) -> Result<(Vec<OrgId>, bool), AppError> {
    let mut new_relationships = Vec::new();
    for id in std::iter::once(record.from_org_id).chain(record.second_org_id) {
        if !db::customers::relationship_active(&mut db, id, customer_id)
            .await
            .or_internal("checking a relationship")?
        {
            new_relationships.push(id);
        }
    }
    let new_grant = record.ask_delegated_admin
        && !db::customers::grant_active(&mut db, customer_id, record.from_org_id)
            .await
            .or_internal("checking a grant")?;
    Ok((new_relationships, new_grant))
}

/// A customer's Global admin accepts or declines a reseller relationship request or a joint
/// invite (the link's `record`, read as pending). `agreed` is the Customer Agreement checkbox.
pub async fn respond(
    services: &Services,
    actor: &Actor,
    record: &db::invitations::Record,
    answer: Answer,
    agreed: bool,
    attempt: Option<&super::rate::Attempt<'_>>,
) -> Result<Answered, AppError> {
    let accept = answer == Answer::Accept;
    require(actor, Action::AnswerCustomerRequest)?;
    let customer_id = actor.org_id;
    // The reseller (or the partner) first; a joint invite's provider second.
    let second = record.second_org_id;
    let mut partner_ids = vec![record.from_org_id];
    partner_ids.extend(second);
    let mut names = Vec::new();
    for &id in &partner_ids {
        names.push(orgs::org_name(services, id).await?);
    }
    if accept {
        if !agreed {
            return Err(AppError::field("authorize", ErrorCode::AgreementRequired));
        }
        for &id in &partner_ids {
            same_region_and_cloud(services, id, customer_id).await?;
        }
    }
    let now = services.now_ms();
    let mut tx = super::rate::begin_write(services, attempt).await?;
    let mut new_relationships = Vec::new();
    let mut new_grant = false;
    if accept {
        if let Some(provider_id) = second
            && !db::partnerships::is_active(&mut tx, provider_id, record.from_org_id)
                .await
                .or_internal("checking a partnership")?
        {
            return Err(AppError::Refused(ErrorCode::JointPartnershipEnded));
        }
        (new_relationships, new_grant) = what_is_new((&mut tx).into(), record, customer_id).await?;
        if new_relationships.is_empty() && !new_grant {
            return Err(AppError::Refused(ErrorCode::AlreadyRelated));
        }
    }
    links::close(services, &mut tx, record, accept, actor).await?;
    let code = if accept {
        Activity::RelationshipAccepted
    } else {
        Activity::RelationshipDeclined
    };
    if accept {
        let user_id = actor.user_id;
        db::customers::record_agreement(
            &mut tx,
            &db::customers::Agreement {
                id: &new_id(),
                customer_id,
                version: AGREEMENT_VERSION,
                user_id: Some(user_id),
                user_name: &actor.user_name,
                at: now,
                invitation_id: Some(&record.id),
            },
        )
        .await
        .or_internal("recording the Customer Agreement")?;
        audit::by_actor(
            &mut tx,
            customer_id,
            actor,
            Activity::CustomerAgreementAccepted,
            AGREEMENT_VERSION,
            now,
        )
        .await?;
    }
    // Every partner of the request hears of the answer; only missing links are created (an
    // insert that meets an active one, as a concurrent acceptance may on PostgreSQL, adds nothing).
    let mut kept_existing = false;
    for (&id, name) in partner_ids.iter().zip(&names) {
        if accept {
            let added = new_relationships.contains(&id)
                && db::customers::insert_relationship(
                    &mut tx,
                    &new_id(),
                    id,
                    customer_id,
                    now,
                    Some(&record.id),
                )
                .await
                .or_internal("storing a relationship")?;
            kept_existing |= !added;
        }
        audit::by_actor(&mut tx, customer_id, actor, code, name, now).await?;
        audit::by_actor(&mut tx, id, actor, code, &actor.org_name, now).await?;
    }
    // The sender hears the answer; a joint invite's provider hears that it was accepted.
    let kind = if second.is_some() {
        InvitationKind::JointInvite
    } else {
        InvitationKind::ResellerRelationship
    };
    let mut told = vec![record.from_org_id];
    let notice = if accept {
        NoticeKind::RequestAccepted(kind)
    } else {
        NoticeKind::RequestDeclined(kind)
    };
    let mut tells = vec![(record.from_org_id, notice)];
    if let (true, Some(provider_id)) = (accept, second) {
        tells.push((provider_id, NoticeKind::JointInviteAcceptedAsParty));
        told.push(provider_id);
    }
    for (to, kind) in tells {
        notices::tell(
            &mut tx,
            &notices::Tell {
                to,
                kind,
                by: &actor.user_name,
                other: (Some(customer_id), &actor.org_name),
                customer: None,
                invitation: Some(&record.id),
                at: now,
            },
        )
        .await?;
    }
    if new_grant
        && db::customers::insert_grant(
            &mut tx,
            &new_id(),
            customer_id,
            record.from_org_id,
            now,
            Some(&record.id),
        )
        .await
        .or_internal("storing a delegated admin grant")?
    {
        let code = Activity::DelegatedAdminGranted;
        let grantee = names.first().map_or("", String::as_str);
        audit::by_actor(&mut tx, customer_id, actor, code, grantee, now).await?;
        audit::by_actor(
            &mut tx,
            record.from_org_id,
            actor,
            code,
            &actor.org_name,
            now,
        )
        .await?;
    }
    tx.commit().await.or_internal("committing an answer")?;
    services.announce(&told);
    Ok(Answered {
        answer,
        with: names.join(" · "),
        kind: if record.second_org_id.is_some() {
            InvitationKind::JointInvite
        } else {
            InvitationKind::ResellerRelationship
        },
        kept_existing,
    })
}
