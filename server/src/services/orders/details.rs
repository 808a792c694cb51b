//! The New customer wizard's details step, validated: every field, the domain's availability,
//! the country's region, and the reseller chosen.

use super::*;

/// The reseller a provider chose, if it is partnered with it.
pub(super) async fn partnered_reseller(
    svc: &Services,
    provider_id: &str,
    reseller: Option<OrgId>,
    errors: &mut Vec<FieldError>,
) -> Result<Option<(String, String)>, AppError> {
    let Some(reseller) = reseller else {
        return Ok(None);
    };
    let id = reseller.to_string();
    let partnered = db::partnerships::is_active(svc.pool(), provider_id, &id)
        .await
        .or_internal("checking a partnership")?;
    if !partnered {
        errors.push(FieldError::new("reseller", ErrorCode::ResellerNotPartnered));
        return Ok(None);
    }
    let name = crate::services::invitations::org_name(svc, &id).await?;
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

pub(super) fn field<T>(
    errors: &mut Vec<FieldError>,
    name: &str,
    r: Result<T, ErrorCode>,
) -> Option<T> {
    r.map_err(|code| errors.push(FieldError::new(name, code)))
        .ok()
}

/// Required text of at most `max` characters, without control characters.
fn text(s: &str, max: usize) -> Result<String, ErrorCode> {
    let s = s.trim();
    if s.is_empty() {
        Err(ErrorCode::Required)
    } else if s.chars().count() > max || s.chars().any(char::is_control) {
        Err(ErrorCode::TooLong)
    } else {
        Ok(s.to_owned())
    }
}

/// A telephone number as people write it: digits with spaces, `+`, `-`, `(`, `)`, `.`; 6 to 15
/// digits.
fn phone(s: &str) -> Result<String, ErrorCode> {
    let s = text(s, 30)?;
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    if (6..=15).contains(&digits)
        && s.chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        Ok(s)
    } else {
        Err(ErrorCode::PhoneFormat)
    }
}

/// Every field of the details step; the domain's availability and the country's region too.
pub(super) async fn parse(
    svc: &Services,
    actor: &Actor,
    d: &CustomerDetails,
    errors: &mut Vec<FieldError>,
) -> Result<Option<Details>, AppError> {
    let company = field(errors, "company", LegalName::parse(&d.company));
    let prefix = field(
        errors,
        "domain_prefix",
        DomainPrefix::parse(&d.domain_prefix),
    );
    let country = field(errors, "country", CountryCode::parse(&d.country));
    let address = field(errors, "address", text(&d.address, 200));
    let city = field(errors, "city", text(&d.city, 100));
    let postal_code = field(errors, "postal_code", text(&d.postal_code, 20));
    let first_name = field(errors, "first_name", PersonName::parse(&d.first_name));
    let last_name = field(errors, "last_name", PersonName::parse(&d.last_name));
    let email = field(errors, "email", Email::parse(&d.email));
    let phone = field(errors, "phone", phone(&d.phone));
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
        if theirs != ours {
            errors.push(FieldError::new("country", ErrorCode::RegionMismatch));
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
