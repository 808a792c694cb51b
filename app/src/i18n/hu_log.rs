//! Hungarian: the activity log's filters and export.

use super::log::LogStrings;

pub const LOG: LogStrings = LogStrings {
    filters: "A tevékenységnapló szűrése",
    kind: "Tevékenység típusa",
    any_kind: "Bármilyen típus",
    user: "Felhasználó",
    anyone: "Bárki",
    other: "Másik szervezet",
    other_hint: "A jogi neve vagy az MPN-azonosítója.",
    from: "Kezdete",
    to: "Vége",
    filter: "Szűrés",
    clear: "Szűrők törlése",
    export_csv: "Exportálás CSV-be",
    export_hint: "Pontosan a szűrők által mutatott bejegyzéseket tölti le egy CSV-fájlban, amelyet a táblázatkezelők minden betűvel helyesen nyitnak meg.",
    retention: "A bejegyzéseket addig őrizzük, ameddig ez a Tierlink-példány az adatait: az alkalmazás soha nem törli őket.",
    no_match: "Egyetlen bejegyzés sem felel meg ezeknek a szűrőknek.",
    invitation_filters: "A meghívók szűrése",
    any_state: "Bármilyen állapot",
    no_invitation_matches: "Egyetlen kérés sem felel meg ezeknek a szűrőknek.",
    err_choice_unknown: "Válasszon a felsorolt értékek közül.",
    err_date_format: "Adjon meg egy dátumot, például: 2026-12-04.",
    err_date_order: "A záró dátum a kezdő dátum előtt van.",
};
