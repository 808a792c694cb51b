//! The operator account: runs this instance (maintains the provider directory and the offer
//! catalog in later features).

use crate::on;
use crate::{
    auth::password,
    db,
    services::{
        Services,
        audit::{self, By},
        new_uuid,
    },
};
use app::model::activity::Activity;
use app::model::{Email, ErrorCode, OrgId, PersonName, Role, UserId};

#[derive(Debug, thiserror::Error)]
pub enum OperatorError {
    #[error("the email is not valid ({0:?})")]
    Email(ErrorCode),
    #[error("the name is not valid ({0:?})")]
    Name(ErrorCode),
    #[error("the password is not valid ({0:?}); it needs at least 10 characters")]
    Password(ErrorCode),
    #[error("an account with this email already exists")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Hash(#[from] password::HashError),
    #[error("the OS random source failed: {0}")]
    Random(getrandom::Error),
}

/// Creates an operator user (and the operator organization on first use). Returns the password
/// when it was generated here.
pub async fn create(
    services: &Services,
    email: &str,
    name: &str,
    password_given: Option<String>,
) -> Result<Option<String>, OperatorError> {
    let email = Email::parse(email).map_err(OperatorError::Email)?;
    let name = PersonName::parse(name).map_err(OperatorError::Name)?;
    let (password, generated) = match password_given {
        Some(p) => (
            app::model::Password::parse(&p)
                .map_err(OperatorError::Password)?
                .expose()
                .to_owned(),
            false,
        ),
        None => (password::temporary().map_err(OperatorError::Random)?, true),
    };
    let hash = password::hash(password.clone()).await?;
    let now = services.now_ms();
    let mut tx = db::begin_write(services.pool()).await?;
    if db::users::email_taken(&mut tx, email.as_str()).await? {
        return Err(OperatorError::EmailTaken);
    }
    let existing: Option<(OrgId,)> = on!(&mut tx, |ex| sqlx::query_as(
        "SELECT id FROM organizations WHERE kind = 'operator' LIMIT 1"
    )
    .fetch_optional(ex)
    .await)?;
    let org_id = match existing {
        Some((id,)) => id,
        None => {
            let id = OrgId(new_uuid());
            db::orgs::insert(
                &mut tx,
                &db::orgs::NewOrg {
                    id,
                    kind: "operator",
                    legal_name: "Tierlink operator",
                    country: "US",
                    cloud: "public",
                    mpn_id: None,
                    at: now,
                },
            )
            .await?;
            id
        }
    };
    let user_id = UserId(new_uuid());
    db::users::insert(
        &mut tx,
        &db::users::NewUser {
            id: user_id,
            organization_id: org_id,
            name: name.as_str(),
            email: email.as_str(),
            password_hash: &hash,
            must_change_password: generated,
            time_zone: "UTC",
            at: now,
        },
        &[Role::GlobalAdmin.as_str()],
    )
    .await?;
    let by = By {
        user_id: None,
        // The system itself, by the product's name: the same in every language.
        name: "Tierlink",
    };
    audit::record(
        &mut tx,
        org_id,
        &by,
        Activity::OperatorCreated,
        email.as_str(),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(generated.then_some(password))
}
