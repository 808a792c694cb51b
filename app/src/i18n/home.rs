//! Strings of Home: what needs the reader's attention, and a new organization's next steps.

use super::Plural;

pub struct HomeStrings {
    pub attention_title: &'static str,
    pub calm: &'static str,
    /// Requests the organization sent that wait for an answer.
    pub waiting: Plural,
    /// Of those, expiring within `model::home::EXPIRING_DAYS` (3) days.
    pub expiring: Plural,
    pub see_waiting: &'static str,
    /// Customers without a delegated admin grant; their names follow.
    pub without_grant: Plural,
    pub and_more: &'static str,
    pub ask_grant: &'static str,
    /// A customer's requests opened and not answered.
    pub to_answer: Plural,
    pub see_to_answer: &'static str,
    pub unread: Plural,
    pub steps_title: &'static str,
    pub steps_lead: &'static str,
    pub step_partnership: &'static str,
    pub step_provider: &'static str,
    pub open_directory: &'static str,
    pub step_customer: &'static str,
    pub step_relationship: &'static str,
    pub step_users: &'static str,
    /// The Invitations page with nothing sent yet: where requests are made.
    pub no_requests_where: &'static str,
}
