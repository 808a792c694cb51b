//! Every string a page shows, in English, Turkish, Hungarian and Russian. A language is two files
//! (`xx.rs`, `xx_sales.rs`, `xx_notices.rs`, `xx_log.rs`) that fill the [`Strings`] table; because the table is a struct, a
//! language that misses a string does not compile, and the tests below fail when a translation
//! loses or adds a `{placeholder}` or keeps an English sentence. Words come from the seeds
//! (`docs/glossary.md` says which). Counts go through [`Plural`] (CLDR's rules); dates, numbers and
//! the choice of language are [`Locale`]'s (in the model, as the server needs them too).
//! (Over 500 lines because the table's ~560 fields are declared here, one line each, with the
//! tests that walk every language.)

pub mod api;
mod en;
mod en_api;
mod en_home;
mod en_hooks;
mod en_log;
mod en_notices;
mod en_sales;
pub mod home;
pub mod hooks;
mod hu;
mod hu_api;
mod hu_home;
mod hu_hooks;
mod hu_log;
mod hu_notices;
mod hu_sales;
pub mod log;
pub mod notices;
mod ru;
mod ru_api;
mod ru_home;
mod ru_hooks;
mod ru_log;
mod ru_notices;
mod ru_sales;
pub mod sales;
mod tr;
mod tr_api;
mod tr_home;
mod tr_hooks;
mod tr_log;
mod tr_notices;
mod tr_sales;

use crate::model::{AppError, Cloud, ErrorCode, OrgKind, Role};
use leptos::prelude::*;

pub use crate::model::Locale;

impl Locale {
    /// The strings of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::En => &en::STRINGS,
            Locale::Tr => &tr::STRINGS,
            Locale::Hu => &hu::STRINGS,
            Locale::Ru => &ru::STRINGS,
        }
    }
}

/// The language of the page, from context (English when none is provided).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// A country's name in the page's language, if the code is assigned.
pub fn country_name(code: &str) -> Option<&'static str> {
    crate::model::countries::name(code, use_locale())
}

/// The strings of the current language, from context (English when none is provided).
pub fn use_t() -> &'static Strings {
    use_locale().strings()
}

/// Puts a name into a sentence without doubling a full stop: "Adatum Kft." where a sentence
/// ends "… of {org}." reads "… of Adatum Kft.", not "Kft..". Use it for every name placeholder
/// (`{name}`, `{org}`, `{second}`): organization names often end with an abbreviation.
pub trait Fill {
    fn fill(&self, placeholder: &str, value: &str) -> String;
}

impl Fill for str {
    fn fill(&self, placeholder: &str, value: &str) -> String {
        let mut out = String::with_capacity(self.len() + value.len());
        let mut rest = self;
        while let Some(i) = rest.find(placeholder) {
            out.push_str(&rest[..i]);
            out.push_str(value);
            rest = &rest[i + placeholder.len()..];
            if value.ends_with('.') && rest.starts_with('.') && !rest.starts_with("..") {
                rest = &rest[1..];
            }
        }
        out.push_str(rest);
        out
    }
}

/// A phrase whose words depend on a count. `one`, `few`, `many` and `other` are the CLDR plural
/// categories; a language without `few` or `many` (English, Turkish, Hungarian) repeats `other`
/// there. Which one a count takes is decided by [`Locale::plural`], from CLDR's rules.
#[derive(Clone, Copy, Debug)]
pub struct Plural {
    pub one: &'static str,
    pub few: &'static str,
    pub many: &'static str,
    pub other: &'static str,
}

impl Plural {
    /// The form a count takes in the language.
    pub fn pick(&self, locale: Locale, n: u64) -> &'static str {
        use intl_pluralrules::PluralCategory::*;
        match locale.plural(n) {
            ONE => self.one,
            FEW => self.few,
            MANY => self.many,
            _ => self.other,
        }
    }
}

