//! The notifications the demo's story left (issue 18): its partners were told what their
//! customers and providers did, so the bell has something to show on first sign-in. Written as
//! the services write them ([`notices::tell`]); `org_ids` are the demo's organizations in the
//! order of `demo::ORGS`.

use super::demo::DemoError;
use crate::{
    db,
    services::notices::{self, Tell},
};
use app::model::{InvitationKind, NoticeKind, OrgId};

pub async fn fill(
    tx: &mut db::Tx,
    org_ids: &[OrgId],
    fourth: OrgId,
    now: i64,
) -> Result<(), DemoError> {
    let (contoso, fabrikam) = (org_ids[0], org_ids[1]);
    let (adatum, tailspin) = (org_ids[4], org_ids[7]);
    let day = 86_400_000;
    let told = [
        // Adatum accepted Fabrikam's joint invite naming Contoso.
        Tell {
            to: fabrikam,
            kind: NoticeKind::RequestAccepted(InvitationKind::JointInvite),
            by: "Eszter Kiss",
            other: (Some(adatum), "Adatum Kft."),
            customer: None,
            invitation: None,
            at: now - 30 * day,
        },
        Tell {
            to: contoso,
            kind: NoticeKind::JointInviteAcceptedAsParty,
            by: "Eszter Kiss",
            other: (Some(adatum), "Adatum Kft."),
            customer: None,
            invitation: None,
            at: now - 30 * day,
        },
        // Contoso ordered for Fourth Coffee, Fabrikam's customer.
        Tell {
            to: fabrikam,
            kind: NoticeKind::OrderPlaced,
            by: "Anna Kovács",
            other: (Some(contoso), "Contoso Distribution Kft."),
            customer: Some((fourth, "Fourth Coffee Kft.")),
            invitation: None,
            at: now - 7 * day,
        },
        // Tailspin declined Fabrikam's request.
        Tell {
            to: fabrikam,
            kind: NoticeKind::RequestDeclined(InvitationKind::ResellerRelationship),
            by: "Nóra Farkas",
            other: (Some(tailspin), "Tailspin Kft."),
            customer: None,
            invitation: None,
            at: now - 5 * day,
        },
        // Fabrikam accepted Contoso's partnership.
        Tell {
            to: contoso,
            kind: NoticeKind::RequestAccepted(InvitationKind::Partnership),
            by: "Lena Fischer",
            other: (Some(fabrikam), "Fabrikam Solutions GmbH"),
            customer: None,
            invitation: None,
            at: now,
        },
    ];
    for t in &told {
        notices::tell(tx, t).await.map_err(|_| DemoError::Notices)?;
    }
    Ok(())
}
