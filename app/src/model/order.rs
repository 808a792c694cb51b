//! The offer catalog, orders and subscriptions (W10–W12), and a customer's users and licenses as a
//! partner with delegated admin permissions manages them.

use super::{AppError, Cloud, ErrorCode, OfferId, OrgId, SubscriptionId, UserId};
use serde::{Deserialize, Serialize};

/// How often a subscription is billed (prices themselves are out of scope).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillingTerm {
    Monthly,
    Annual,
}

impl BillingTerm {
    pub const ALL: [BillingTerm; 2] = [BillingTerm::Monthly, BillingTerm::Annual];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Monthly => "monthly",
            Self::Annual => "annual",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "monthly" => Some(Self::Monthly),
            "annual" => Some(Self::Annual),
            _ => None,
        }
    }
}

/// The most licenses an offer may allow (a sanity bound, not a business rule).
pub const MAX_LICENSES: u32 = 1_000_000;

/// An offer of the operator's catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub id: OfferId,
    pub name: String,
    pub description: String,
    pub billing_term: BillingTerm,
    pub min_licenses: u32,
    pub max_licenses: u32,
    /// Offered for new orders.
    pub available: bool,
}

impl Offer {
    /// A license count this offer allows.
    pub fn check_licenses(&self, n: u32) -> Result<u32, ErrorCode> {
        if (self.min_licenses..=self.max_licenses).contains(&n) {
            Ok(n)
        } else {
            Err(ErrorCode::LicensesOutOfBounds)
        }
    }
}

/// A whole number of licenses as typed.
pub fn parse_licenses(s: &str) -> Result<u32, ErrorCode> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ErrorCode::Required);
    }
    match s.parse::<u32>() {
        Ok(n) if n <= MAX_LICENSES => Ok(n),
        _ => Err(ErrorCode::NumberFormat),
    }
}

/// The New customer page's customer details, as typed; the server validates each field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerDetails {
    pub company: String,
    pub domain_prefix: String,
    pub country: String,
    pub address: String,
    pub city: String,
    pub postal_code: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
}

impl CustomerDetails {
    /// The fields of the details step, in the page's order.
    pub const FIELDS: [&'static str; 10] = [
        "company",
        "domain_prefix",
        "country",
        "address",
        "city",
        "postal_code",
        "first_name",
        "last_name",
        "email",
        "phone",
    ];

    /// One field's value by its name.
    fn value(&self, field: &str) -> Option<&str> {
        Some(match field {
            "company" => &self.company,
            "domain_prefix" => &self.domain_prefix,
            "country" => &self.country,
            "address" => &self.address,
            "city" => &self.city,
            "postal_code" => &self.postal_code,
            "first_name" => &self.first_name,
            "last_name" => &self.last_name,
            "email" => &self.email,
            "phone" => &self.phone,
            _ => return None,
        })
    }

    /// The server's answer about `sent`, brought up to date with these details (what the
    /// reader has typed since): each field changed meanwhile is judged by its value now, as
    /// typing it is (see [`AppError::revised`]); `None` when nothing is left.
    pub fn revise(&self, sent: &Self, answer: AppError) -> Option<AppError> {
        Self::FIELDS
            .into_iter()
            .filter(|f| self.value(f) != sent.value(f))
            .try_fold(answer, |e, f| e.revised(f, self.format_problem(f)))
    }

    /// What is wrong with one field's format as typed: the parsers the server applies to the
    /// same field (it adds what only it can know: the domain's availability, the region).
    pub fn format_problem(&self, field: &str) -> Option<ErrorCode> {
        use super::validate::{self, CountryCode, DomainPrefix, Email, LegalName, PersonName};
        let v = self.value(field)?;
        match field {
            "company" => LegalName::parse(v).err(),
            "domain_prefix" => DomainPrefix::parse(v).err(),
            "country" => CountryCode::parse(v).err(),
            "address" => validate::text(v, ADDRESS_MAX).err(),
            "city" => validate::text(v, CITY_MAX).err(),
            "postal_code" => validate::text(v, POSTAL_CODE_MAX).err(),
            "first_name" | "last_name" => PersonName::parse(v).err(),
            "email" => Email::parse(v).err(),
            "phone" => validate::phone(v).err(),
            _ => None,
        }
    }
}

