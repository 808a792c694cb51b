//! Where the app sends people after an action: page paths live with the pages' routes (see
//! [`crate::App`]), never in the server's services.

use crate::model::{Answer, Answered, InvitationKind, Notice, NoticeKind};

/// The page after answering a link: a reseller that accepted sees its indirect providers; a
/// customer that accepted sees its partners (told when the relationship already existed); anyone
/// who declined goes home.
pub fn after_answer(answered: &Answered) -> &'static str {
    match (answered.answer, answered.kind) {
        (Answer::Decline, _) => "/?declined=1",
        (Answer::Accept, InvitationKind::Partnership) => "/indirect-providers?accepted=1",
        (Answer::Accept, _) if answered.kept_existing => "/partners?accepted=1&existing=1",
        (Answer::Accept, _) => "/partners?accepted=1",
    }
}

/// Where a notification leads: the thing it tells of, as far as the reader can still see it.
pub fn notice_target(n: &Notice) -> String {
    use InvitationKind::*;
    use NoticeKind::*;
    let account = |id: Option<crate::model::OrgId>| {
        id.map_or_else(
            || "/customers".to_owned(),
            |id| format!("/customers/{id}/account"),
        )
    };
    match n.kind {
        RequestAccepted(Partnership) => "/indirect-resellers".to_owned(),
        RequestAccepted(_) | JointInviteAcceptedAsParty | DelegatedAdminRemoved => {
            account(n.other_id)
        }
        RequestDeclined(_) | RequestExpired(_) => "/invitations".to_owned(),
        // The customer is no longer in the list: the log says what happened.
        RelationshipEndedByCustomer => "/activity".to_owned(),
        PartnershipRemoved => "/indirect-providers".to_owned(),
        OrderPlaced => n.customer_id.map_or_else(
            || "/customers".to_owned(),
            |id| format!("/customers/{id}/subscriptions"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_an_answer() {
        let answered = |answer, kind, kept_existing| Answered {
            answer,
            with: String::new(),
            kind,
            kept_existing,
        };
        use InvitationKind::*;
        assert_eq!(
            after_answer(&answered(Answer::Accept, Partnership, false)),
            "/indirect-providers?accepted=1"
        );
        assert_eq!(
            after_answer(&answered(Answer::Decline, JointInvite, false)),
            "/?declined=1"
        );
        assert_eq!(
            after_answer(&answered(Answer::Accept, JointInvite, true)),
            "/partners?accepted=1&existing=1"
        );
        assert_eq!(
            after_answer(&answered(Answer::Accept, ResellerRelationship, false)),
            "/partners?accepted=1"
        );
    }
}
