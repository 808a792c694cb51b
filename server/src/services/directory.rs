//! The public directory of indirect providers. Anyone may read the listed profiles; the operator
//! fills them in, hides them and verifies them (a new provider is listed marked unverified
//! until then, against impersonation); a provider sees its own, read-only.

use super::{Services, audit, fault::OrInternal, require};
use crate::db;
use app::model::activity::Activity;
use app::{
    api::{RequestCtx, directory::DirectoryPort, directory::ProfileForm},
    model::{
        Action, AppError, CountryCode, Email, ErrorCode, FieldError, OrgId, OrgKind,
        ProviderProfile, validate::search_text,
    },
};

pub struct Directory(pub Services);

fn profile(r: db::directory::ProfileRecord) -> Result<ProviderProfile, AppError> {
    Ok(ProviderProfile {
        org_id: r.org_id,
        name: r.name,
        country: r.country,
        countries_served: r
            .countries_served
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        website: r.website,
        contact_email: r.contact_email,
        description: r.description,
        hidden: r.hidden,
        verified: r.verified,
    })
}

fn valid_website(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://"))
        && s.len() <= 200
        && s.len() > 8
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
}

#[async_trait::async_trait]
impl DirectoryPort for Directory {
    async fn search(
        &self,
        ctx: &RequestCtx,
        country: Option<String>,
        name: Option<String>,
    ) -> Result<Vec<ProviderProfile>, AppError> {
        let country = match country.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => {
                Some(CountryCode::parse(c).map_err(|code| AppError::field("country", code))?)
            }
            None => None,
        };
        let name = name.as_deref().and_then(search_text);
        let include_hidden = ctx
            .actor
            .as_ref()
            .is_some_and(|a| a.may(Action::MaintainDirectory));
        let records = db::directory::search(
            self.0.pool(),
            country.as_ref().map(|c| c.as_str()),
            name.as_deref(),
            include_hidden,
        )
        .await
        .or_internal("searching the directory")?;
        records.into_iter().map(profile).collect()
    }

    async fn mine(&self, ctx: &RequestCtx) -> Result<Option<ProviderProfile>, AppError> {
        let actor = ctx.actor()?;
        if actor.org_kind != OrgKind::Provider {
            return Ok(None);
        }
        db::directory::by_org(self.0.pool(), actor.org_id)
            .await
            .or_internal("reading a profile")?
            .map(profile)
            .transpose()
    }

    async fn update(
        &self,
        ctx: &RequestCtx,
        provider: OrgId,
        form: ProfileForm,
    ) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::MaintainDirectory)?;
        let mut errors = Vec::new();
        let mut countries = Vec::new();
        for code in form
            .countries_served
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|c| !c.is_empty())
        {
            match CountryCode::parse(code) {
                Ok(c) if !countries.contains(&c.to_string()) => countries.push(c.to_string()),
                Ok(_) => {}
                Err(e) => {
                    errors.push(FieldError::new("countries_served", e));
                    break;
                }
            }
        }
        let website = form.website.trim();
        if !website.is_empty() && !valid_website(website) {
            errors.push(FieldError::new("website", ErrorCode::UrlFormat));
        }
        let contact = form.contact_email.trim();
        let contact = if contact.is_empty() {
            String::new()
        } else {
            match Email::parse(contact) {
                Ok(e) => e.to_string(),
                Err(code) => {
                    errors.push(FieldError::new("contact_email", code));
                    String::new()
                }
            }
        };
        let description = form.description.trim();
        if description.chars().count() > 2000 {
            errors.push(FieldError::new("description", ErrorCode::TooLong));
        }
        AppError::from_fields(errors)?;
        let svc = &self.0;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a profile update")?;
        let update = db::directory::Update {
            countries_served: &countries.join(" "),
            website,
            contact_email: &contact,
            description,
            hidden: form.hidden.is_some(),
            verified: form.verified.is_some(),
            at: now,
        };
        if !db::directory::update(&mut tx, provider, &update)
            .await
            .or_internal("updating a profile")?
        {
            return Err(AppError::NotFound);
        }
        let name = db::orgs::by_id(&mut tx, provider)
            .await
            .or_internal("reading an organization")?
            .map(|o| o.legal_name)
            .unwrap_or_default();
        audit::by_actor(
            &mut tx,
            actor.org_id,
            actor,
            Activity::DirectoryProfileUpdated,
            &name,
            now,
        )
        .await?;
        tx.commit().await.or_internal("committing a profile update")
    }
}

#[cfg(test)]
mod tests {
    use super::valid_website;

    #[test]
    fn websites() {
        assert!(valid_website("https://contoso.example"));
        assert!(!valid_website("javascript:alert(1)"));
        assert!(!valid_website("https://a b"));
        assert!(!valid_website("contoso.example"));
    }
}
