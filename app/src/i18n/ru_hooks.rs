//! Russian: webhooks.

use super::hooks::HookStrings;

pub const HOOKS: HookStrings = HookStrings {
    menu: "Веб-хуки",
    title: "Веб-хуки",
    err_url_invalid: "Введите полный адрес, начинающийся с https://, например https://hooks.example.com/tierlink.",
    err_address_refused: "Этот адрес находится в частной или локальной сети. Tierlink отправляет события только на публичные адреса.",
    err_events_required: "Выберите хотя бы одно событие.",
    err_limit_reached: "У вашей организации уже 20 адресов — это максимум. Сначала удалите один.",
};
