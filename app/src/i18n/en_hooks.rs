//! English: webhooks.

use super::hooks::HookStrings;

pub const HOOKS: HookStrings = HookStrings {
    menu: "Webhooks",
    title: "Webhooks",
    err_url_invalid: "Enter a full address that starts with https://, for example https://hooks.example.com/tierlink.",
    err_address_refused: "This address is on a private or local network. Tierlink sends events only to public addresses.",
    err_events_required: "Choose at least one event.",
    err_limit_reached: "Your organization has 20 endpoints, the most it may have. Remove one first.",
};
