//! English: the activity log's filters and export.

use super::log::LogStrings;

pub const LOG: LogStrings = LogStrings {
    filters: "Filter the activity log",
    kind: "Kind of activity",
    any_kind: "Any kind",
    user: "User",
    anyone: "Anyone",
    other: "Other organization",
    other_hint: "Its legal name or MPN ID.",
    from: "From",
    to: "To",
    filter: "Filter",
    clear: "Clear filters",
    export_csv: "Export CSV",
    export_hint: "Downloads exactly the entries these filters show, as a CSV file that spreadsheet programs open with every letter intact.",
    retention: "Entries are kept for as long as this Tierlink instance keeps its data: the application never deletes them.",
    no_match: "No entry matches these filters.",
    invitation_filters: "Filter the invitations",
    any_state: "Any state",
    no_invitation_matches: "No request matches these filters.",
    err_choice_unknown: "Choose one of the listed values.",
    err_date_format: "Enter a date such as 2026-12-04.",
    err_date_order: "The end date is before the start date.",
};
