//! English: notifications.

use super::Plural;
use super::notices::NoticeStrings;

pub const NOTICES: NoticeStrings = NoticeStrings {
    title: "Notifications",
    lead: "What happened without you: answers to the requests your organization sent, requests that expired unanswered, links a customer or provider ended, orders placed for your customers. Opening this page marks them as read for you only.",
    bell: Plural {
        one: "Notifications, {n} unread",
        few: "Notifications, {n} unread",
        many: "Notifications, {n} unread",
        other: "Notifications, {n} unread",
    },
    bell_none: "Notifications, none unread",
    mark_all_read: "Mark all as read",
    marked_read: "All notifications are marked as read.",
    none_yet: "No notifications yet. When a customer or partner answers your requests, they appear here.",
    new_label: "New",
    by: "By {name}",
    sent_by: "Sent by {name}",
    sent_by_to: "Sent by {name} to {recipient}",
    pages: "Notification pages",
    partnership_accepted: "{other} accepted your partnership request",
    relationship_accepted: "{other} accepted your reseller relationship request",
    joint_accepted: "{other} accepted your joint invite",
    partnership_declined: "{other} declined your partnership request",
    relationship_declined: "{other} declined your reseller relationship request",
    joint_declined: "{other} declined your joint invite",
    partnership_expired: "A partnership request expired unanswered",
    relationship_expired: "A reseller relationship request expired unanswered",
    joint_expired: "A joint invite expired unanswered",
    joint_accepted_as_party: "{other} accepted a joint invite that names you as indirect provider",
    relationship_ended: "{other} ended its reseller relationship with you",
    delegated_admin_removed: "{other} removed your delegated admin permissions",
    partnership_removed: "{other} removed its partnership with you",
    order_placed: "{other} placed an order for {customer}",
};
