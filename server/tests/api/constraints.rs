//! The schema's UNIQUE rules are the judge of what is taken (issue 16): each rule a request can
//! break is recognised from the database's own error, so an insert that loses a race is answered
//! with the field, not with a 500. Each rule is broken here for real, on the real schema.

use crate::common::*;
use server::db::{self, Unique};
use server::on;

/// Copies one row of `table` (the first matching `filter`) with a new id and the given
/// `changes`, and returns the error of inserting it.
async fn duplicate(app: &TestApp, table: &str, filter: &str, changes: &str) -> sqlx::Error {
    let pool = app.services.pool();
    let mut conn = pool.acquire().await.expect("a connection");
    on!(&mut conn, |ex| sqlx::query("DROP TABLE IF EXISTS row_copy")
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    on!(&mut conn, |ex| sqlx::query(&format!(
        "CREATE TEMP TABLE row_copy AS SELECT * FROM {table} WHERE {filter} LIMIT 1"
    ))
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    on!(&mut conn, |ex| sqlx::query(&format!(
        "UPDATE row_copy SET id = 'copy-of-a-row'{changes}"
    ))
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    on!(&mut conn, |ex| sqlx::query(&format!(
        "INSERT INTO {table} SELECT * FROM row_copy"
    ))
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
    .expect_err("the copy breaks a UNIQUE rule")
}

#[tokio::test]
async fn each_unique_rule_is_recognised_from_the_database_error() {
    let app = spawn().await;
    let provider = app
        .enroll(
            "provider",
            "Contoso Kft.",
            "9800001",
            "anna@contoso.example",
        )
        .await;
    let reseller = app
        .enroll(
            "reseller",
            "Fabrikam Kft.",
            "9800002",
            "lena@fabrikam.example",
        )
        .await;
    app.partner_up(&provider, &reseller).await;

    let e = duplicate(&app, "users", "TRUE", "").await;
    assert_eq!(db::violated(&e), Some(Unique::Email), "{e}");
    let e = duplicate(
        &app,
        "organizations",
        "mpn_id = '9800001'",
        ", legal_key = NULL",
    )
    .await;
    assert_eq!(db::violated(&e), Some(Unique::MpnId), "{e}");
    let e = duplicate(
        &app,
        "organizations",
        "mpn_id = '9800001'",
        ", mpn_id = NULL",
    )
    .await;
    assert_eq!(db::violated(&e), Some(Unique::PartnerLegalName), "{e}");
    let e = duplicate(&app, "partnerships", "ended_at IS NULL", "").await;
    assert_eq!(db::violated(&e), Some(Unique::ActivePartnership), "{e}");
    // A rule no request can break (the token's hash) is no field's business: not recognised.
    let e = duplicate(&app, "invitations", "TRUE", "").await;
    assert_eq!(db::violated(&e), None, "{e}");
}
