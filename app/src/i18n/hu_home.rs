//! Hungarian: Home.

use super::Plural;
use super::home::HomeStrings;

pub const HOME: HomeStrings = HomeStrings {
    attention_title: "Figyelmet igényel",
    calm: "Most semmi sem igényli a figyelmét.",
    waiting: Plural {
        one: "{n} elküldött kérése válaszra vár.",
        few: "{n} elküldött kérése válaszra vár.",
        many: "{n} elküldött kérése válaszra vár.",
        other: "{n} elküldött kérése válaszra vár.",
    },
    expiring: Plural {
        one: "Közülük {n} a következő 3 napban lejár: állítsa ki újra, ha nyitva kell maradnia.",
        few: "Közülük {n} a következő 3 napban lejár: állítsa ki újra azokat, amelyeknek nyitva kell maradniuk.",
        many: "Közülük {n} a következő 3 napban lejár: állítsa ki újra azokat, amelyeknek nyitva kell maradniuk.",
        other: "Közülük {n} a következő 3 napban lejár: állítsa ki újra azokat, amelyeknek nyitva kell maradniuk.",
    },
    see_waiting: "Függőben lévő kérések megtekintése",
    without_grant: Plural {
        one: "{n} ügyfél nem adott Önnek delegált rendszergazdai jogosultságokat, ezért nem kezelheti a felhasználóit és licenceit:",
        few: "{n} ügyfél nem adott Önnek delegált rendszergazdai jogosultságokat, ezért nem kezelheti a felhasználóikat és licenceiket:",
        many: "{n} ügyfél nem adott Önnek delegált rendszergazdai jogosultságokat, ezért nem kezelheti a felhasználóikat és licenceiket:",
        other: "{n} ügyfél nem adott Önnek delegált rendszergazdai jogosultságokat, ezért nem kezelheti a felhasználóikat és licenceiket:",
    },
    and_more: "és még {n}",
    ask_grant: "Delegált rendszergazdai jogosultságok kérése",
    to_answer: Plural {
        one: "{n} partnerkérés vár az Ön válaszára.",
        few: "{n} partnerkérés vár az Ön válaszára.",
        many: "{n} partnerkérés vár az Ön válaszára.",
        other: "{n} partnerkérés vár az Ön válaszára.",
    },
    see_to_answer: "Kérések megnyitása",
    unread: Plural {
        one: "{n} olvasatlan értesítése van.",
        few: "{n} olvasatlan értesítése van.",
        many: "{n} olvasatlan értesítése van.",
        other: "{n} olvasatlan értesítése van.",
    },
    steps_title: "Következő lépések",
    steps_lead: "Egy új szervezet itt kezdi. Minden lépés eltűnik, amint elvégezte.",
    step_partnership: "Kérjen partnerséget egy közvetett viszonteladótól: a Tierlink elkészíti a hivatkozást, Ön elküldi, és a viszonteladó megjelenik a Közvetett viszonteladók között, amint elfogadja.",
    step_provider: "Keresse meg közvetett szolgáltatóit a szolgáltatójegyzékben. A közvetett szolgáltató partnerségi kérés hivatkozását küldi el Önnek; ha elfogadja, azon a szolgáltatón keresztül értékesít.",
    open_directory: "Szolgáltatójegyzék megnyitása",
    step_customer: "Adja hozzá első ügyfelét, vagy kérjen viszonteladói kapcsolatot egy meglévő ügyfelétől.",
    step_relationship: "Kérjen viszonteladói kapcsolatot első ügyfelétől, vagy hívjon meg új ügyfeleket valamelyik közvetett szolgáltatójával közösen.",
    step_users: "Adja hozzá a munkatársait, mindegyiket a szükséges szerepkörökkel.",
    no_requests_where: "Kéréseket ezeken az oldalakon hozhat létre:",
};
