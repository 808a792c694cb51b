//! Webhooks (issue 22): a partner's endpoints that hear what happens to its organization, as
//! signed HTTPS requests in the Standard Webhooks form. A Global admin registers an endpoint with
//! the events it wants; its secret is shown once (and again after each rotation).

use super::ErrorCode;
use serde::{Deserialize, Serialize};

/// What every signing secret starts with (the Standard Webhooks convention): the rest is the
/// key in base64.
pub const SECRET_PREFIX: &str = "whsec_";
/// Endpoints one organization may register.
pub const MAX_ENDPOINTS: usize = 20;
/// The longest endpoint address accepted.
pub const URL_MAX_CHARS: usize = 2000;
/// How long deliveries are retried before the endpoint is marked failing (24 hours).
pub const RETRY_FOR_MS: i64 = 24 * 3_600_000;

/// What an endpoint may hear. Codes are the `type` of each delivery's body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// A request the organization sent was accepted (partnership, reseller relationship, joint
    /// invite), or a joint invite naming it as the provider was.
    InvitationAccepted,
    InvitationDeclined,
    /// A request the organization sent expired unanswered.
    InvitationExpired,
    RelationshipEndedByCustomer,
    DelegatedAdminRemoved,
    /// A provider removed its partnership with this reseller.
    PartnershipRemoved,
    SubscriptionCreated,
    /// Licenses, reseller or support contact of a subscription changed.
    SubscriptionChanged,
    CustomerCreated,
    /// "Send test event": goes to the one endpoint asked, whatever it chose.
    Test,
}

impl EventType {
    /// The events an endpoint chooses from, in the order the page lists them.
    pub const CHOSEN: [EventType; 9] = [
        EventType::InvitationAccepted,
        EventType::InvitationDeclined,
        EventType::InvitationExpired,
        EventType::RelationshipEndedByCustomer,
        EventType::DelegatedAdminRemoved,
        EventType::PartnershipRemoved,
        EventType::SubscriptionCreated,
        EventType::SubscriptionChanged,
        EventType::CustomerCreated,
    ];

    /// The `type` of a delivery's body, and the stored form.
    pub fn code(self) -> &'static str {
        match self {
            EventType::InvitationAccepted => "invitation.accepted",
            EventType::InvitationDeclined => "invitation.declined",
            EventType::InvitationExpired => "invitation.expired",
            EventType::RelationshipEndedByCustomer => "relationship.ended_by_customer",
            EventType::DelegatedAdminRemoved => "delegated_admin.removed",
            EventType::PartnershipRemoved => "partnership.removed",
            EventType::SubscriptionCreated => "subscription.created",
            EventType::SubscriptionChanged => "subscription.changed",
            EventType::CustomerCreated => "customer.created",
            EventType::Test => "webhook.test",
        }
    }

    pub fn from_code(code: &str) -> Option<EventType> {
        Self::CHOSEN
            .into_iter()
            .chain([EventType::Test])
            .find(|e| e.code() == code)
    }
}

/// Event checkboxes as a form sends them: a field is present (`"on"`) when ticked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventChoice {
    #[serde(default)]
    pub invitation_accepted: Option<String>,
    #[serde(default)]
    pub invitation_declined: Option<String>,
    #[serde(default)]
    pub invitation_expired: Option<String>,
    #[serde(default)]
    pub relationship_ended_by_customer: Option<String>,
    #[serde(default)]
    pub delegated_admin_removed: Option<String>,
    #[serde(default)]
    pub partnership_removed: Option<String>,
    #[serde(default)]
    pub subscription_created: Option<String>,
    #[serde(default)]
    pub subscription_changed: Option<String>,
    #[serde(default)]
    pub customer_created: Option<String>,
}

impl EventChoice {
    /// The ticked events, in [`EventType::CHOSEN`]'s order.
    pub fn events(&self) -> Vec<EventType> {
        [
            &self.invitation_accepted,
            &self.invitation_declined,
            &self.invitation_expired,
            &self.relationship_ended_by_customer,
            &self.delegated_admin_removed,
            &self.partnership_removed,
            &self.subscription_created,
            &self.subscription_changed,
            &self.customer_created,
        ]
        .into_iter()
        .zip(EventType::CHOSEN)
        .filter(|(ticked, _)| ticked.is_some())
        .map(|(_, e)| e)
        .collect()
    }

    /// The checkbox's field name of an event (the page's `name` attribute).
    pub fn field(event: EventType) -> &'static str {
        match event {
            EventType::InvitationAccepted => "events[invitation_accepted]",
            EventType::InvitationDeclined => "events[invitation_declined]",
            EventType::InvitationExpired => "events[invitation_expired]",
            EventType::RelationshipEndedByCustomer => "events[relationship_ended_by_customer]",
            EventType::DelegatedAdminRemoved => "events[delegated_admin_removed]",
            EventType::PartnershipRemoved => "events[partnership_removed]",
            EventType::SubscriptionCreated => "events[subscription_created]",
            EventType::SubscriptionChanged => "events[subscription_changed]",
            EventType::CustomerCreated | EventType::Test => "events[customer_created]",
        }
    }
}

/// The chosen events: at least one, each once, in [`EventType::CHOSEN`]'s order.
pub fn parse_events(events: &[EventType]) -> Result<Vec<EventType>, ErrorCode> {
    let chosen: Vec<EventType> = EventType::CHOSEN
        .into_iter()
        .filter(|e| events.contains(e))
        .collect();
    if chosen.is_empty() {
        Err(ErrorCode::WebhookEventsRequired)
    } else {
        Ok(chosen)
    }
}

