//! The one error type that crosses the wire. It carries codes, never server internals: pages turn
//! codes into words in the user's language, and the server logs the cause before it answers.

use super::Role;
use serde::{Deserialize, Serialize};

/// Why a value or an operation was refused. Pages translate each code (see `i18n`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Required,
    TooLong,
    MpnIdFormat,
    MpnIdTaken,
    LegalNameTaken,
    CountryUnknown,
    KindUnknown,
    CloudUnknown,
    EmailFormat,
    EmailTaken,
    PasswordTooShort,
    PasswordTooLong,
    PasswordIsEmail,
    PasswordsDiffer,
    PasswordUnchanged,
    CurrentPasswordWrong,
    TimeZoneUnknown,
    NoRoleChosen,
    InvalidCredentials,
    LastGlobalAdmin,
    OwnAccount,
    OnlyGlobalAdminGrantsGlobalAdmin,
    NotAReseller,
    OwnOrganization,
    AlreadyPartners,
    RegionMismatch,
    CloudMismatch,
    AuthorizationRequired,
    InvitationUsed,
    InvitationDeclined,
    InvitationExpired,
    InvitationRevoked,
    InvitationNotValid,
    NotPending,
    UrlFormat,
    ProvidersOnly,
    PartnersOnly,
    CustomersOnly,
    OnlyCustomersAccept,
    AgreementRequired,
    AlreadyRelated,
    NotPartners,
    JointPartnershipEnded,
    DelegatedAdminRequired,
    DomainFormat,
    DomainTaken,
    RoleNotForCustomers,
    NumberFormat,
    LicensesOutOfBounds,
    OfferUnknown,
    OfferWithdrawn,
    OfferNameTaken,
    BillingTermUnknown,
    NoOffersChosen,
    OrderAlreadySubmitted,
    NotYourCustomer,
    ResellerUnknown,
    ResellerNotPartnered,
    SupportContactUnknown,
    LicensesExhausted,
    LicensesInUse,
    DelegatedAdminMissing,
    PhoneFormat,
    SoldByAnotherProvider,
    LicenseNotAssignable,
    GlobalAdminNotManaged,
    /// A filter's value is not one of its choices (an unknown kind or user).
    ChoiceUnknown,
    /// A date that is not `YYYY-MM-DD`.
    DateFormat,
    /// A date range that ends before it starts.
    DateOrder,
    /// An API token's expiry outside 1 to 365 days.
    ExpiryOutOfBounds,
    /// An API token's role its maker does not hold.
    RoleNotHeld,
    /// Another live API token of the organization has this name.
    TokenNameTaken,
    /// The thing changed since the version the change was made against (HTTP 412).
    VersionMismatch,
    /// A webhook endpoint's address that is not a full `https://` URL.
    WebhookUrlInvalid,
    /// A webhook endpoint on a private, loopback or link-local address (server-side request
    /// forgery), unless the operator permits loopback.
    WebhookAddressRefused,
    /// A webhook endpoint with no event chosen.
    WebhookEventsRequired,
    /// The organization has as many webhook endpoints as it may.
    WebhookLimitReached,
    /// A redelivery asked for while the delivery is being sent: its result shows in a moment.
    WebhookDeliverySending,
}

/// A refusal tied to one form field (the field's input name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
}

impl FieldError {
    pub fn new(field: &str, code: ErrorCode) -> Self {
        Self {
            field: field.to_owned(),
            code,
        }
    }

    /// A field's parse result: its value, or its error added to `errors` (so that a form
    /// answers every wrong field at once).
    pub fn collect<T>(errors: &mut Vec<Self>, field: &str, r: Result<T, ErrorCode>) -> Option<T> {
        r.map_err(|code| errors.push(Self::new(field, code))).ok()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// One or more fields are wrong; nothing was written.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The request breaks a rule that belongs to no single field.
    #[error("refused: {0:?}")]
    Refused(ErrorCode),
    #[error("sign-in required")]
    SignInRequired,
    #[error("password change required")]
    PasswordChangeRequired,
    /// The actor lacks a role; the roles that would allow it are listed.
    #[error("forbidden")]
    Forbidden(Vec<Role>),
    #[error("not found")]
    NotFound,
    #[error("too many attempts")]
    Throttled,
    /// The request itself was malformed (missing or undecodable arguments).
    #[error("bad request")]
    BadRequest,
    /// The browser could not reach the server or read its answer.
    #[error("network")]
    Network,
    /// The service cannot take this now (its database is read-only, full, missing or locked);
    /// nothing was changed, and trying again later may work. The cause is in the server's log.
    #[error("service unavailable")]
    Unavailable,
    /// A fault on the server; the cause is in the server's log, never on the page.
    #[error("server error")]
    Internal,
}

impl AppError {
    pub fn field(field: &str, code: ErrorCode) -> Self {
        Self::Invalid(vec![FieldError::new(field, code)])
    }

