//! The offer catalog. Rules: only the operator (MaintainDirectory's role) keeps it; names are
//! unique; 1 ≤ minimum ≤ maximum ≤ 1,000,000 licenses; offers are withdrawn, never deleted, so
//! that their subscriptions keep them.

use super::fault::OnConstraint;
use super::{Services, audit, fault::OrInternal, new_id, require};
use crate::db;
use crate::db::Unique;
use app::model::activity::Activity;
use app::{
    api::{RequestCtx, offers::OfferForm, offers::OffersPort},
    model::{
        Action, AppError, BillingTerm, ErrorCode, FieldError, Offer, OfferId,
        order::parse_licenses, validate,
    },
};

/// The answer to an offer name the catalog already has.
const NAME_TAKEN: [super::fault::Answer; 1] = [(Unique::OfferName, || {
    AppError::field("name", ErrorCode::OfferNameTaken)
})];

pub struct Offers(pub Services);

#[async_trait::async_trait]
impl OffersPort for Offers {
    async fn list(&self, ctx: &RequestCtx) -> Result<Vec<Offer>, AppError> {
        require(ctx.actor()?, Action::MaintainOffers)?;
        db::offers::list(self.0.pool(), false)
            .await
            .or_internal("listing offers")?
            .into_iter()
            .map(super::orders::offer)
            .collect()
    }

    async fn save(&self, ctx: &RequestCtx, form: OfferForm) -> Result<OfferId, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::MaintainOffers)?;
        let svc = &self.0;
        let existing = if form.id.trim().is_empty() {
            None
        } else {
            Some(
                form.id
                    .trim()
                    .parse::<OfferId>()
                    .map_err(|_| AppError::NotFound)?,
            )
        };
        let mut errors = Vec::new();
        let name = FieldError::collect(&mut errors, "name", validate::text(&form.name, 100));
        let description = FieldError::collect(
            &mut errors,
            "description",
            validate::multiline_text(&form.description, 500),
        );
        let term = BillingTerm::parse(&form.billing_term);
        if term.is_none() {
            errors.push(FieldError::new(
                "billing_term",
                ErrorCode::BillingTermUnknown,
            ));
        }
        let min = parse_licenses(&form.min_licenses).and_then(|n| {
            if n == 0 {
                Err(ErrorCode::LicensesOutOfBounds)
            } else {
                Ok(n)
            }
        });
        let min = FieldError::collect(&mut errors, "min_licenses", min);
        let max = FieldError::collect(
            &mut errors,
            "max_licenses",
            parse_licenses(&form.max_licenses),
        );
        if let (Some(min), Some(max)) = (min, max)
            && max < min
        {
            errors.push(FieldError::new(
                "max_licenses",
                ErrorCode::LicensesOutOfBounds,
            ));
        }
        let id = existing.map_or_else(new_id, |id| id.to_string());
        if let Some(name) = &name
            && db::offers::name_taken(svc.pool(), name, &id)
                .await
                .or_internal("checking an offer name")?
        {
            errors.push(FieldError::new("name", ErrorCode::OfferNameTaken));
        }
        AppError::from_fields(errors)?;
        let (Some(name), Some(description), Some(term), Some(min), Some(max)) =
            (name, description, term, min, max)
        else {
            return Err(AppError::Internal);
        };
        let values = db::offers::OfferValues {
            name: &name,
            description: &description,
            billing_term: term.as_str(),
            min_licenses: i64::from(min),
            max_licenses: i64::from(max),
            available: form.available.is_some(),
        };
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting to save an offer")?;
        let code = if existing.is_some() {
            if !db::offers::update(&mut tx, &id, &values, now)
                .await
                .on_constraint(&NAME_TAKEN, "changing an offer")?
            {
                return Err(AppError::NotFound);
            }
            Activity::OfferChanged
        } else {
            db::offers::insert(&mut tx, &id, &values, now)
                .await
                .on_constraint(&NAME_TAKEN, "adding an offer")?;
            Activity::OfferAdded
        };
        let org_id = actor.org_id;
        audit::by_actor(&mut tx, org_id, actor, code, &name, now).await?;
        tx.commit().await.or_internal("committing an offer")?;
        id.parse().or_internal("reading an id")
    }
}
