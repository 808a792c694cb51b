//! Enrollment, sign-in (throttled), sign-out, own password and time zone.
//! (Near 600 lines: enrollment's two kinds and sign-in share the taken-field and throttle rules.)

use super::fault::{self, OnConstraint};
use super::{
    Services,
    audit::{self, By},
    fault::OrInternal,
    new_uuid, rate, time_fmt,
};
use crate::{
    auth::{password, token},
    db,
};
use app::model::activity::Activity;
use app::{
    api::{
        RequestCtx,
        session::{CustomerEnrollForm, EnrollForm, SessionPort},
    },
    model::{
        AppError, Cloud, CountryCode, DomainPrefix, Email, ErrorCode, FieldError, LegalName,
        Locale, MpnId, OrgId, OrgKind, Password, PersonName, Role, TimeZoneName, UserId,
    },
};

pub struct Accounts(pub Services);

impl Accounts {
    fn svc(&self) -> &Services {
        &self.0
    }

    /// Starts a session for a user inside `tx`, ending the one the request came with (the
    /// session id is rotated at every sign-in).
    async fn start_session(
        &self,
        tx: &mut db::Tx,
        ctx: &RequestCtx,
        user_id: UserId,
        now: i64,
    ) -> Result<String, AppError> {
        if let Some(old) = &ctx.session_hash {
            db::sessions::delete(&mut *tx, old)
                .await
                .or_internal("ending the previous session")?;
        }
        let token::NewToken { token, hash } =
            token::new_token().or_internal("making a session token")?;
        db::sessions::insert(tx, &hash, user_id, now)
            .await
            .or_internal("storing a session")?;
        Ok(token)
    }
}

/// What every new organization and its first user are made of, as typed.
struct CommonInput<'a> {
    legal_name: &'a str,
    country: &'a str,
    cloud: &'a str,
    name: &'a str,
    email: &'a str,
    password: &'a str,
    time_zone: &'a str,
}

impl<'a> CommonInput<'a> {
    fn of(f: &'a EnrollForm) -> Self {
        Self {
            legal_name: &f.legal_name,
            country: &f.country,
            cloud: &f.cloud,
            name: &f.name,
            email: &f.email,
            password: &f.password,
            time_zone: &f.time_zone,
        }
    }

    fn of_customer(f: &'a CustomerEnrollForm) -> Self {
        Self {
            legal_name: &f.legal_name,
            country: &f.country,
            cloud: &f.cloud,
            name: &f.name,
            email: &f.email,
            password: &f.password,
            time_zone: &f.time_zone,
        }
    }
}

/// The same, parsed.
struct Common {
    legal_name: LegalName,
    country: CountryCode,
    cloud: Cloud,
    name: PersonName,
    email: Email,
    password: Password,
    time_zone: String,
}

/// Parses the common fields, collecting their errors; `None` when any is wrong.
fn parse_common(errors: &mut Vec<FieldError>, i: &CommonInput<'_>) -> Option<Common> {
    let legal_name = FieldError::collect(errors, "legal_name", LegalName::parse(i.legal_name));
    let country = FieldError::collect(errors, "country", CountryCode::parse(i.country));
    let cloud = FieldError::collect(
        errors,
        "cloud",
        Cloud::parse(i.cloud).ok_or(ErrorCode::CloudUnknown),
    );
    let name = FieldError::collect(errors, "name", PersonName::parse(i.name));
    let email = FieldError::collect(errors, "email", Email::parse(i.email));
    let password = FieldError::collect(
        errors,
        "password",
        Password::parse_for(i.password, email.as_ref()),
    );
    Some(Common {
        legal_name: legal_name?,
        country: country?,
        cloud: cloud?,
        name: name?,
        email: email?,
        password: password?,
        // The zone comes from the browser, unseen; a bad one falls back to UTC.
        time_zone: browser_zone(i.time_zone),
    })
}

/// A new organization with its first user, a Global admin.
struct FirstOrg<'a> {
    kind: OrgKind,
    legal_name: &'a str,
    country: &'a str,
    cloud: Cloud,
    mpn_id: Option<&'a str>,
    domain: Option<&'a str>,
    name: &'a str,
    email: &'a Email,
    password: Password,
    time_zone: &'a str,
}

/// The zone the browser sent, unseen by the person; a bad one falls back to UTC.
fn browser_zone(typed: &str) -> String {
    TimeZoneName::parse(typed)
        .ok()
        .filter(|z| time_fmt::zone_exists(z.as_str()))
        .map(|z| z.to_string())
        .unwrap_or_else(|| "UTC".into())
}