    /// The code for a form field, if this error names it.
    pub fn field_code(&self, field: &str) -> Option<ErrorCode> {
        match self {
            Self::Invalid(errors) => errors.iter().find(|e| e.field == field).map(|e| e.code),
            _ => None,
        }
    }

    /// A form's error after the user changed `field` (`problem`: what is wrong with its new
    /// value, as far as the page can tell): the field's entry goes when the value is right, or
    /// takes the new problem; fields the error did not name stay unnamed (no nagging while
    /// typing), and when no field is left, nothing is (the banner goes with the last one).
    pub fn revised(self, field: &str, problem: Option<ErrorCode>) -> Option<Self> {
        match self {
            Self::Invalid(mut errors) => {
                match problem {
                    None => errors.retain(|e| e.field != field),
                    Some(code) => errors
                        .iter_mut()
                        .filter(|e| e.field == field)
                        .for_each(|e| e.code = code),
                }
                (!errors.is_empty()).then_some(Self::Invalid(errors))
            }
            other => Some(other),
        }
    }

    /// The HTTP status the server answers with.
    pub fn status(&self) -> u16 {
        match self {
            Self::Refused(
                ErrorCode::ProvidersOnly
                | ErrorCode::NotAReseller
                | ErrorCode::PartnersOnly
                | ErrorCode::CustomersOnly
                | ErrorCode::OnlyCustomersAccept
                | ErrorCode::NotYourCustomer
                | ErrorCode::DelegatedAdminMissing
                | ErrorCode::GlobalAdminNotManaged
                | ErrorCode::SoldByAnotherProvider,
            ) => 403,
            Self::Refused(
                ErrorCode::NotPending
                | ErrorCode::AlreadyPartners
                | ErrorCode::AlreadyRelated
                | ErrorCode::NotPartners
                | ErrorCode::JointPartnershipEnded
                | ErrorCode::OrderAlreadySubmitted
                | ErrorCode::LicensesExhausted
                | ErrorCode::LicensesInUse,
            ) => 409,
            Self::Refused(ErrorCode::VersionMismatch) => 412,
            Self::Invalid(_) | Self::Refused(_) => 422,
            Self::SignInRequired => 401,
            Self::PasswordChangeRequired | Self::Forbidden(_) => 403,
            Self::NotFound => 404,
            Self::Throttled => 429,
            Self::BadRequest => 400,
            Self::Network | Self::Unavailable => 503,
            Self::Internal => 500,
        }
    }

    /// Gathers field errors: `Ok(())` when there are none.
    pub fn from_fields(errors: Vec<FieldError>) -> Result<(), Self> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Self::Invalid(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fields_error_goes_when_its_value_is_right_and_the_banner_with_the_last() {
        let e = AppError::Invalid(vec![
            FieldError::new("company", ErrorCode::Required),
            FieldError::new("email", ErrorCode::Required),
        ]);
        let e = e.revised("email", Some(ErrorCode::EmailFormat));
        assert_eq!(
            e.as_ref().and_then(|e| e.field_code("email")),
            Some(ErrorCode::EmailFormat)
        );
        let e = e.and_then(|e| e.revised("phone", Some(ErrorCode::Required)));
        assert_eq!(
            e.as_ref().and_then(|e| e.field_code("phone")),
            None,
            "not named, not nagged"
        );
        let e = e.and_then(|e| e.revised("email", None));
        assert_eq!(e.as_ref().and_then(|e| e.field_code("email")), None);
        assert_eq!(e.clone().and_then(|e| e.revised("company", None)), None);
        assert_eq!(
            AppError::Network.revised("email", None),
            Some(AppError::Network)
        );
    }

    #[test]
    fn statuses_are_client_errors_for_bad_input() {
        assert_eq!(
            AppError::field("email", ErrorCode::EmailFormat).status(),
            422
        );
        assert_eq!(AppError::BadRequest.status(), 400);
        assert_eq!(AppError::Throttled.status(), 429);
        assert_eq!(AppError::Forbidden(vec![Role::GlobalAdmin]).status(), 403);
        assert_eq!(AppError::Unavailable.status(), 503);
    }

    #[test]
    fn field_code_finds_the_named_field() {
        let e = AppError::Invalid(vec![
            FieldError::new("email", ErrorCode::EmailFormat),
            FieldError::new("mpn_id", ErrorCode::MpnIdFormat),
        ]);
        assert_eq!(e.field_code("mpn_id"), Some(ErrorCode::MpnIdFormat));
        assert_eq!(e.field_code("country"), None);
        assert_eq!(AppError::from_fields(vec![]), Ok(()));
    }
}
