//! Organizations and regions.

use super::{Db, Tx, on};
use app::model::OrgId;

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// What two partners' legal names are compared by: without case, accents, spaces or
/// punctuation, and with look-alike letters from other scripts made one (the UTS #39 skeleton:
/// a Cyrillic "о" in "Cоntoso" is the Latin "o"). "Contoso Distribution Kft." and
/// "contoso  distribution KFT" have one key. Not for display.
pub fn legal_key(name: &str) -> String {
    let plain: String = name
        .to_lowercase()
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .filter(|c| c.is_alphanumeric())
        .collect();
    unicode_security::confusable_detection::skeleton(&plain)
        .flat_map(char::to_lowercase)
        .collect()
}

/// Partners (providers and resellers) have legal names unique in their country.
fn is_partner(kind: &str) -> bool {
    matches!(kind, "provider" | "reseller")
}

pub struct NewOrg<'a> {
    pub id: OrgId,
    pub kind: &'a str,
    pub legal_name: &'a str,
    pub country: &'a str,
    pub cloud: &'a str,
    pub mpn_id: Option<&'a str>,
    pub at: i64,
}

pub async fn insert(tx: &mut Tx, org: &NewOrg<'_>) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
        "INSERT INTO organizations (id, kind, legal_name, name_folded, legal_key, country, cloud, mpn_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(org.id)
    .bind(org.kind)
    .bind(org.legal_name)
    .bind(app::model::fold::fold(org.legal_name))
    .bind(is_partner(org.kind).then(|| legal_key(org.legal_name)))
    .bind(org.country)
    .bind(org.cloud)
    .bind(org.mpn_id)
    .bind(org.at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn mpn_id_taken(db: impl Into<Db<'_>>, mpn_id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = on!(db, |ex| sqlx::query_as(
        "SELECT id FROM organizations WHERE mpn_id = $1"
    )
    .bind(mpn_id)
    .fetch_optional(ex)
    .await)?;
    Ok(row.is_some())
}

/// Whether a partner in `country` already has a legal name with this one's key.
pub async fn legal_name_taken(
    db: impl Into<Db<'_>>,
    country: &str,
    legal_name: &str,
) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = on!(db, |ex| sqlx::query_as(
        "SELECT id FROM organizations WHERE country = $1 AND legal_key = $2"
    )
    .bind(country)
    .bind(legal_key(legal_name))
    .fetch_optional(ex)
    .await)?;
    Ok(row.is_some())
}

/// Gives partners enrolled before legal keys existed theirs (at migration). A partner whose
/// key another of its country already holds keeps none: both stay, and a new look-alike of
/// either is refused.
pub async fn fill_legal_keys(tx: &mut Tx) -> Result<(), sqlx::Error> {
    let rows: Vec<(String, String)> = on!(&mut *tx, |ex| sqlx::query_as(
        "SELECT id, legal_name FROM organizations
         WHERE legal_key IS NULL AND kind IN ('provider', 'reseller') ORDER BY created_at, id",
    )
    .fetch_all(ex)
    .await)?;
    for (id, name) in rows {
        on!(&mut *tx, |ex| sqlx::query(
            "UPDATE organizations SET legal_key = $1 WHERE id = $2
               AND NOT EXISTS (SELECT 1 FROM organizations o
                                WHERE o.country = organizations.country AND o.legal_key = $1)",
        )
        .bind(legal_key(&name))
        .bind(&id)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

pub async fn count(db: impl Into<Db<'_>>) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = on!(db, |ex| sqlx::query_as(
        "SELECT COUNT(*) FROM organizations"
    )
    .fetch_one(ex)
    .await)?;
    Ok(n)
}

pub async fn exists_of_kind(db: impl Into<Db<'_>>, kind: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = on!(db, |ex| sqlx::query_as(
        "SELECT id FROM organizations WHERE kind = $1 LIMIT 1"
    )
    .bind(kind)
    .fetch_optional(ex)
    .await)?;
    Ok(row.is_some())
}

/// The region a country belongs to (the regions table is data).
pub async fn region_of(
    db: impl Into<Db<'_>>,
    country: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = on!(db, |ex| sqlx::query_as(
        "SELECT region FROM regions WHERE country = $1"
    )
    .bind(country)
    .fetch_optional(ex)
    .await)?;
    Ok(row.map(|(r,)| r))
}

#[derive(sqlx::FromRow, Clone)]
pub struct OrgRecord {
    pub id: OrgId,
    pub kind: String,
    pub legal_name: String,
    pub country: String,
    pub cloud: String,
    pub mpn_id: Option<String>,
    pub region: String,
}

pub async fn by_id(db: impl Into<Db<'_>>, id: OrgId) -> Result<Option<OrgRecord>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(
        "SELECT o.id, o.kind, o.legal_name, o.country, o.cloud, o.mpn_id, r.region
         FROM organizations o JOIN regions r ON r.country = o.country WHERE o.id = $1",
    )
    .bind(id)
    .fetch_optional(ex)
    .await)
}

/// (legal name, primary domain, kind) of an organization.
pub async fn name_and_domain(
    db: impl Into<Db<'_>>,
    id: OrgId,
) -> Result<Option<(String, Option<String>, String)>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(
        "SELECT legal_name, primary_domain, kind FROM organizations WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(ex)
    .await)
}

/// An organization by MPN ID: (id, legal name, kind).
pub async fn by_mpn_id(
    db: impl Into<Db<'_>>,
    mpn_id: &str,
) -> Result<Option<(OrgId, String, String)>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(
        "SELECT id, legal_name, kind FROM organizations WHERE mpn_id = $1"
    )
    .bind(mpn_id)
    .fetch_optional(ex)
    .await)
}

/// The countries of the region that `country` belongs to.
pub async fn countries_in_region_of(
    db: impl Into<Db<'_>>,
    country: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = on!(db, |ex| sqlx::query_as(
        "SELECT country FROM regions
         WHERE region = (SELECT region FROM regions WHERE country = $1) ORDER BY country",
    )
    .bind(country)
    .fetch_all(ex)
    .await)?;
    Ok(rows.into_iter().map(|(c,)| c).collect())
}

#[cfg(test)]
mod tests {
    use super::legal_key;

    #[test]
    fn legal_keys_ignore_case_accents_spacing_and_look_alikes() {
        let k = legal_key("Contoso Distribution Kft.");
        assert_eq!(k, legal_key("contoso  distribution KFT"));
        // Cyrillic о and а in place of the Latin letters.
        assert_eq!(k, legal_key("Cоntoso Distributiоn Kft."));
        assert_eq!(legal_key("Árvíztűrő Kft."), legal_key("arvizturo kft"));
        assert_eq!(
            legal_key("İstanbul Bulut A.Ş."),
            legal_key("istanbul bulut as")
        );
        assert_eq!(legal_key("Ёлка ООО"), legal_key("елка ооо"));
        assert_ne!(k, legal_key("Contoso Services Kft."));
        assert_ne!(legal_key("Fabrikam"), legal_key("Fabrikan"));
    }
}
