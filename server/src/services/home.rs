//! Home: what needs the reader's attention, and a new organization's first steps. One place
//! decides what each reader is shown: a count only when the reader's roles could act on it (or
//! at least open the page it links to), a step only when the reader may take it.

use super::{Services, fault::OrInternal};
use crate::db;
use app::{
    api::{RequestCtx, home::HomePort},
    model::{
        Action, Actor, AppError, HomeAttention, NamedCustomer, NextStep, OrgKind,
        home::{ATTENTION_CAP, EXPIRING_DAYS, NAMED_CUSTOMERS},
    },
};

pub struct Home(pub Services);

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(ATTENTION_CAP)
}

/// The first steps a new organization of this kind has not begun, that this reader may take.
pub fn steps(actor: &Actor, has: &db::attention::FirstSteps) -> Vec<NextStep> {
    let mut steps = Vec::new();
    if !has.has_partnership {
        match actor.org_kind {
            OrgKind::Provider if actor.may(Action::RequestPartnership) => {
                steps.push(NextStep::RequestPartnership)
            }
            OrgKind::Reseller if actor.may(Action::ViewProviders) => {
                steps.push(NextStep::FindProvider)
            }
            _ => {}
        }
    }
    if !has.has_customer {
        if actor.may(Action::PlaceOrders) {
            steps.push(NextStep::AddCustomer);
        } else if actor.may(Action::RequestRelationship) {
            steps.push(NextStep::RequestRelationship);
        }
    }
    // A customer's users hold no role but Global admin's, and the operator is no business.
    if !has.has_colleague
        && matches!(actor.org_kind, OrgKind::Provider | OrgKind::Reseller)
        && actor.may(Action::ManageUsers)
    {
        steps.push(NextStep::AddUsers);
    }
    steps
}

#[async_trait::async_trait]
impl HomePort for Home {
    async fn attention(&self, ctx: &RequestCtx) -> Result<HomeAttention, AppError> {
        let actor = ctx.actor()?;
        let svc = &self.0;
        let pool = svc.pool();
        let now = svc.now_ms();
        let cap = i64::from(ATTENTION_CAP);
        let partner = matches!(actor.org_kind, OrgKind::Provider | OrgKind::Reseller);
        let asked = db::attention::Asked {
            // Re-issuing or revoking them is what a waiting request may need.
            waiting: actor.may(Action::RequestLinks),
            without_grant: actor.may(Action::ViewCustomers),
            to_answer: actor.may(Action::AnswerCustomerRequest),
            first_steps: partner,
        };
        let soon = now.saturating_add(EXPIRING_DAYS * DAY_MS);
        let counts = db::attention::counts(pool, actor.org_id, now, soon, cap, &asked)
            .await
            .or_internal("counting what needs attention")?;
        let mut home = HomeAttention {
            waiting: count(counts.waiting),
            expiring: count(counts.expiring),
            without_grant: count(counts.without_grant),
            to_answer: count(counts.to_answer),
            steps: if partner {
                steps(actor, &counts.first)
            } else {
                Vec::new()
            },
            ..HomeAttention::default()
        };
        if home.without_grant > 0 {
            home.without_grant_named =
                db::attention::newest_without_grant(pool, actor.org_id, i64::from(NAMED_CUSTOMERS))
                    .await
                    .or_internal("naming customers without a grant")?
                    .into_iter()
                    .map(|(id, name)| NamedCustomer { id, name })
                    .collect();
        }
        Ok(home)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::{Cloud, OrgId, Role, UserId};
    use db::attention::FirstSteps;

    fn actor(kind: OrgKind, roles: &[Role]) -> Actor {
        Actor {
            user_id: UserId(uuid::Uuid::nil()),
            user_name: "Ayşe".into(),
            email: "ayse@example.com".into(),
            org_id: OrgId(uuid::Uuid::nil()),
            org_name: "Contoso".into(),
            org_kind: kind,
            org_country: "TR".into(),
            org_cloud: Cloud::Public,
            org_mpn_id: None,
            org_domain: None,
            roles: roles.to_vec(),
            must_change_password: false,
            time_zone: "UTC".into(),
            language: None,
            locale: app::model::Locale::default(),
            unread: 0,
            api_token: None,
        }
    }

    const NEW: FirstSteps = FirstSteps {
        has_partnership: false,
        has_customer: false,
        has_colleague: false,
    };

    #[test]
    fn a_new_provider_is_shown_every_step_its_roles_allow() {
        use NextStep::*;
        let ga = actor(OrgKind::Provider, &[Role::GlobalAdmin]);
        assert_eq!(
            steps(&ga, &NEW),
            [RequestPartnership, AddCustomer, AddUsers]
        );
        let sales = actor(OrgKind::Provider, &[Role::SalesAgent]);
        assert_eq!(steps(&sales, &NEW), [RequestPartnership, AddCustomer]);
        let users = actor(OrgKind::Provider, &[Role::UserManagementAdmin]);
        assert_eq!(steps(&users, &NEW), [AddUsers]);
    }

    #[test]
    fn a_new_reseller_finds_a_provider_and_asks_customers() {
        use NextStep::*;
        let ga = actor(OrgKind::Reseller, &[Role::GlobalAdmin]);
        assert_eq!(
            steps(&ga, &NEW),
            [FindProvider, RequestRelationship, AddUsers]
        );
    }

    #[test]
    fn steps_taken_are_not_shown_and_customers_get_none() {
        let done = FirstSteps {
            has_partnership: true,
            has_customer: true,
            has_colleague: true,
        };
        let ga = actor(OrgKind::Provider, &[Role::GlobalAdmin]);
        assert!(steps(&ga, &done).is_empty());
        let customer = actor(OrgKind::Customer, &[Role::GlobalAdmin]);
        assert!(steps(&customer, &NEW).is_empty());
    }
}