pub struct Strings {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub loading: &'static str,
    pub saving: &'static str,
    pub main_menu: &'static str,
    pub language: &'static str,
    pub change_language: &'static str,
    // Sign-in and enrollment
    pub sign_in: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_lead: &'static str,
    pub sign_out: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub no_account: &'static str,
    pub enroll_link: &'static str,
    pub have_account: &'static str,
    pub enroll_title: &'static str,
    pub enroll_lead: &'static str,
    pub enroll: &'static str,
    pub organization_section: &'static str,
    pub first_user_section: &'static str,
    pub org_kind: &'static str,
    pub legal_name: &'static str,
    pub country: &'static str,
    pub choose_country: &'static str,
    pub cloud: &'static str,
    pub mpn_id: &'static str,
    pub mpn_id_hint: &'static str,
    pub your_name: &'static str,
    pub name: &'static str,
    pub password_hint: &'static str,
    pub first_user_note: &'static str,
    // Shell and home
    pub menu_home: &'static str,
    pub menu_users: &'static str,
    pub menu_activity: &'static str,
    pub menu_account: &'static str,
    pub signed_in_as: &'static str,
    pub welcome: &'static str,
    pub home_lead: &'static str,
    pub organization: &'static str,
    pub kind: &'static str,
    pub region_note: &'static str,
    pub your_roles: &'static str,
    pub no_roles: &'static str,
    // Users
    pub users_title: &'static str,
    pub users_lead: &'static str,
    pub add_user: &'static str,
    pub roles: &'static str,
    pub status: &'static str,
    pub active: &'static str,
    pub inactive: &'static str,
    pub must_change: &'static str,
    pub added: &'static str,
    pub actions: &'static str,
    pub save_roles: &'static str,
    pub deactivate: &'static str,
    pub reactivate: &'static str,
    pub user_added: &'static str,
    pub temporary_password: &'static str,
    pub temporary_password_note: &'static str,
    pub roles_saved: &'static str,
    pub uma_note: &'static str,
    pub you: &'static str,
    // Activity
    pub activity_title: &'static str,
    pub activity_lead: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub what: &'static str,
    pub subject: &'static str,
    pub older_entries: &'static str,
    pub newest_entries: &'static str,
    pub no_activity: &'static str,
    // Account
    pub account_title: &'static str,
    pub change_password_title: &'static str,
    pub change_password_lead: &'static str,
    pub change_password_forced: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub repeat_password: &'static str,
    pub change_password: &'static str,
    pub password_changed: &'static str,
    pub time_zone: &'static str,
    pub time_zone_hint: &'static str,
    pub save_time_zone: &'static str,
    pub time_zone_saved: &'static str,
    // States
    pub not_found_title: &'static str,
    pub not_found_lead: &'static str,
    pub go_home: &'static str,
    pub not_allowed_title: &'static str,
    pub needs_roles: &'static str,
    // Errors
    pub err_required: &'static str,
    pub err_too_long: &'static str,
    pub err_mpn_format: &'static str,
    pub err_mpn_taken: &'static str,
    pub err_legal_name_taken: &'static str,
    pub err_country: &'static str,
    pub err_kind: &'static str,
    pub err_cloud: &'static str,
    pub err_email_format: &'static str,
    pub err_email_taken: &'static str,
    pub err_password_short: &'static str,
    pub err_password_long: &'static str,
    pub err_password_is_email: &'static str,
    pub err_passwords_differ: &'static str,
    pub err_password_unchanged: &'static str,
    pub err_current_password: &'static str,
    pub err_time_zone: &'static str,
    pub err_no_role: &'static str,
    pub err_credentials: &'static str,
    pub err_last_global_admin: &'static str,
    pub err_own_account: &'static str,
    pub err_only_ga_grants_ga: &'static str,
    pub err_invalid: &'static str,
    pub err_sign_in_required: &'static str,
    pub err_password_change_required: &'static str,
    pub err_not_found: &'static str,
    pub err_throttled: &'static str,
    pub err_bad_request: &'static str,
    /// Shown over the page when its code stopped (a chunk failed to load, or a bug): reload.
    pub page_broken: &'static str,
    pub reload_page: &'static str,
    pub err_network: &'static str,
    pub err_unavailable: &'static str,
    pub err_internal: &'static str,
    // Names of things
    pub role_global_admin: &'static str,
    pub role_user_management_admin: &'static str,
    pub role_admin_agent: &'static str,
    pub role_sales_agent: &'static str,
    pub kind_provider: &'static str,
    pub kind_reseller: &'static str,
    pub kind_customer: &'static str,
    pub kind_operator: &'static str,
    pub cloud_public: &'static str,
    pub cloud_us_gov: &'static str,
    pub menu_indirect_resellers: &'static str,
    pub menu_indirect_providers: &'static str,
    pub menu_invitations: &'static str,
    pub menu_directory: &'static str,
    pub menu_operator_directory: &'static str,
    pub resellers_lead: &'static str,
    pub request_partnership: &'static str,
    pub remove_partnership: &'static str,
    pub since: &'static str,
    pub shared_customers: &'static str,
    pub no_resellers: &'static str,
    pub providers_lead: &'static str,
    pub no_providers: &'static str,
    pub remove_title: &'static str,
    pub remove_keeps: &'static str,
    pub remove_representation: &'static str,
    pub remove_notice: &'static str,
    pub yes: &'static str,
    pub cancel: &'static str,
    /// A confirmation's way out, named for what it keeps.
    pub keep_partnership: &'static str,
    pub keep_relationship: &'static str,
    pub keep_permissions: &'static str,
    pub keep_request: &'static str,
    pub revoke_request: &'static str,
    pub partnership_removed: &'static str,
    pub draft_title: &'static str,
    pub draft_lead: &'static str,
    pub draft_to: &'static str,
    pub draft_to_hint: &'static str,
    pub draft_subject: &'static str,
    pub draft_message: &'static str,
    pub draft_language: &'static str,
    pub open_in_email: &'static str,
    pub copy_to_clipboard: &'static str,
    pub copied: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    /// After Done on a draft email.
    pub draft_saved: &'static str,
    /// Where accepting a partnership or declining a request leads.
    pub partnership_accepted_notice: &'static str,
    pub request_declined_notice: &'static str,
    pub copy_failed: &'static str,
    pub done: &'static str,
    pub link_missing: &'static str,
    pub link_missing_again: &'static str,
    pub personal_link: &'static str,
    pub draft_partnership_subject: &'static str,
    pub draft_partnership_body: &'static str,
    pub invitations_title: &'static str,
    pub invitations_lead: &'static str,
    pub inv_kind_partnership: &'static str,
    pub inv_kind_reseller_relationship: &'static str,
    pub inv_kind_joint_invite: &'static str,
    pub recipient: &'static str,
    pub sent_by: &'static str,
    pub sent: &'static str,
    pub expires: &'static str,
    pub answered: &'static str,
    pub request: &'static str,
    pub state_pending: &'static str,
    pub state_accepted: &'static str,
    pub state_declined: &'static str,
    pub state_expired: &'static str,
    pub state_revoked: &'static str,
    pub reissue: &'static str,
    pub revoke: &'static str,
    pub revoke_explained: &'static str,
    pub revoked_ok: &'static str,
    pub no_invitations: &'static str,
    pub not_named: &'static str,
    pub invite_not_valid_title: &'static str,
    pub invite_not_valid_lead: &'static str,
    pub invite_used_title: &'static str,
    pub invite_declined_title: &'static str,
    pub invite_expired_title: &'static str,
    pub invite_revoked_title: &'static str,
    pub invite_ask: &'static str,
    pub invite_partnership_title: &'static str,
    pub invite_who_asks: &'static str,
    pub invite_partnership_means: &'static str,
    pub invite_expires: &'static str,
    /// The signed-in reader's organization already has what the request asks.
    pub invite_already: &'static str,
    pub sign_in_to_answer: &'static str,
    pub enroll_to_answer: &'static str,
    pub authorize: &'static str,
    pub accept: &'static str,
    pub decline: &'static str,
    pub answer_as: &'static str,
    pub only_resellers_accept: &'static str,
    pub use_other_account: &'static str,
    pub partnership_accepted: &'static str,
    pub request_declined: &'static str,
    pub directory_title: &'static str,
    pub directory_lead: &'static str,
    pub filter_country: &'static str,
    pub any_country: &'static str,
    pub search_name: &'static str,
    pub search: &'static str,
    pub website: &'static str,
    pub contact: &'static str,
    pub description: &'static str,
    pub countries_served: &'static str,
    pub no_providers_found: &'static str,
    pub your_profile: &'static str,
    pub profile_note: &'static str,
    pub hidden: &'static str,
    pub verified: &'static str,
    pub unverified: &'static str,
    pub unverified_hint: &'static str,
    pub listed: &'static str,
    pub save_profile: &'static str,
    pub profile_saved: &'static str,
    pub operator_directory_lead: &'static str,
    pub countries_served_hint: &'static str,
    pub err_not_a_reseller: &'static str,
    pub err_own_organization: &'static str,
    pub err_already_partners: &'static str,
    pub err_region: &'static str,
    pub err_cloud_mismatch: &'static str,
    pub err_authorization_required: &'static str,
    pub err_invitation_used: &'static str,
    pub err_invitation_declined: &'static str,
    pub err_invitation_expired: &'static str,
    pub err_invitation_revoked: &'static str,
    pub err_invitation_not_valid: &'static str,
    pub err_not_pending: &'static str,
    pub err_url_format: &'static str,
    pub err_providers_only: &'static str,
    // Customers and the customer's side
    pub menu_customers: &'static str,
    pub menu_partners: &'static str,
    pub customers_lead: &'static str,
    pub request_relationship: &'static str,
    pub new_relationship: &'static str,
    pub new_relationship_lead: &'static str,
    pub ask_delegated_admin: &'static str,
    pub ask_delegated_admin_hint: &'static str,
    pub us_gov_must_ask: &'static str,
    pub create_link: &'static str,
    pub search_customers: &'static str,
    pub search_customers_hint: &'static str,
    pub domain: &'static str,
    pub delegated_admin: &'static str,
    pub yes_word: &'static str,
    pub no_word: &'static str,
    pub no_customers: &'static str,
    pub no_customers_match: &'static str,
    pub list_capped: &'static str,
    pub show_record: &'static str,
    pub account_tab: &'static str,
    pub customer_account_lead: &'static str,
    pub relationship_since: &'static str,
    pub delegated_admin_permissions: &'static str,
    pub granted_since: &'static str,
    pub not_granted: &'static str,
    pub customer_since: &'static str,
    pub remove_customer_relationship: &'static str,
    pub remove_customer_title: &'static str,
    pub remove_customer_keeps: &'static str,
    pub remove_customer_representation: &'static str,
    pub relationship_removed: &'static str,
    pub back_to_customers: &'static str,
    pub invite_new_customers: &'static str,
    pub joint_title: &'static str,
    pub joint_lead: &'static str,
    pub draft_delegated_admin: &'static str,
    pub draft_relationship_subject: &'static str,
    pub draft_relationship_body: &'static str,
    pub draft_joint_subject: &'static str,
    pub draft_joint_body: &'static str,
    pub invite_relationship_title: &'static str,
    pub invite_joint_title: &'static str,
    pub invite_relationship_means: &'static str,
    pub invite_joint_means: &'static str,
    pub invite_delegated_asked: &'static str,
    pub invite_delegated_not_asked: &'static str,
    pub invite_where_public: &'static str,
    pub invite_where_us_gov: &'static str,
    pub sign_in_as_customer: &'static str,
    pub create_customer_account: &'static str,
    pub create_customer_lead: &'static str,
    pub company_name: &'static str,
    pub primary_domain: &'static str,
    pub domain_hint: &'static str,
    pub domain_available: &'static str,
    pub domain_checking: &'static str,
    pub create_account: &'static str,
    pub agree_customer_agreement: &'static str,
    pub read_agreement: &'static str,
    pub only_customers_accept: &'static str,
    pub accepted_notice: &'static str,
    pub accepted_existing: &'static str,
    pub partners_title: &'static str,
    pub partners_lead: &'static str,
    pub reseller_of_record: &'static str,
    pub since_date: &'static str,
    pub relationship_ended_word: &'static str,
    pub end_relationship: &'static str,
    pub end_relationship_title: &'static str,
    pub end_relationship_text: &'static str,
    pub remove_grant: &'static str,
    pub remove_grant_title: &'static str,
    pub remove_grant_text: &'static str,
    pub relationship_ended: &'static str,
    pub grant_removed: &'static str,
    pub no_partners: &'static str,
    pub pending_requests: &'static str,
    pub pending_lead: &'static str,
    pub no_pending: &'static str,
    pub from_word: &'static str,
    pub delegated_admin_asked: &'static str,
    pub request_declined_ok: &'static str,
    pub agreement_title: &'static str,
    pub agreement_version: &'static str,
    pub err_partners_only: &'static str,
    pub err_customers_only: &'static str,
    pub err_only_customers_accept: &'static str,
    pub err_agreement_required: &'static str,
    pub err_already_related: &'static str,
    pub err_not_partners: &'static str,
    pub err_joint_partnership_ended: &'static str,
    pub err_delegated_admin_required: &'static str,
    pub err_domain_format: &'static str,
    pub err_domain_taken: &'static str,
    pub err_role_not_for_customers: &'static str,
    pub agreement_paragraphs: &'static [&'static str],
    /// Activity codes and their phrases.
    pub activity_actions: &'static [(&'static str, &'static str)],
    pub sales: sales::SalesStrings,
    pub notices: notices::NoticeStrings,
    pub home: home::HomeStrings,
    pub log: log::LogStrings,
    pub api: api::ApiStrings,
    pub hooks: hooks::HookStrings,
}

