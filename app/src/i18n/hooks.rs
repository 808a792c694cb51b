//! Strings of the Webhooks page (issue 22): endpoints that hear the organization's events.

pub struct HookStrings {
    pub menu: &'static str,
    pub title: &'static str,
    pub err_url_invalid: &'static str,
    pub err_address_refused: &'static str,
    pub err_events_required: &'static str,
    pub err_limit_reached: &'static str,
}