/// The longest street address, city and postal code the details step takes.
pub const ADDRESS_MAX: usize = 200;
pub const CITY_MAX: usize = 100;
pub const POSTAL_CODE_MAX: usize = 20;

/// One offer of an order with its license count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    pub offer_id: OfferId,
    pub licenses: u32,
}

/// A partner a provider can choose: a partnered reseller, or the provider itself as a support
/// contact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerChoice {
    pub org_id: OrgId,
    pub name: String,
    pub mpn_id: String,
}

/// What the New customer wizard needs from the server, fetched once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCustomerForm {
    /// The provider's partnered resellers, by name.
    pub resellers: Vec<PartnerChoice>,
    /// Countries of the provider's region (ISO codes), by name.
    pub countries: Vec<String>,
    /// The provider's own country, chosen at first.
    pub home_country: String,
    pub cloud: Cloud,
    pub tenant_suffix: String,
    /// Offers available for new orders.
    pub offers: Vec<Offer>,
    /// Names this submission, so that submitting it twice creates one customer.
    pub request_key: String,
}

/// What the **Confirmation** page shows; the temporary password is never shown again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCustomerDone {
    pub customer_id: OrgId,
    pub name: String,
    pub domain: String,
    pub admin_user: String,
    pub temporary_password: String,
    pub reseller: Option<String>,
    pub subscriptions: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    Active,
    Suspended,
}

impl SubscriptionStatus {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Self::Active),
            "suspended" => Some(Self::Suspended),
            _ => None,
        }
    }
}

/// A subscription in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionRow {
    pub id: SubscriptionId,
    pub offer: String,
    pub billing_term: BillingTerm,
    pub licenses: u32,
    /// Licenses assigned to users.
    pub assigned: u32,
    pub status: SubscriptionStatus,
    /// Reseller (MPN ID): the reseller of record, by name.
    pub reseller: Option<String>,
    pub support_contact: String,
    pub created: String,
}

/// A user of a customer, as a partner with delegated admin permissions sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerUser {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub active: bool,
    pub global_admin: bool,
    /// The subscriptions whose licenses the user holds.
    pub licenses: Vec<SubscriptionId>,
}

/// What expanding a customer's record shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRecordView {
    pub org_id: OrgId,
    pub name: String,
    /// Indirect resellers associated with the customer (also in a relationship with it).
    pub resellers: Vec<String>,
    pub subscriptions: Vec<SubscriptionRow>,
    /// Users, when this partner holds delegated admin permissions; otherwise only their number.
    pub users: Option<Vec<CustomerUser>>,
    pub user_count: u32,
    /// Whether this partner may add subscriptions (a provider in a relationship with it).
    pub may_order: bool,
}

/// A customer's **Subscriptions** page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerSubscriptions {
    pub org_id: OrgId,
    pub name: String,
    pub domain: String,
    pub rows: Vec<SubscriptionRow>,
    pub may_order: bool,
}

/// What the **New subscription** page needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSubscriptionForm {
    pub customer_name: String,
    pub offers: Vec<Offer>,
    pub resellers: Vec<PartnerChoice>,
    pub request_key: String,
}

/// A subscription's detail page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionDetail {
    pub id: SubscriptionId,
    pub customer_id: OrgId,
    pub customer_name: String,
    pub offer: Offer,
    pub licenses: u32,
    pub assigned: u32,
    pub status: SubscriptionStatus,
    pub reseller: Option<PartnerChoice>,
    pub support_contact: OrgId,
    /// The provider and its partnered resellers (and the current contact, whoever it is).
    pub contact_choices: Vec<PartnerChoice>,
    pub provider: String,
    pub created: String,
    pub created_by: String,
    /// Whether this partner sold it (and so sets its reseller and support contact).
    pub may_change_partners: bool,
    pub may_change_licenses: bool,
    /// Names the state of what can change (licenses, status, reseller, support contact): a
    /// change made with it is refused once someone else changed the subscription.
    pub version: String,
}

/// The reseller that a typed MPN ID names, checked as it is typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResellerCheck {
    pub reseller: Option<PartnerChoice>,
    pub problem: Option<ErrorCode>,
}

/// A customer's users and the licenses of its subscriptions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerUsersView {
    pub org_id: OrgId,
    pub name: String,
    pub domain: String,
    pub users: Vec<CustomerUser>,
    pub subscriptions: Vec<SubscriptionRow>,
}

