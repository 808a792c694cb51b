//! Who partners with whom, each rule with a clear refusal; ending a partnership and partnering
//! again; and the role table for every partnership action.

use super::{new_link, respond};
use crate::common::{TestApp, form, org_id, spawn};
use app::model::PartnerRow;
use http::StatusCode;
use serde_json::json;

/// The other side's partners: `list_resellers` for a provider, `list_providers` for a reseller.
async fn partners(app: &TestApp, cookie: &str, endpoint: &str) -> Vec<PartnerRow> {
    app.call(endpoint, "", Some(cookie)).await.decode()
}

#[tokio::test]
async fn the_rules_each_with_a_clear_refusal() {
    let app = spawn().await;
    let provider = app.enroll("provider", "P", "9300001", "p@p.example").await;
    let other_provider = app.enroll("provider", "Q", "9300002", "q@q.example").await;
    let turkish = app
        .enroll_in("reseller", "T", "9300003", "t@t.example", "TR", "public")
        .await;
    let gov = app
        .enroll_in("reseller", "G", "9300004", "g@g.example", "HU", "us-gov")
        .await;
    let reseller = app
        .enroll_in("reseller", "R", "9300005", "r@r.example", "DE", "public")
        .await;
    let token = new_link(&app, &provider).await;

    let cases = [
        (&other_provider, json!({"Refused": "not_a_reseller"})),
        (&turkish, json!({"Refused": "region_mismatch"})),
        (&gov, json!({"Refused": "cloud_mismatch"})),
    ];
    for (cookie, expected) in cases {
        assert_eq!(respond(&app, cookie, &token, true).await.json(), expected);
    }
    let (sales, _) = app
        .user_with_roles(&reseller, "sales@r.example", &["sales_agent"])
        .await;
    let r = respond(&app, &sales, &token, true).await;
    assert_eq!(
        (r.status, r.json()),
        (
            StatusCode::FORBIDDEN,
            json!({"Forbidden": ["global-admin", "admin-agent"]})
        )
    );
    let signed_out = app
        .call(
            "respond_invitation",
            &form(&[("token", &token), ("accept", "true")]),
            None,
        )
        .await;
    assert_eq!(signed_out.status, StatusCode::UNAUTHORIZED);

    // Germany and Hungary are one region: accepted. A second request is then a duplicate.
    assert_eq!(
        respond(&app, &reseller, &token, true).await.status,
        StatusCode::OK
    );
    let again = new_link(&app, &provider).await;
    // The link's page says so at once, to the partner only.
    let body = form(&[("token", &again)]);
    let seen = app.call("preview_invitation", &body, Some(&reseller)).await;
    assert_eq!(seen.json()["Open"]["already"], json!(true));
    let anonymous = app.call("preview_invitation", &body, None).await;
    assert_eq!(anonymous.json()["Open"]["already"], json!(false));
    assert_eq!(
        respond(&app, &reseller, &again, true).await.json(),
        json!({"Refused": "already_partners"})
    );

    // Only providers request; resellers have no resellers list.
    assert_eq!(
        app.call("request_partnership", "", Some(&reseller))
            .await
            .json(),
        json!({"Refused": "providers_only"})
    );
    assert_eq!(
        app.call("list_resellers", "", Some(&reseller)).await.json(),
        json!({"Refused": "providers_only"})
    );
}

#[tokio::test]
async fn removing_a_partnership_and_partnering_again() {
    let app = spawn().await;
    let provider = app.enroll("provider", "P", "9400001", "p@p.example").await;
    let reseller = app.enroll("reseller", "R", "9400002", "r@r.example").await;
    let stranger = app.enroll("provider", "S", "9400003", "s@s.example").await;
    let token = new_link(&app, &provider).await;
    assert_eq!(
        respond(&app, &reseller, &token, true).await.status,
        StatusCode::OK
    );
    let reseller_id = org_id(&app, &reseller).await;
    let body = form(&[("reseller_id", &reseller_id)]);
    let r = app.call("remove_partnership", &body, Some(&stranger)).await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "another provider cannot remove it"
    );
    let (sales, _) = app
        .user_with_roles(&provider, "sales@p.example", &["sales_agent"])
        .await;
    let r = app.call("remove_partnership", &body, Some(&sales)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let r = app.call("remove_partnership", &body, Some(&provider)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(partners(&app, &provider, "list_resellers").await.is_empty());
    assert!(partners(&app, &reseller, "list_providers").await.is_empty());
    let r = app.call("remove_partnership", &body, Some(&provider)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let token = new_link(&app, &provider).await;
    assert_eq!(
        respond(&app, &reseller, &token, true).await.status,
        StatusCode::OK
    );
    assert_eq!(
        partners(&app, &reseller, "list_providers").await[0].name,
        "P"
    );
    assert_eq!(
        app.count("partnerships").await,
        2,
        "the ended one stays for the record"
    );
}

/// SPEC.md's role table for every partnership action, through the real router: allowed means
/// anything but 403 (an allowed call on an unknown id answers 404, which is fine here).
#[tokio::test]
async fn every_role_against_every_partnership_action() {
    let app = spawn().await;
    let provider = app
        .enroll("provider", "P", "9800001", "admin@p.example")
        .await;
    let reseller = app
        .enroll("reseller", "R", "9800002", "admin@r.example")
        .await;
    let roles = [
        "global_admin",
        "user_management_admin",
        "admin_agent",
        "sales_agent",
    ];
    let unknown = "00000000-0000-0000-0000-000000000000";
    // (action, [GA, UMA, AA, SA]) on the provider side
    let provider_table: [(&str, [bool; 4]); 6] = [
        ("request_partnership", [true, false, true, true]),
        ("list_resellers", [true, true, true, true]),
        ("list_invitations", [true, true, true, true]),
        ("reissue_invitation", [true, false, true, true]),
        ("revoke_invitation", [true, false, true, true]),
        ("remove_partnership", [true, false, true, false]),
    ];
    for (i, role) in roles.iter().enumerate() {
        let (cookie, _) = app
            .user_with_roles(&provider, &format!("{role}@p.example"), &[role])
            .await;
        for (action, allowed) in provider_table {
            let body = match action {
                "reissue_invitation" | "revoke_invitation" => form(&[("id", unknown)]),
                "remove_partnership" => form(&[("reseller_id", unknown)]),
                _ => String::new(),
            };
            let r = app.call(action, &body, Some(&cookie)).await;
            assert_eq!(
                r.status == StatusCode::FORBIDDEN,
                !allowed[i],
                "provider {role} {action}: {} {}",
                r.status,
                r.body
            );
        }
    }
    // The reseller side: its providers list, and answering (decline, each with a fresh link).
    let reseller_table: [(&str, [bool; 4]); 2] = [
        ("list_providers", [true, true, true, true]),
        ("respond_invitation", [true, false, true, false]),
    ];
    for (i, role) in roles.iter().enumerate() {
        let (cookie, _) = app
            .user_with_roles(&reseller, &format!("{role}@r.example"), &[role])
            .await;
        for (action, allowed) in reseller_table {
            let body = match action {
                "respond_invitation" => {
                    let token = new_link(&app, &provider).await;
                    form(&[("token", &token), ("accept", "false")])
                }
                _ => String::new(),
            };
            let r = app.call(action, &body, Some(&cookie)).await;
            assert_eq!(
                r.status == StatusCode::FORBIDDEN,
                !allowed[i],
                "reseller {role} {action}: {} {}",
                r.status,
                r.body
            );
        }
    }
}
