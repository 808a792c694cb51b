//! Hungarian: webhooks.

use super::hooks::HookStrings;

pub const HOOKS: HookStrings = HookStrings {
    menu: "Webhookok",
    title: "Webhookok",
    err_url_invalid: "Adjon meg egy https://-sel kezdődő teljes címet, például https://hooks.example.com/tierlink.",
    err_address_refused: "Ez a cím magán- vagy helyi hálózaton van. A Tierlink csak nyilvános címekre küld eseményeket.",
    err_events_required: "Válasszon legalább egy eseményt.",
    err_limit_reached: "A szervezetnek már 20 végpontja van, ennél több nem lehet. Előbb távolítson el egyet.",
};
