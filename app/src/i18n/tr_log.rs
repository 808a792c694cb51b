//! Turkish: the activity log's filters and export.

use super::log::LogStrings;

pub const LOG: LogStrings = LogStrings {
    filters: "Etkinlik günlüğünü filtrele",
    kind: "Etkinlik türü",
    any_kind: "Tüm türler",
    user: "Kullanıcı",
    anyone: "Herkes",
    other: "Diğer kuruluş",
    other_hint: "Yasal adı veya MPN ID'si.",
    from: "Başlangıç",
    to: "Bitiş",
    filter: "Filtrele",
    clear: "Filtreleri temizle",
    export_csv: "CSV olarak dışarı aktar",
    export_hint: "Yalnızca bu filtrelerin gösterdiği kayıtları, elektronik tablo programlarının tüm harfleri doğru açtığı bir CSV dosyası olarak indirir.",
    retention: "Kayıtlar, bu Tierlink kurulumu verilerini sakladığı sürece tutulur: uygulama onları hiçbir zaman silmez.",
    no_match: "Bu filtrelere uyan kayıt yok.",
    invitation_filters: "Davetleri filtrele",
    any_state: "Tüm durumlar",
    no_invitation_matches: "Bu filtrelere uyan istek yok.",
    err_choice_unknown: "Listelenen değerlerden birini seçin.",
    err_date_format: "2026-12-04 biçiminde bir tarih girin.",
    err_date_order: "Bitiş tarihi başlangıç tarihinden önce.",
};
