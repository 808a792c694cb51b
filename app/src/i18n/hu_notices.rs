//! Hungarian: notifications ("értesítés": seed 003).

use super::Plural;
use super::notices::NoticeStrings;

pub const NOTICES: NoticeStrings = NoticeStrings {
    title: "Értesítések",
    lead: "Ami az Ön közreműködése nélkül történt: a szervezete által küldött kérésekre adott válaszok, a megválaszolatlanul lejárt kérések, az ügyfél vagy a szolgáltató által megszüntetett kapcsolatok, az ügyfelei számára leadott rendelések. Az oldal megnyitása csak az Ön számára jelöli őket olvasottként.",
    bell: Plural {
        one: "Értesítések, {n} olvasatlan",
        few: "Értesítések, {n} olvasatlan",
        many: "Értesítések, {n} olvasatlan",
        other: "Értesítések, {n} olvasatlan",
    },
    bell_none: "Értesítések, nincs olvasatlan",
    mark_all_read: "Az összes megjelölése olvasottként",
    marked_read: "Minden értesítés olvasottként van megjelölve.",
    none_yet: "Még nincs értesítés. Amikor egy ügyfél vagy partner válaszol a kéréseire, itt jelenik meg.",
    new_label: "Új",
    by: "Végrehajtotta: {name}",
    sent_by: "Küldte: {name}",
    sent_by_to: "Küldte: {name}, címzett: {recipient}",
    pages: "Értesítések oldalai",
    partnership_accepted: "{other} elfogadta a partnerségi kérését",
    relationship_accepted: "{other} elfogadta a viszonteladói kapcsolatra vonatkozó kérését",
    joint_accepted: "{other} elfogadta a közös meghívóját",
    partnership_declined: "{other} elutasította a partnerségi kérését",
    relationship_declined: "{other} elutasította a viszonteladói kapcsolatra vonatkozó kérését",
    joint_declined: "{other} elutasította a közös meghívóját",
    partnership_expired: "Egy partnerségi kérés megválaszolatlanul lejárt",
    relationship_expired: "Egy viszonteladói kapcsolatra vonatkozó kérés megválaszolatlanul lejárt",
    joint_expired: "Egy közös meghívó megválaszolatlanul lejárt",
    joint_accepted_as_party: "{other} elfogadott egy közös meghívót, amely Önt nevezi meg közvetett szolgáltatóként",
    relationship_ended: "{other} megszüntette a viszonteladói kapcsolatát Önnel",
    delegated_admin_removed: "{other} eltávolította az Ön delegált rendszergazdai jogosultságait",
    partnership_removed: "{other} eltávolította a partnerségét Önnel",
    order_placed: "{other} rendelést adott le a következő ügyfél számára: {customer}",
};
