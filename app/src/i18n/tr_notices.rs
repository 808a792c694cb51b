//! Turkish: notifications ("bildirim": seeds 000 and 001).

use super::Plural;
use super::notices::NoticeStrings;

pub const NOTICES: NoticeStrings = NoticeStrings {
    title: "Bildirimler",
    lead: "Siz bir şey yapmadan olanlar: kuruluşunuzun gönderdiği isteklere verilen yanıtlar, yanıtlanmadan süresi dolan istekler, bir müşterinin veya sağlayıcının sona erdirdiği bağlantılar, müşterileriniz için verilen siparişler. Bu sayfayı açmak bildirimleri yalnızca sizin için okundu olarak işaretler.",
    bell: Plural {
        one: "Bildirimler, {n} okunmamış",
        few: "Bildirimler, {n} okunmamış",
        many: "Bildirimler, {n} okunmamış",
        other: "Bildirimler, {n} okunmamış",
    },
    bell_none: "Bildirimler, okunmamış yok",
    mark_all_read: "Tümünü okundu olarak işaretle",
    marked_read: "Tüm bildirimler okundu olarak işaretlendi.",
    none_yet: "Henüz bildirim yok. Bir müşteri veya iş ortağı isteklerinizi yanıtladığında burada görünür.",
    new_label: "Yeni",
    by: "Yapan: {name}",
    sent_by: "Gönderen: {name}",
    sent_by_to: "Gönderen: {name}, alıcı: {recipient}",
    pages: "Bildirim sayfaları",
    partnership_accepted: "{other} iş ortaklığı isteğinizi kabul etti",
    relationship_accepted: "{other} kurumsal bayi ilişkisi isteğinizi kabul etti",
    joint_accepted: "{other} ortak davetinizi kabul etti",
    partnership_declined: "{other} iş ortaklığı isteğinizi reddetti",
    relationship_declined: "{other} kurumsal bayi ilişkisi isteğinizi reddetti",
    joint_declined: "{other} ortak davetinizi reddetti",
    partnership_expired: "Bir iş ortaklığı isteğinin süresi yanıtlanmadan doldu",
    relationship_expired: "Bir kurumsal bayi ilişkisi isteğinin süresi yanıtlanmadan doldu",
    joint_expired: "Bir ortak davetin süresi yanıtlanmadan doldu",
    joint_accepted_as_party: "{other}, sizi dolaylı sağlayıcı olarak adlandıran bir ortak daveti kabul etti",
    relationship_ended: "{other} sizinle kurumsal bayi ilişkisini sona erdirdi",
    delegated_admin_removed: "{other} temsilci yönetici izinlerinizi kaldırdı",
    partnership_removed: "{other} sizinle iş ortaklığını kaldırdı",
    order_placed: "{other}, {customer} için sipariş verdi",
};
