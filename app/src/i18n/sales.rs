//! Strings of the sales pages: offers, the New customer wizard, subscriptions, a customer's users
//! and licenses. One table per area keeps each language file readable; a language fills every
//! table or does not compile.

use crate::model::{BillingTerm, CustomerSort, SubscriptionStatus};

pub struct SalesStrings {
    pub add_new_customer: &'static str,
    pub add_new_customer_for: &'static str,
    pub customers_of_label: &'static str,
    pub add_offer: &'static str,
    pub add_subscription: &'static str,
    pub address: &'static str,
    pub admin_user_name: &'static str,
    pub allowed_licenses: &'static str,
    pub assign_license: &'static str,
    pub assign_license_to: &'static str,
    pub assigned_of: &'static str,
    pub back: &'static str,
    pub back_to_subscriptions: &'static str,
    pub billing_term: &'static str,
    pub bounds: &'static str,
    pub cancel: &'static str,
    pub cancel_text: &'static str,
    pub cancel_title: &'static str,
    /// The cancel confirmation's buttons.
    pub discard_customer: &'static str,
    pub keep_editing: &'static str,
    pub cancelled_nothing_saved: &'static str,
    pub change: &'static str,
    pub change_licenses: &'static str,
    pub change_offer_label: &'static str,
    pub checking_mpn: &'static str,
    pub city: &'static str,
    pub clear_filters: &'static str,
    pub contact: &'static str,
    pub contact_hint: &'static str,
    pub contact_legend: &'static str,
    pub created: &'static str,
    pub customer_added: &'static str,
    pub customer_created: &'static str,
    pub customer_details: &'static str,
    pub description: &'static str,
    pub done: &'static str,
    pub filter_reseller: &'static str,
    pub filter_reseller_hint: &'static str,
    pub filtered_by_reseller: &'static str,
    pub first_name: &'static str,
    pub first_page: &'static str,
    pub indirect_reseller: &'static str,
    pub indirect_reseller_hint: &'static str,
    pub indirect_resellers: &'static str,
    /// What the record's Indirect resellers are, beside the subscriptions' own reseller.
    pub indirect_resellers_hint: &'static str,
    pub last_name: &'static str,
    pub licenses: &'static str,
    pub licenses_change_hint: &'static str,
    pub licenses_of: &'static str,
    pub max_licenses: &'static str,
    pub min_licenses: &'static str,
    pub mpn_is: &'static str,
    pub new_customer: &'static str,
    pub new_subscription: &'static str,
    pub new_subscription_lead: &'static str,
    pub next_page: &'static str,
    pub next_review: &'static str,
    pub next_subscriptions: &'static str,
    pub no_offers: &'static str,
    pub no_offers_available: &'static str,
    pub no_reseller: &'static str,
    pub no_subscriptions: &'static str,
    pub none_word: &'static str,
    pub offer: &'static str,
    pub offer_lines_hint: &'static str,
    pub offer_saved: &'static str,
    pub offered: &'static str,
    pub offered_for_new_orders: &'static str,
    pub offers_lead: &'static str,
    pub offers_title: &'static str,
    pub organization_legend: &'static str,
    pub pages: &'static str,
    pub partners_by_seller: &'static str,
    pub partners_heading: &'static str,
    pub password_was_reset: &'static str,
    pub phone: &'static str,
    pub phone_hint: &'static str,
    pub postal_code: &'static str,
    pub previous_page: &'static str,
    pub reseller: &'static str,
    pub reseller_for_incentives: &'static str,
    pub reseller_for_incentives_hint: &'static str,
    pub reseller_mpn: &'static str,
    pub reseller_mpn_hint: &'static str,
    pub reset_password: &'static str,
    pub reset_password_of: &'static str,
    pub review_hint: &'static str,
    pub save_changes: &'static str,
    pub saved: &'static str,
    pub setup_info: &'static str,
    pub setup_info_warning: &'static str,
    pub sold_by: &'static str,
    pub sort_by: &'static str,
    pub status: &'static str,
    pub steps: &'static str,
    pub submit: &'static str,
    pub subscription_title: &'static str,
    pub subscription_usage: super::Plural,
    pub subscriptions_added: &'static str,
    pub subscriptions_title: &'static str,
    pub support_contact: &'static str,
    pub support_contact_hint: &'static str,
    pub take_back: &'static str,
    pub take_back_label: &'static str,
    pub user_licenses: super::Plural,
    pub users_and_licenses: &'static str,
    pub users_count_only: super::Plural,
    pub users_lead: &'static str,
    /// In place of Reset password on a customer's Global admin.
    pub managed_by_customer: &'static str,
    pub users_title: &'static str,
    pub sort_newest: &'static str,
    pub sort_oldest: &'static str,
    pub sort_name: &'static str,
    pub status_active: &'static str,
    pub status_suspended: &'static str,
    pub term_monthly: &'static str,
    pub term_annual: &'static str,
    pub step_details: &'static str,
    pub step_subscriptions: &'static str,
    pub step_review: &'static str,
    pub step_confirmation: &'static str,
    // Errors
    pub err_number_format: &'static str,
    pub err_licenses_out_of_bounds: &'static str,
    pub err_offer_unknown: &'static str,
    pub err_offer_withdrawn: &'static str,
    pub err_offer_name_taken: &'static str,
    pub err_billing_term_unknown: &'static str,
    pub err_no_offers_chosen: &'static str,
    pub err_order_already_submitted: &'static str,
    pub err_not_your_customer: &'static str,
    pub err_reseller_unknown: &'static str,
    pub err_reseller_not_partnered: &'static str,
    pub err_support_contact_unknown: &'static str,
    pub err_licenses_exhausted: &'static str,
    pub err_licenses_in_use: &'static str,
    pub err_delegated_admin_missing: &'static str,
    pub err_global_admin_not_managed: &'static str,
    pub err_phone_format: &'static str,
    pub err_sold_by_another_provider: &'static str,
    pub err_license_not_assignable: &'static str,
}

impl SalesStrings {
    pub fn sort_label(&self, sort: CustomerSort) -> &'static str {
        match sort {
            CustomerSort::Newest => self.sort_newest,
            CustomerSort::Oldest => self.sort_oldest,
            CustomerSort::Name => self.sort_name,
        }
    }

    pub fn status_label(&self, status: SubscriptionStatus) -> &'static str {
        match status {
            SubscriptionStatus::Active => self.status_active,
            SubscriptionStatus::Suspended => self.status_suspended,
        }
    }

    pub fn term_label(&self, term: BillingTerm) -> &'static str {
        match term {
            BillingTerm::Monthly => self.term_monthly,
            BillingTerm::Annual => self.term_annual,
        }
    }

    /// The wizard's steps, by position.
    pub fn step_label(&self, step: usize) -> &'static str {
        [
            self.step_details,
            self.step_subscriptions,
            self.step_review,
            self.step_confirmation,
        ]
        .get(step)
        .copied()
        .unwrap_or_default()
    }
}