impl Strings {
    pub fn error_code(&self, code: ErrorCode) -> &'static str {
        use ErrorCode::*;
        match code {
            Required => self.err_required,
            TooLong => self.err_too_long,
            MpnIdFormat => self.err_mpn_format,
            MpnIdTaken => self.err_mpn_taken,
            LegalNameTaken => self.err_legal_name_taken,
            CountryUnknown => self.err_country,
            KindUnknown => self.err_kind,
            CloudUnknown => self.err_cloud,
            EmailFormat => self.err_email_format,
            EmailTaken => self.err_email_taken,
            PasswordTooShort => self.err_password_short,
            PasswordTooLong => self.err_password_long,
            PasswordIsEmail => self.err_password_is_email,
            PasswordsDiffer => self.err_passwords_differ,
            PasswordUnchanged => self.err_password_unchanged,
            CurrentPasswordWrong => self.err_current_password,
            TimeZoneUnknown => self.err_time_zone,
            NoRoleChosen => self.err_no_role,
            InvalidCredentials => self.err_credentials,
            LastGlobalAdmin => self.err_last_global_admin,
            OwnAccount => self.err_own_account,
            OnlyGlobalAdminGrantsGlobalAdmin => self.err_only_ga_grants_ga,
            NotAReseller => self.err_not_a_reseller,
            OwnOrganization => self.err_own_organization,
            AlreadyPartners => self.err_already_partners,
            RegionMismatch => self.err_region,
            CloudMismatch => self.err_cloud_mismatch,
            AuthorizationRequired => self.err_authorization_required,
            InvitationUsed => self.err_invitation_used,
            InvitationDeclined => self.err_invitation_declined,
            InvitationExpired => self.err_invitation_expired,
            InvitationRevoked => self.err_invitation_revoked,
            InvitationNotValid => self.err_invitation_not_valid,
            NotPending => self.err_not_pending,
            UrlFormat => self.err_url_format,
            ProvidersOnly => self.err_providers_only,
            PartnersOnly => self.err_partners_only,
            CustomersOnly => self.err_customers_only,
            OnlyCustomersAccept => self.err_only_customers_accept,
            AgreementRequired => self.err_agreement_required,
            AlreadyRelated => self.err_already_related,
            NotPartners => self.err_not_partners,
            JointPartnershipEnded => self.err_joint_partnership_ended,
            DelegatedAdminRequired => self.err_delegated_admin_required,
            DomainFormat => self.err_domain_format,
            DomainTaken => self.err_domain_taken,
            RoleNotForCustomers => self.err_role_not_for_customers,
            NumberFormat => self.sales.err_number_format,
            LicensesOutOfBounds => self.sales.err_licenses_out_of_bounds,
            OfferUnknown => self.sales.err_offer_unknown,
            OfferWithdrawn => self.sales.err_offer_withdrawn,
            OfferNameTaken => self.sales.err_offer_name_taken,
            BillingTermUnknown => self.sales.err_billing_term_unknown,
            NoOffersChosen => self.sales.err_no_offers_chosen,
            OrderAlreadySubmitted => self.sales.err_order_already_submitted,
            NotYourCustomer => self.sales.err_not_your_customer,
            ResellerUnknown => self.sales.err_reseller_unknown,
            ResellerNotPartnered => self.sales.err_reseller_not_partnered,
            SupportContactUnknown => self.sales.err_support_contact_unknown,
            LicensesExhausted => self.sales.err_licenses_exhausted,
            LicensesInUse => self.sales.err_licenses_in_use,
            DelegatedAdminMissing => self.sales.err_delegated_admin_missing,
            PhoneFormat => self.sales.err_phone_format,
            SoldByAnotherProvider => self.sales.err_sold_by_another_provider,
            LicenseNotAssignable => self.sales.err_license_not_assignable,
            GlobalAdminNotManaged => self.sales.err_global_admin_not_managed,
            ChoiceUnknown => self.log.err_choice_unknown,
            DateFormat => self.log.err_date_format,
            DateOrder => self.log.err_date_order,
            ExpiryOutOfBounds => self.api.err_expiry_out_of_bounds,
            RoleNotHeld => self.api.err_role_not_held,
            TokenNameTaken => self.api.err_token_name_taken,
            VersionMismatch => self.api.err_version_mismatch,
            WebhookUrlInvalid => self.hooks.err_url_invalid,
            WebhookAddressRefused => self.hooks.err_address_refused,
            WebhookEventsRequired => self.hooks.err_events_required,
            WebhookLimitReached => self.hooks.err_limit_reached,
            WebhookDeliverySending => self.hooks.err_sending,
        }
    }

    /// The sentence a page shows for an error that is not tied to one field.
    pub fn error(&self, err: &AppError) -> String {
        match err {
            AppError::Invalid(_) => self.err_invalid.to_owned(),
            AppError::Refused(code) => self.error_code(*code).to_owned(),
            AppError::SignInRequired => self.err_sign_in_required.to_owned(),
            AppError::PasswordChangeRequired => self.err_password_change_required.to_owned(),
            AppError::Forbidden(roles) => self.needs_roles_text(roles),
            AppError::NotFound => self.err_not_found.to_owned(),
            AppError::Throttled => self.err_throttled.to_owned(),
            AppError::BadRequest => self.err_bad_request.to_owned(),
            AppError::Network => self.err_network.to_owned(),
            AppError::Unavailable => self.err_unavailable.to_owned(),
            AppError::Internal => self.err_internal.to_owned(),
        }
    }

    pub fn needs_roles_text(&self, roles: &[Role]) -> String {
        let names: Vec<&str> = roles.iter().map(|r| self.role(*r)).collect();
        self.needs_roles.replace("{roles}", &names.join(", "))
    }

    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::GlobalAdmin => self.role_global_admin,
            Role::UserManagementAdmin => self.role_user_management_admin,
            Role::AdminAgent => self.role_admin_agent,
            Role::SalesAgent => self.role_sales_agent,
        }
    }

    pub fn kind(&self, kind: OrgKind) -> &'static str {
        match kind {
            OrgKind::Provider => self.kind_provider,
            OrgKind::Reseller => self.kind_reseller,
            OrgKind::Customer => self.kind_customer,
            OrgKind::Operator => self.kind_operator,
        }
    }

    pub fn cloud(&self, cloud: Cloud) -> &'static str {
        match cloud {
            Cloud::Public => self.cloud_public,
            Cloud::UsGov => self.cloud_us_gov,
        }
    }

    pub fn invitation_kind(&self, kind: crate::model::InvitationKind) -> &'static str {
        use crate::model::InvitationKind::*;
        match kind {
            Partnership => self.inv_kind_partnership,
            ResellerRelationship => self.inv_kind_reseller_relationship,
            JointInvite => self.inv_kind_joint_invite,
        }
    }

    pub fn invitation_state(&self, state: crate::model::InvitationState) -> &'static str {
        use crate::model::InvitationState::*;
        match state {
            Pending => self.state_pending,
            Accepted => self.state_accepted,
            Declined => self.state_declined,
            Expired => self.state_expired,
            Revoked => self.state_revoked,
        }
    }

    /// The phrase for an activity code; an unknown code is shown as it is.
    pub fn activity_action<'a>(&self, code: &'a str) -> &'a str {
        self.activity_actions
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, phrase)| *phrase)
            .unwrap_or(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_ending_with_a_full_stop_does_not_double_the_sentences() {
        assert_eq!(
            "You answer as {user} of {org}.".fill("{org}", "Adatum Kft."),
            "You answer as {user} of Adatum Kft."
        );
        assert_eq!(
            "{org}. And {org}.".fill("{org}", "Contoso"),
            "Contoso. And Contoso."
        );
        assert_eq!(
            "Wait for {org}...".fill("{org}", "A.B."),
            "Wait for A.B...."
        );
        assert_eq!("{org}: {org}.".fill("{org}", "X Ltd."), "X Ltd.: X Ltd.");
    }

    /// The sources of each language's tables, English first. Every language fills the same
    /// fields in the same order (the struct makes it so), so their string literals line up.
    const SOURCES: [(&str, &str, &str); 4] = [
        (
            "en",
            include_str!("en.rs"),
            concat!(
                include_str!("en_sales.rs"),
                include_str!("en_notices.rs"),
                include_str!("en_log.rs"),
                include_str!("en_home.rs"),
                include_str!("en_api.rs"),
                include_str!("en_hooks.rs")
            ),
        ),
        (
            "tr",
            include_str!("tr.rs"),
            concat!(
                include_str!("tr_sales.rs"),
                include_str!("tr_notices.rs"),
                include_str!("tr_log.rs"),
                include_str!("tr_home.rs"),
                include_str!("tr_api.rs"),
                include_str!("tr_hooks.rs")
            ),
        ),
        (
            "hu",
            include_str!("hu.rs"),
            concat!(
                include_str!("hu_sales.rs"),
                include_str!("hu_notices.rs"),
                include_str!("hu_log.rs"),
                include_str!("hu_home.rs"),
                include_str!("hu_api.rs"),
                include_str!("hu_hooks.rs")
            ),
        ),
        (
            "ru",
            include_str!("ru.rs"),
            concat!(
                include_str!("ru_sales.rs"),
                include_str!("ru_notices.rs"),
                include_str!("ru_log.rs"),
                include_str!("ru_home.rs"),
                include_str!("ru_api.rs"),
                include_str!("ru_hooks.rs")
            ),
        ),
    ];

    /// The string literals of a Rust source, in order (comments skipped; no raw strings here).
    fn literals(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut chars = src.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '/' if chars.peek() == Some(&'/') => {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                '"' => {
                    let mut lit = String::new();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => {
                                if let Some(escaped) = chars.next() {
                                    lit.push('\\');
                                    lit.push(escaped);
                                }
                            }
                            '"' => break,
                            c => lit.push(c),
                        }
                    }
                    out.push(lit);
                }
                _ => {}
            }
        }
        out
    }

    /// The `{name}` placeholders of a string, sorted and without repeats.
    fn placeholders(s: &str) -> Vec<&str> {
        let mut found: Vec<&str> = s
            .match_indices('{')
            .filter_map(|(i, _)| {
                let rest = &s[i + 1..];
                let end = rest.find('}')?;
                let name = &rest[..end];
                (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                    .then_some(name)
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    fn all_literals(main: &str, sales: &str) -> Vec<String> {
        let mut all = literals(main);
        all.extend(literals(sales));
        all
    }

    #[test]
    fn translations_keep_englishs_placeholders() {
        let (_, en_main, en_sales) = SOURCES[0];
        let english = all_literals(en_main, en_sales);
        for (lang, main, sales) in &SOURCES[1..] {
            let theirs = all_literals(main, sales);
            assert_eq!(
                theirs.len(),
                english.len(),
                "{lang}: a different number of strings than English"
            );
            let wrong: Vec<String> = english
                .iter()
                .zip(&theirs)
                .filter(|(en, xx)| placeholders(en) != placeholders(xx))
                .map(|(en, xx)| format!("  {en:?}\n  {xx:?}"))
                .collect();
            assert!(
                wrong.is_empty(),
                "{lang}: placeholders differ from English in\n{}",
                wrong.join("\n")
            );
        }
    }

    #[test]
    fn no_english_sentence_is_left_untranslated() {
        let (_, en_main, en_sales) = SOURCES[0];
        let english = all_literals(en_main, en_sales);
        for (lang, main, sales) in &SOURCES[1..] {
            let left: Vec<&String> = english
                .iter()
                .zip(all_literals(main, sales))
                .filter(|(en, xx)| {
                    // Words of English (not codes, names or placeholders alone) kept as they were;
                    // "MPN ID" is Microsoft's term in every language.
                    *en == xx
                        && en.as_str() != "MPN ID"
                        && en
                            .split_whitespace()
                            .filter(|w| !w.starts_with('{'))
                            .count()
                            >= 2
                })
                .map(|(en, _)| en)
                .collect();
            assert!(left.is_empty(), "{lang}: still English: {left:?}");
        }
    }

    #[test]
    fn plural_forms_follow_each_languages_rules() {
        let p = Plural {
            one: "one",
            few: "few",
            many: "many",
            other: "other",
        };
        let ru: Vec<&str> = [0, 1, 2, 5, 11, 21, 22, 25]
            .iter()
            .map(|n| p.pick(Locale::Ru, *n))
            .collect();
        assert_eq!(
            ru,
            ["many", "one", "few", "many", "many", "one", "few", "many"]
        );
        assert_eq!(p.pick(Locale::En, 1), "one");
        assert_eq!(p.pick(Locale::En, 2), "other");
        assert_eq!(p.pick(Locale::Hu, 5), "other");
        let t = Locale::Ru.strings();
        let five = t.sales.user_licenses.pick(Locale::Ru, 5);
        let two = t.sales.user_licenses.pick(Locale::Ru, 2);
        assert_ne!(five, two, "Russian says 2 and 5 licenses differently");
    }

    #[test]
    fn every_error_code_has_words() {
        let t = Locale::En.strings();
        for code in [
            ErrorCode::Required,
            ErrorCode::LastGlobalAdmin,
            ErrorCode::InvalidCredentials,
        ] {
            assert!(!t.error_code(code).is_empty());
        }
        let text = t.error(&AppError::Forbidden(vec![
            Role::GlobalAdmin,
            Role::UserManagementAdmin,
        ]));
        assert!(
            text.contains("Global admin, User management admin"),
            "{text}"
        );
    }

    #[test]
    fn activity_codes_in_use_have_phrases() {
        let t = Locale::En.strings();
        for code in crate::model::activity::Activity::ALL.map(|a| a.code()) {
            assert_ne!(t.activity_action(code), code, "{code} has no phrase");
        }
    }
}