impl Accounts {
    /// Creates the organization and its first Global admin in one transaction and starts their
    /// session: its token.
    async fn create_first(&self, ctx: &RequestCtx, new: &FirstOrg<'_>) -> Result<String, AppError> {
        // Cheap uniqueness checks first, so that a taken email costs no hashing; repeated in
        // the transaction, where they count.
        let svc = self.svc();
        let mut conn = svc
            .pool()
            .acquire()
            .await
            .or_internal("acquiring a connection")?;
        let taken = taken_fields((&mut conn).into(), new).await?;
        drop(conn);
        AppError::from_fields(taken)?;
        let hash = password::hash(new.password.expose().to_owned())
            .await
            .or_internal("hashing a password")?;

        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting enrollment")?;
        let taken = taken_fields((&mut tx).into(), new).await?;
        AppError::from_fields(taken)?;
        let org_id = OrgId(new_uuid());
        let user_id = UserId(new_uuid());
        db::orgs::insert(
            &mut tx,
            &db::orgs::NewOrg {
                id: org_id,
                kind: new.kind.as_str(),
                legal_name: new.legal_name,
                country: new.country,
                cloud: new.cloud.as_str(),
                mpn_id: new.mpn_id,
                at: now,
            },
        )
        .await
        .on_constraint(&fault::ORG_TAKEN, "inserting an organization")?;
        if new.kind == OrgKind::Provider {
            // Listed in the directory at once, with its name and country.
            db::directory::create(&mut tx, org_id, new.country, now)
                .await
                .or_internal("creating a directory profile")?;
        }
        if let Some(domain) = new.domain {
            db::customers::set_domain(&mut tx, org_id, domain)
                .await
                .on_constraint(&fault::DOMAIN_TAKEN, "storing a primary domain")?;
        }
        db::users::insert(
            &mut tx,
            &db::users::NewUser {
                id: user_id,
                organization_id: org_id,
                name: new.name,
                email: new.email.as_str(),
                password_hash: &hash,
                must_change_password: false,
                time_zone: new.time_zone,
                at: now,
            },
            &[Role::GlobalAdmin.as_str()],
        )
        .await
        .on_constraint(&fault::EMAIL_TAKEN, "inserting the first user")?;
        let by = By {
            user_id: Some(user_id),
            name: new.name,
        };
        audit::record(
            &mut tx,
            org_id,
            &by,
            Activity::OrganizationEnrolled,
            new.legal_name,
            now,
        )
        .await
        .or_internal("recording enrollment")?;
        let token = self.start_session(&mut tx, ctx, user_id, now).await?;
        tx.commit().await.or_internal("committing enrollment")?;
        tracing::info!(org = %org_id, kind = new.kind.as_str(), "organization enrolled");
        Ok(token)
    }
}

#[async_trait::async_trait]
impl SessionPort for Accounts {
    async fn enroll(&self, ctx: &RequestCtx, form: EnrollForm) -> Result<String, AppError> {
        let mut errors = Vec::new();
        let kind = FieldError::collect(
            &mut errors,
            "kind",
            OrgKind::parse_partner(&form.kind).ok_or(if form.kind.is_empty() {
                ErrorCode::Required
            } else {
                ErrorCode::KindUnknown
            }),
        );
        let common = parse_common(&mut errors, &CommonInput::of(&form));
        let mpn_id = FieldError::collect(&mut errors, "mpn_id", MpnId::parse(&form.mpn_id));
        AppError::from_fields(errors)?;
        // Every enrollment that gets this far counts: at most a few new organizations an hour
        // from one address (each is listed in the public directory, and each answer tells
        // whether an email has an account).
        let svc = self.svc();
        rate::per_client(
            svc,
            ctx,
            "enroll",
            svc.config().enroll_max_per_hour,
            rate::HOUR_MS,
        )
        .await?;
        let (Some(kind), Some(c), Some(mpn_id)) = (kind, common, mpn_id) else {
            return Err(AppError::Internal);
        };
        self.create_first(
            ctx,
            &FirstOrg {
                kind,
                legal_name: c.legal_name.as_str(),
                country: c.country.as_str(),
                cloud: c.cloud,
                mpn_id: Some(mpn_id.as_str()),
                domain: None,
                name: c.name.as_str(),
                email: &c.email,
                password: c.password,
                time_zone: &c.time_zone,
            },
        )
        .await
    }

