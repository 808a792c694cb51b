//! Who may see and change what of a customer: the partner's links with it (relationship,
//! delegated admin grant), and the subscriptions only their seller changes.

use super::*;

/// What links a partner has with a customer.
#[derive(Clone, Copy, Debug)]
pub struct Access {
    pub relationship: bool,
    pub grant: bool,
}

/// The partner's links with the customer; neither → `NotYourCustomer` (whether or not the
/// customer exists: another partner's customers are not told apart from nobody).
pub async fn access(svc: &Services, actor: &Actor, customer_id: OrgId) -> Result<Access, AppError> {
    // Only the kind half here: the role comes after the links, where each caller needs it.
    app::model::policy::kind_may(actor.org_kind, Action::ViewCustomers)?;
    let partner_id = actor.org_id;
    let relationship = db::customers::relationship_active(svc.pool(), partner_id, customer_id)
        .await
        .or_internal("checking a relationship")?;
    let grant = db::customers::grant_active(svc.pool(), customer_id, partner_id)
        .await
        .or_internal("checking a grant")?;
    if relationship || grant {
        Ok(Access {
            relationship,
            grant,
        })
    } else {
        Err(AppError::Refused(ErrorCode::NotYourCustomer))
    }
}

impl Access {
    /// Whether the actor may add subscriptions: a provider in a relationship, with the role.
    pub fn may_order(&self, actor: &Actor) -> bool {
        self.relationship && actor.may(Action::PlaceOrders)
    }
}

pub(super) async fn subscription_record(
    svc: &Services,
    subscription: SubscriptionId,
) -> Result<db::orders::SubscriptionRecord, AppError> {
    db::orders::subscription(svc.pool(), &subscription.to_string())
        .await
        .or_internal("reading a subscription")?
        .ok_or(AppError::NotFound)
}

/// The subscription as the provider that sold it may change it.
pub(super) async fn sold_by(
    svc: &Services,
    actor: &Actor,
    subscription: SubscriptionId,
) -> Result<db::orders::SubscriptionRecord, AppError> {
    let r = access::subscription_record(svc, subscription).await?;
    let a = access(svc, actor, r.customer_id).await?;
    let mine = actor.org_id;
    if r.provider_id != mine {
        let visible = a.grant || r.reseller_id == Some(mine) || r.support_contact_id == mine;
        return Err(if visible {
            AppError::Refused(ErrorCode::SoldByAnotherProvider)
        } else {
            AppError::NotFound
        });
    }
    Ok(r)
}