/// A user added to a customer, or whose password was reset: the temporary password is shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryPassword {
    pub email: String,
    pub temporary_password: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fields_are_the_structs_fields() {
        // Fails to compile when CustomerDetails gains a field: FIELDS must name it too.
        let CustomerDetails {
            company: _,
            domain_prefix: _,
            country: _,
            address: _,
            city: _,
            postal_code: _,
            first_name: _,
            last_name: _,
            email: _,
            phone: _,
        } = CustomerDetails::default();
        // Each name is a field's name on the wire.
        let wire = serde_json::to_value(CustomerDetails::default()).expect("serializes");
        let wire = wire.as_object().expect("an object");
        assert_eq!(wire.len(), CustomerDetails::FIELDS.len());
        for name in CustomerDetails::FIELDS {
            assert!(wire.contains_key(name), "{name}");
        }
    }

    #[test]
    fn an_answer_about_old_details_judges_fields_changed_since_by_their_new_value() {
        use crate::model::FieldError;
        let sent = CustomerDetails {
            phone: "call me".into(),
            email: "julia@".into(),
            city: String::new(),
            ..CustomerDetails::default()
        };
        let answer = AppError::Invalid(vec![
            FieldError::new("phone", ErrorCode::PhoneFormat),
            FieldError::new("city", ErrorCode::Required),
        ]);
        // Nothing typed since: the answer stands.
        assert_eq!(sent.revise(&sent, answer.clone()), Some(answer.clone()));
        // The phone fixed while the answer was on its way: only the city is left.
        let now = CustomerDetails {
            phone: "+36 1 234 5678".into(),
            ..sent.clone()
        };
        assert_eq!(
            now.revise(&sent, answer.clone()),
            Some(AppError::field("city", ErrorCode::Required))
        );
        // The city filled in too: nothing is left, and the banner goes.
        let now = CustomerDetails {
            city: "Budapest".into(),
            ..now
        };
        assert_eq!(now.revise(&sent, answer.clone()), None);
        // A field the answer did not name stays unnamed, however it changed.
        let now = CustomerDetails {
            email: "still wrong".into(),
            ..sent.clone()
        };
        assert_eq!(now.revise(&sent, answer.clone()), Some(answer));
        // Other answers are not about fields.
        assert_eq!(
            sent.revise(&sent, AppError::Network),
            Some(AppError::Network)
        );
    }

    #[test]
    fn a_details_fields_format_is_checked_by_the_servers_parsers() {
        let mut d = CustomerDetails::default();
        for field in CustomerDetails::FIELDS {
            assert_eq!(
                d.format_problem(field),
                Some(ErrorCode::Required),
                "{field}"
            );
        }
        d.email = "eszter@".into();
        assert_eq!(d.format_problem("email"), Some(ErrorCode::EmailFormat));
        d.email = "eszter@adatum.example".into();
        assert_eq!(d.format_problem("email"), None);
        d.city = "x".repeat(CITY_MAX + 1);
        assert!(d.format_problem("city").is_some());
        assert_eq!(d.format_problem("unknown"), None);
    }

    fn offer(min: u32, max: u32) -> Offer {
        Offer {
            id: OfferId(uuid::Uuid::nil()),
            name: "x".into(),
            description: String::new(),
            billing_term: BillingTerm::Monthly,
            min_licenses: min,
            max_licenses: max,
            available: true,
        }
    }

    #[test]
    fn license_counts_within_the_offer() {
        let o = offer(1, 300);
        assert_eq!(o.check_licenses(1), Ok(1));
        assert_eq!(o.check_licenses(300), Ok(300));
        assert_eq!(o.check_licenses(0), Err(ErrorCode::LicensesOutOfBounds));
        assert_eq!(o.check_licenses(301), Err(ErrorCode::LicensesOutOfBounds));
    }

    #[test]
    fn license_numbers_as_typed() {
        assert_eq!(parse_licenses(" 25 "), Ok(25));
        assert_eq!(parse_licenses(""), Err(ErrorCode::Required));
        for bad in ["-1", "2.5", "ten", "99999999999"] {
            assert_eq!(parse_licenses(bad), Err(ErrorCode::NumberFormat), "{bad}");
        }
    }
}