    async fn enroll_customer(
        &self,
        ctx: &RequestCtx,
        token: String,
        form: CustomerEnrollForm,
    ) -> Result<String, AppError> {
        // Only the holder of an open customer request creates a customer organization here.
        let svc = self.svc();
        let max = svc.config().respond_max_per_minute;
        rate::per_client(svc, ctx, "customer-enroll", max, rate::MINUTE_MS).await?;
        let record = super::links::open_customer_request(svc, &token).await?;
        let mut errors = Vec::new();
        let common = parse_common(&mut errors, &CommonInput::of_customer(&form));
        let prefix = FieldError::collect(
            &mut errors,
            "domain_prefix",
            DomainPrefix::parse(&form.domain_prefix),
        );
        AppError::from_fields(errors)?;
        let (Some(c), Some(prefix)) = (common, prefix) else {
            return Err(AppError::Internal);
        };
        let (country, cloud) = (&c.country, c.cloud);
        super::links::fits_request(svc, &record, country.as_str(), cloud).await?;
        let domain = prefix.domain(&svc.config().tenant_suffix);
        self.create_first(
            ctx,
            &FirstOrg {
                kind: OrgKind::Customer,
                legal_name: c.legal_name.as_str(),
                country: country.as_str(),
                cloud,
                mpn_id: None,
                domain: Some(&domain),
                name: c.name.as_str(),
                email: &c.email,
                password: c.password,
                time_zone: &c.time_zone,
            },
        )
        .await
    }

    async fn sign_in(
        &self,
        ctx: &RequestCtx,
        email: String,
        password_typed: String,
    ) -> Result<String, AppError> {
        let svc = self.svc();
        let cfg = svc.config();
        // Counted before the (slow) password check; a success takes its attempt back.
        let account_key = format!("signin-account:{}", email.trim().to_lowercase());
        let address_key = ctx.client.map(|ip| format!("signin-address:{ip}"));
        let mut limits = vec![(account_key.as_str(), cfg.sign_in_max_per_account)];
        if let Some(key) = &address_key {
            limits.push((key.as_str(), cfg.sign_in_max_per_address));
        }
        let window = i64::try_from(cfg.sign_in_window.as_millis()).unwrap_or(i64::MAX);
        let attempt_at = rate::hit(svc, &limits, window).await?;
        // No password is longer than this; refusing it early keeps huge inputs away from argon2.
        if password_typed.chars().count() > Password::MAX_CHARS {
            return Err(AppError::Refused(ErrorCode::InvalidCredentials));
        }
        let creds = match Email::parse(&email) {
            Ok(e) => db::users::credentials_by_email(svc.pool(), e.as_str())
                .await
                .or_internal("reading credentials")?,
            Err(_) => None,
        };
        // Always verify against some hash, so that the answer takes as long for an unknown email.
        let hash = creds
            .as_ref()
            .map_or_else(|| svc.dummy_hash().to_owned(), |c| c.password_hash.clone());
        let matches = password::verify(password_typed, hash)
            .await
            .or_internal("verifying a password")?;
        let user = match creds {
            Some(c) if matches && c.active => c,
            // The attempt stays counted as a failure.
            _ => return Err(AppError::Refused(ErrorCode::InvalidCredentials)),
        };

        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting sign-in")?;
        let token = self.start_session(&mut tx, ctx, user.id, now).await?;
        // Success: the account starts afresh, and this attempt no longer counts for the address.
        db::rate::clear(&mut tx, &account_key)
            .await
            .or_internal("clearing sign-in failures")?;
        if let Some(key) = &address_key {
            db::rate::forget(&mut tx, key, attempt_at)
                .await
                .or_internal("clearing a sign-in attempt")?;
        }
        let by = By {
            user_id: Some(user.id),
            name: &user.name,
        };
        audit::record(
            &mut tx,
            user.organization_id,
            &by,
            Activity::SessionSignedIn,
            "",
            now,
        )
        .await
        .or_internal("recording sign-in")?;
        tx.commit().await.or_internal("committing sign-in")?;
        Ok(token)
    }

    async fn sign_out(&self, ctx: &RequestCtx) -> Result<(), AppError> {
        if let (Some(hash), Some(actor)) = (&ctx.session_hash, &ctx.actor) {
            let svc = self.svc();
            let now = svc.now_ms();
            let mut tx = db::begin_write(svc.pool())
                .await
                .or_internal("starting sign-out")?;
            db::sessions::delete(&mut tx, hash)
                .await
                .or_internal("ending a session")?;
            audit::by_actor(
                &mut tx,
                actor.org_id,
                actor,
                Activity::SessionSignedOut,
                "",
                now,
            )
            .await?;
            tx.commit().await.or_internal("committing sign-out")?;
        }
        Ok(())
    }

