//! Organizations as the other services read them: names and cards for drafts, pages and activity
//! entries, and where an organization stands for the one rule every link obeys (one region, one
//! cloud: `model::Placement`). A leaf: it depends on the database only.

use super::{Services, fault::OrInternal};
use crate::db;
use app::model::{AppError, Cloud, OrgCard, OrgId, Placement};

/// The name of an organization, for drafts and activity entries.
pub async fn org_name(services: &Services, org_id: OrgId) -> Result<String, AppError> {
    Ok(db::orgs::by_id(services.pool(), org_id)
        .await
        .or_internal("reading an organization")?
        .ok_or(AppError::Internal)?
        .legal_name)
}

/// An organization as a request names it: name, MPN ID, country, cloud.
pub async fn org_card(services: &Services, org_id: OrgId) -> Result<OrgCard, AppError> {
    let org = db::orgs::by_id(services.pool(), org_id)
        .await
        .or_internal("reading an organization")?
        .ok_or(AppError::Internal)?;
    Ok(OrgCard {
        name: org.legal_name,
        mpn_id: org.mpn_id,
        country: org.country,
        cloud: Cloud::parse(&org.cloud)
            .ok_or("not a known cloud")
            .or_internal("reading a stored cloud")?,
    })
}

/// Where an organization stands (region and cloud); a stored cloud that does not decode is an
/// internal error, never a default.
pub async fn placement(services: &Services, org_id: OrgId) -> Result<Placement, AppError> {
    let org = db::orgs::by_id(services.pool(), org_id)
        .await
        .or_internal("reading an organization")?
        .ok_or(AppError::NotFound)?;
    Ok(Placement {
        cloud: Cloud::parse(&org.cloud)
            .ok_or("not a known cloud")
            .or_internal("reading a stored cloud")?,
        region: org.region,
    })
}

/// Both organizations in one region and one cloud.
pub async fn same_region_and_cloud(
    services: &Services,
    a: OrgId,
    b: OrgId,
) -> Result<(), AppError> {
    let (first, second) = (placement(services, a).await?, placement(services, b).await?);
    match first.mismatch(&second) {
        Some(code) => Err(AppError::Refused(code)),
        None => Ok(()),
    }
}
