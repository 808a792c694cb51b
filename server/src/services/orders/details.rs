//! The New customer wizard's details step, validated: every field, the domain's availability,
//! the country's region, and the reseller chosen.

use super::*;
use app::model::{
    order::{ADDRESS_MAX, CITY_MAX, POSTAL_CODE_MAX},
    validate,
};

/// The reseller a provider chose, if it is partnered with it.
pub(super) async fn partnered_reseller(
    svc: &Services,
    provider_id: OrgId,
    reseller: Option<OrgId>,
    errors: &mut Vec<FieldError>,
) -> Result<Option<(OrgId, String)>, AppError> {
    let Some(id) = reseller else {
        return Ok(None);
    };
    let partnered = db::partnerships::is_active(svc.pool(), provider_id, id)
        .await
        .or_internal("checking a partnership")?;
    if !partnered {
        errors.push(FieldError::new("reseller", ErrorCode::ResellerNotPartnered));
        return Ok(None);
    }
    let name = crate::services::orgs::org_name(svc, id).await?;
    Ok(Some((id, name)))
}

/// Validated customer details.
pub(super) struct Details {
    pub company: LegalName,
    pub prefix: DomainPrefix,
    pub country: CountryCode,
    pub address: String,
    pub city: String,
    pub postal_code: String,
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: Email,
    pub phone: String,
}

/// Every field of the details step; the domain's availability and the country's region too.
pub(super) async fn parse(
    svc: &Services,
    actor: &Actor,
    d: &CustomerDetails,
    errors: &mut Vec<FieldError>,
) -> Result<Option<Details>, AppError> {
    let company = FieldError::collect(errors, "company", LegalName::parse(&d.company));
    let prefix = FieldError::collect(
        errors,
        "domain_prefix",
        DomainPrefix::parse(&d.domain_prefix),
    );
    let country = FieldError::collect(errors, "country", CountryCode::parse(&d.country));
    let address = FieldError::collect(errors, "address", validate::text(&d.address, ADDRESS_MAX));
    let city = FieldError::collect(errors, "city", validate::text(&d.city, CITY_MAX));
    let postal_code = FieldError::collect(
        errors,
        "postal_code",
        validate::text(&d.postal_code, POSTAL_CODE_MAX),
    );
    let first_name = FieldError::collect(errors, "first_name", PersonName::parse(&d.first_name));
    let last_name = FieldError::collect(errors, "last_name", PersonName::parse(&d.last_name));
    let email = FieldError::collect(errors, "email", Email::parse(&d.email));
    let phone = FieldError::collect(errors, "phone", validate::phone(&d.phone));
    if let Some(prefix) = &prefix {
        let domain = prefix.domain(&svc.config().tenant_suffix);
        if db::customers::domain_taken(svc.pool(), &domain)
            .await
            .or_internal("checking a domain")?
        {
            errors.push(FieldError::new("domain_prefix", ErrorCode::DomainTaken));
        }
    }
    if let Some(country) = &country {
        let theirs = db::orgs::region_of(svc.pool(), country.as_str())
            .await
            .or_internal("reading a region")?;
        let ours = db::orgs::region_of(svc.pool(), &actor.org_country)
            .await
            .or_internal("reading a region")?;
        // A new customer lives in the provider's cloud: only the region can differ.
        let at = |region: Option<String>| app::model::Placement {
            region: region.unwrap_or_default(),
            cloud: actor.org_cloud,
        };
        if let Some(code) = at(theirs).mismatch(&at(ours)) {
            errors.push(FieldError::new("country", code));
        }
    }
    Ok(
        match (
            company,
            prefix,
            country,
            address,
            city,
            postal_code,
            first_name,
            last_name,
            email,
            phone,
        ) {
            (
                Some(company),
                Some(prefix),
                Some(country),
                Some(address),
                Some(city),
                Some(postal_code),
                Some(first_name),
                Some(last_name),
                Some(email),
                Some(phone),
            ) => Some(Details {
                company,
                prefix,
                country,
                address,
                city,
                postal_code,
                first_name,
                last_name,
                email,
                phone,
            }),
            _ => None,
        },
    )
}
