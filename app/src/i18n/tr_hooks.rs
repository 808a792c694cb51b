//! Turkish: webhooks.

use super::hooks::HookStrings;

pub const HOOKS: HookStrings = HookStrings {
    menu: "Webhook'lar",
    title: "Webhook'lar",
    err_url_invalid: "https:// ile başlayan tam bir adres girin, örneğin https://hooks.example.com/tierlink.",
    err_address_refused: "Bu adres özel veya yerel bir ağda. Tierlink olayları yalnızca herkese açık adreslere gönderir.",
    err_events_required: "En az bir olay seçin.",
    err_limit_reached: "Kuruluşunuzun olabilecek en fazla uç noktası (20) var. Önce birini kaldırın.",
};
