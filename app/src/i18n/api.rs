//! Strings of the API tokens page (issue 22): machine credentials for `/api/v1`.

pub struct ApiStrings {
    pub menu: &'static str,
    pub title: &'static str,
    pub lead: &'static str,
    /// Where the API is described for people (a link to `/api/docs` follows).
    pub described_at: &'static str,
    pub create_title: &'static str,
    pub name_label: &'static str,
    pub name_hint: &'static str,
    pub roles_label: &'static str,
    /// Only the roles the reader holds are offered.
    pub roles_hint: &'static str,
    pub days_label: &'static str,
    pub days_hint: &'static str,
    pub create_button: &'static str,
    pub secret_title: &'static str,
    /// `{name}`, `{date}`: the new token and the day it expires.
    pub secret_lead: &'static str,
    pub secret_label: &'static str,
    pub list_title: &'static str,
    pub none: &'static str,
    pub col_name: &'static str,
    pub col_roles: &'static str,
    pub col_created: &'static str,
    pub col_expires: &'static str,
    pub col_last_used: &'static str,
    pub col_state: &'static str,
    pub col_actions: &'static str,
    pub never_used: &'static str,
    pub state_active: &'static str,
    pub state_expired: &'static str,
    pub state_revoked: &'static str,
    pub state_suspended: &'static str,
    pub revoke: &'static str,
    /// The answer that leaves the token working.
    pub keep: &'static str,
    /// `{name}`: the token's.
    pub revoke_title: &'static str,
    pub revoke_text: &'static str,
    /// `{name}`: the token's.
    pub revoked: &'static str,
    /// The API's answer to a call without a live token.
    pub token_required: &'static str,
    pub err_expiry_out_of_bounds: &'static str,
    pub err_role_not_held: &'static str,
    pub err_token_name_taken: &'static str,
    pub err_version_mismatch: &'static str,
}
