//! Home: what needs the reader's attention, and the next steps of a new organization. The server
//! decides what each reader is shown (`services::home`); the page only words it.

use super::OrgId;
use serde::{Deserialize, Serialize};

/// Counts on Home stop here (shown as "99+"): a busy partner needs to know there are many, not
/// how many, and a capped count reads a bounded slice of an index.
pub const ATTENTION_CAP: u32 = 100;

/// A waiting request "expires soon" within this many days (the pages' sentences say 3 days).
pub const EXPIRING_DAYS: i64 = 3;

/// Customers named on Home among those without a grant; the rest are counted.
pub const NAMED_CUSTOMERS: u32 = 3;

/// What Home shows above the organization's facts. Every part is empty when there is nothing to
/// do, or when the reader's roles could not act on it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeAttention {
    /// Requests the organization sent that nobody has answered yet, and of those, how many
    /// expire within [`EXPIRING_DAYS`].
    pub waiting: u32,
    pub expiring: u32,
    /// Active customers that gave the organization no delegated admin permissions: the newest
    /// few by name, and how many in all.
    pub without_grant: u32,
    pub without_grant_named: Vec<NamedCustomer>,
    /// Requests a customer's user opened and nobody of the customer answered yet.
    pub to_answer: u32,
    /// What a new organization does first, in order.
    pub steps: Vec<NextStep>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedCustomer {
    pub id: OrgId,
    pub name: String,
}

/// A first step that the organization has not taken yet and the reader may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NextStep {
    /// A provider without resellers: request a partnership (W3).
    RequestPartnership,
    /// A reseller without providers: providers send the request; the directory lists them.
    FindProvider,
    /// A provider without customers: add one (W10) or ask an existing one (W6).
    AddCustomer,
    /// A reseller without customers: ask one (W6) or invite jointly (W7).
    RequestRelationship,
    /// An organization of one user: add the people who work there.
    AddUsers,
}

impl HomeAttention {
    /// Whether anything needs the reader (next steps aside); `unread` is the bell's count,
    /// which the page already has (`Actor::unread`).
    pub fn needs_attention(&self, unread: u32) -> bool {
        self.waiting > 0 || self.without_grant > 0 || self.to_answer > 0 || unread > 0
    }
}

/// A capped count as the page shows it: "99+" from [`ATTENTION_CAP`].
pub fn capped(n: u32) -> Option<u32> {
    (n < ATTENTION_CAP).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calm_home_needs_nothing_and_any_count_needs_attention() {
        let calm = HomeAttention {
            steps: vec![NextStep::AddUsers],
            ..HomeAttention::default()
        };
        assert!(!calm.needs_attention(0));
        assert!(calm.needs_attention(1));
        for a in [
            HomeAttention {
                waiting: 1,
                ..calm.clone()
            },
            HomeAttention {
                without_grant: 1,
                ..calm.clone()
            },
            HomeAttention {
                to_answer: 1,
                ..calm.clone()
            },
        ] {
            assert!(a.needs_attention(0));
        }
    }

    #[test]
    fn counts_at_the_cap_are_shown_as_more() {
        assert_eq!(capped(0), Some(0));
        assert_eq!(capped(ATTENTION_CAP - 1), Some(ATTENTION_CAP - 1));
        assert_eq!(capped(ATTENTION_CAP), None);
    }
}