    async fn change_password(
        &self,
        ctx: &RequestCtx,
        current: String,
        new: String,
        repeat: String,
    ) -> Result<(), AppError> {
        let actor = ctx.actor_pending_password()?;
        let svc = self.svc();
        let user_id = actor.user_id;
        let email = Email::parse(&actor.email).ok();
        let mut errors = Vec::new();
        let new_pw = FieldError::collect(
            &mut errors,
            "new_password",
            Password::parse_for(&new, email.as_ref()),
        );
        if new_pw.is_some() && new != repeat {
            errors.push(FieldError::new(
                "repeat_password",
                ErrorCode::PasswordsDiffer,
            ));
        }
        if new_pw.is_some() && new == current {
            errors.push(FieldError::new(
                "new_password",
                ErrorCode::PasswordUnchanged,
            ));
        }
        let stored = db::users::password_hash(svc.pool(), user_id)
            .await
            .or_internal("reading a password hash")?
            .ok_or(AppError::SignInRequired)?;
        if !password::verify(current, stored)
            .await
            .or_internal("verifying a password")?
        {
            errors.insert(
                0,
                FieldError::new("current_password", ErrorCode::CurrentPasswordWrong),
            );
        }
        AppError::from_fields(errors)?;
        let Some(new_pw) = new_pw else {
            return Err(AppError::Internal);
        };
        let hash = password::hash(new_pw.expose().to_owned())
            .await
            .or_internal("hashing a password")?;

        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a password change")?;
        db::users::set_password(&mut tx, user_id, &hash)
            .await
            .or_internal("storing a password")?;
        // Other sessions of this user end: whoever knew the old password is out.
        db::sessions::delete_others(&mut tx, user_id, ctx.session_hash.as_deref().unwrap_or(""))
            .await
            .or_internal("ending other sessions")?;
        audit::by_actor(
            &mut tx,
            actor.org_id,
            actor,
            Activity::UserPasswordChanged,
            &actor.email,
            now,
        )
        .await?;
        tx.commit()
            .await
            .or_internal("committing a password change")
    }

    async fn set_time_zone(&self, ctx: &RequestCtx, time_zone: String) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        let zone = TimeZoneName::parse(&time_zone)
            .and_then(|z| {
                if time_fmt::zone_exists(z.as_str()) {
                    Ok(z)
                } else {
                    Err(ErrorCode::TimeZoneUnknown)
                }
            })
            .map_err(|code| AppError::field("time_zone", code))?;
        let svc = self.svc();
        let now = svc.now_ms();
        let user_id = actor.user_id;
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a time zone change")?;
        db::users::set_time_zone(&mut tx, user_id, zone.as_str())
            .await
            .or_internal("storing a time zone")?;
        audit::by_actor(
            &mut tx,
            actor.org_id,
            actor,
            Activity::UserTimeZoneChanged,
            zone.as_str(),
            now,
        )
        .await?;
        tx.commit()
            .await
            .or_internal("committing a time zone change")
    }

    async fn set_language(&self, ctx: &RequestCtx, locale: Locale) -> Result<(), AppError> {
        let actor = ctx.actor_pending_password()?;
        if actor.language == Some(locale) {
            return Ok(());
        }
        let svc = self.svc();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a language change")?;
        db::users::set_language(&mut tx, actor.user_id, locale.tag())
            .await
            .or_internal("storing a language")?;
        tx.commit()
            .await
            .or_internal("committing a language change")
    }
}

/// Field errors for a legal name, MPN ID, domain or email already in use. Whether an email has an account
/// is told only when nothing else refuses the form: a form refused anyway answers the same
/// whether or not the email is known, so it cannot be used to probe for accounts.
async fn taken_fields(mut db: db::Db<'_>, new: &FirstOrg<'_>) -> Result<Vec<FieldError>, AppError> {
    let (email, mpn_id, domain) = (new.email, new.mpn_id, new.domain);
    let mut errors = Vec::new();
    // Partners' legal names are unique in their country (against impersonation).
    if new.kind.is_partner()
        && db::orgs::legal_name_taken(&mut db, new.country, new.legal_name)
            .await
            .or_internal("checking a legal name")?
    {
        errors.push(FieldError::new("legal_name", ErrorCode::LegalNameTaken));
    }
    if let Some(mpn_id) = mpn_id
        && db::orgs::mpn_id_taken(&mut db, mpn_id)
            .await
            .or_internal("checking an MPN ID")?
    {
        errors.push(FieldError::new("mpn_id", ErrorCode::MpnIdTaken));
    }
    if let Some(domain) = domain
        && db::customers::domain_taken(&mut db, domain)
            .await
            .or_internal("checking a domain")?
    {
        errors.push(FieldError::new("domain_prefix", ErrorCode::DomainTaken));
    }
    if errors.is_empty()
        && db::users::email_taken(&mut db, email.as_str())
            .await
            .or_internal("checking an email")?
    {
        errors.push(FieldError::new("email", ErrorCode::EmailTaken));
    }
    Ok(errors)
}
