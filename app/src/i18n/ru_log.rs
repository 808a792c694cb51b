//! Russian: the activity log's filters and export.

use super::log::LogStrings;

pub const LOG: LogStrings = LogStrings {
    filters: "Фильтр журнала действий",
    kind: "Вид действия",
    any_kind: "Любой вид",
    user: "Пользователь",
    anyone: "Любой",
    other: "Другая организация",
    other_hint: "Ее юридическое название или MPN ID.",
    from: "С",
    to: "По",
    filter: "Применить фильтр",
    clear: "Сбросить фильтры",
    export_csv: "Экспорт в CSV",
    export_hint: "Скачивает ровно те записи, которые показывают эти фильтры, в виде CSV-файла, который программы электронных таблиц открывают без искажения букв.",
    retention: "Записи хранятся, пока этот экземпляр Tierlink хранит свои данные: приложение никогда их не удаляет.",
    no_match: "Нет записей, соответствующих этим фильтрам.",
    invitation_filters: "Фильтр приглашений",
    any_state: "Любое состояние",
    no_invitation_matches: "Нет запросов, соответствующих этим фильтрам.",
    err_choice_unknown: "Выберите одно из перечисленных значений.",
    err_date_format: "Введите дату в формате 2026-12-04.",
    err_date_order: "Дата окончания раньше даты начала.",
};
