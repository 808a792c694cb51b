//! English: Home.

use super::Plural;
use super::home::HomeStrings;

pub const HOME: HomeStrings = HomeStrings {
    attention_title: "Needs your attention",
    calm: "Nothing needs your attention now.",
    waiting: Plural {
        one: "{n} request you sent is waiting for an answer.",
        few: "{n} requests you sent are waiting for an answer.",
        many: "{n} requests you sent are waiting for an answer.",
        other: "{n} requests you sent are waiting for an answer.",
    },
    expiring: Plural {
        one: "{n} of them expires within 3 days: re-issue it if it should stay open.",
        few: "{n} of them expire within 3 days: re-issue those that should stay open.",
        many: "{n} of them expire within 3 days: re-issue those that should stay open.",
        other: "{n} of them expire within 3 days: re-issue those that should stay open.",
    },
    see_waiting: "See pending requests",
    without_grant: Plural {
        one: "{n} customer has not given you delegated admin permissions, so you cannot manage its users and licenses:",
        few: "{n} customers have not given you delegated admin permissions, so you cannot manage their users and licenses:",
        many: "{n} customers have not given you delegated admin permissions, so you cannot manage their users and licenses:",
        other: "{n} customers have not given you delegated admin permissions, so you cannot manage their users and licenses:",
    },
    and_more: "and {n} more",
    ask_grant: "Ask for delegated admin permissions",
    to_answer: Plural {
        one: "{n} request from a partner is waiting for your answer.",
        few: "{n} requests from partners are waiting for your answer.",
        many: "{n} requests from partners are waiting for your answer.",
        other: "{n} requests from partners are waiting for your answer.",
    },
    see_to_answer: "Open the requests",
    unread: Plural {
        one: "You have {n} unread notification.",
        few: "You have {n} unread notifications.",
        many: "You have {n} unread notifications.",
        other: "You have {n} unread notifications.",
    },
    steps_title: "Next steps",
    steps_lead: "A new organization starts here. Each step disappears once it is done.",
    step_partnership: "Request a partnership with an indirect reseller: Tierlink makes the link, you send it, and the reseller appears under Indirect resellers once it accepts.",
    step_provider: "Find your indirect providers in the directory. An indirect provider sends you a partnership request link; once you accept it, you sell through that provider.",
    open_directory: "Open the directory",
    step_customer: "Add your first customer, or ask an existing customer for a reseller relationship.",
    step_relationship: "Ask your first customer for a reseller relationship, or invite new customers jointly with one of your indirect providers.",
    step_users: "Add the people who work with you, each with the roles they need.",
    no_requests_where: "Requests are made on these pages:",
};