/// An endpoint's address as typed, trimmed: one line, a `https://` or `http://` URL with a host.
/// The server checks the rest (a real URL parse, https unless the operator permits loopback,
/// the addresses it resolves to); this is what a page can say at once.
pub fn parse_url(s: &str) -> Result<String, ErrorCode> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ErrorCode::Required);
    }
    if s.chars().count() > URL_MAX_CHARS {
        return Err(ErrorCode::TooLong);
    }
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or(ErrorCode::WebhookUrlInvalid)?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if rest[..host_end].is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(ErrorCode::WebhookUrlInvalid);
    }
    Ok(s.to_owned())
}

/// A row of the Webhooks page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookRow {
    pub id: String,
    pub url: String,
    pub events: Vec<EventType>,
    pub created_by: String,
    pub created: String,
    /// Since when its deliveries have failed for 24 hours; `None` while it works.
    pub failing_since: Option<String>,
    /// The newest delivery's time, if any.
    pub last_delivery: Option<String>,
}

/// A new endpoint's or a rotated secret: shown once, never again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookSecret {
    pub id: String,
    pub url: String,
    pub secret: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting for its first or next attempt.
    Pending,
    Delivered,
    /// Retried for 24 hours without a 2xx answer.
    Failed,
}

/// Why an attempt failed, when the receiver gave no 2xx answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptFailure {
    /// An answer other than 2xx (its code is in the row).
    Status,
    /// No answer within the timeout.
    Timeout,
    /// No connection (refused, reset, TLS, name not found).
    Connection,
    /// The address resolved to a private or loopback address (refused before connecting).
    AddressRefused,
    /// A redirect: never followed.
    Redirected,
}

impl AttemptFailure {
    pub fn code(self) -> &'static str {
        match self {
            AttemptFailure::Status => "status",
            AttemptFailure::Timeout => "timeout",
            AttemptFailure::Connection => "connection",
            AttemptFailure::AddressRefused => "address_refused",
            AttemptFailure::Redirected => "redirected",
        }
    }

    pub fn from_code(code: &str) -> Option<AttemptFailure> {
        [
            AttemptFailure::Status,
            AttemptFailure::Timeout,
            AttemptFailure::Connection,
            AttemptFailure::AddressRefused,
            AttemptFailure::Redirected,
        ]
        .into_iter()
        .find(|f| f.code() == code)
    }
}

/// A row of an endpoint's delivery log (newest first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryRow {
    /// The `webhook-id` the receiver saw (the same on every attempt).
    pub id: String,
    pub event: EventType,
    pub created: String,
    pub state: DeliveryState,
    pub attempts: u32,
    pub last_attempt: Option<String>,
    /// The receiver's HTTP status on the last attempt, when it answered.
    pub response_code: Option<u16>,
    pub failure: Option<AttemptFailure>,
    /// When a pending delivery is tried next.
    pub next_attempt: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for e in EventType::CHOSEN.into_iter().chain([EventType::Test]) {
            assert_eq!(EventType::from_code(e.code()), Some(e));
        }
        assert_eq!(EventType::from_code("invitation.sent"), None);
        for f in [
            "status",
            "timeout",
            "connection",
            "address_refused",
            "redirected",
        ] {
            assert_eq!(
                AttemptFailure::from_code(f).map(AttemptFailure::code),
                Some(f)
            );
        }
    }

    #[test]
    fn events_at_least_one_in_order() {
        use EventType::*;
        assert_eq!(
            parse_events(&[CustomerCreated, InvitationAccepted, CustomerCreated, Test]),
            Ok(vec![InvitationAccepted, CustomerCreated])
        );
        assert_eq!(parse_events(&[]), Err(ErrorCode::WebhookEventsRequired));
        assert_eq!(parse_events(&[Test]), Err(ErrorCode::WebhookEventsRequired));
        let all = EventChoice {
            invitation_accepted: Some("on".into()),
            customer_created: Some("on".into()),
            ..EventChoice::default()
        };
        assert_eq!(all.events(), vec![InvitationAccepted, CustomerCreated]);
    }

    #[test]
    fn urls_need_a_scheme_and_a_host() {
        assert_eq!(
            parse_url(" https://hooks.example.com/tierlink ").as_deref(),
            Ok("https://hooks.example.com/tierlink")
        );
        assert_eq!(
            parse_url("http://127.0.0.1:9000").as_deref(),
            Ok("http://127.0.0.1:9000")
        );
        assert_eq!(parse_url(""), Err(ErrorCode::Required));
        assert_eq!(
            parse_url("hooks.example.com"),
            Err(ErrorCode::WebhookUrlInvalid)
        );
        assert_eq!(
            parse_url("ftp://x.example"),
            Err(ErrorCode::WebhookUrlInvalid)
        );
        assert_eq!(
            parse_url("https:///path"),
            Err(ErrorCode::WebhookUrlInvalid)
        );
        assert_eq!(
            parse_url("https://a b.example"),
            Err(ErrorCode::WebhookUrlInvalid)
        );
        let long = format!("https://x.example/{}", "a".repeat(URL_MAX_CHARS));
        assert_eq!(parse_url(&long), Err(ErrorCode::TooLong));
    }
}
