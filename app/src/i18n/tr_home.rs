//! Turkish: Home.

use super::Plural;
use super::home::HomeStrings;

pub const HOME: HomeStrings = HomeStrings {
    attention_title: "Dikkatinizi bekleyenler",
    calm: "Şu anda dikkatinizi bekleyen bir şey yok.",
    waiting: Plural {
        one: "Gönderdiğiniz {n} istek yanıt bekliyor.",
        few: "Gönderdiğiniz {n} istek yanıt bekliyor.",
        many: "Gönderdiğiniz {n} istek yanıt bekliyor.",
        other: "Gönderdiğiniz {n} istek yanıt bekliyor.",
    },
    expiring: Plural {
        one: "Bunlardan {n} tanesinin süresi 3 gün içinde doluyor: açık kalması gerekiyorsa yeniden oluşturun.",
        few: "Bunlardan {n} tanesinin süresi 3 gün içinde doluyor: açık kalması gerekenleri yeniden oluşturun.",
        many: "Bunlardan {n} tanesinin süresi 3 gün içinde doluyor: açık kalması gerekenleri yeniden oluşturun.",
        other: "Bunlardan {n} tanesinin süresi 3 gün içinde doluyor: açık kalması gerekenleri yeniden oluşturun.",
    },
    see_waiting: "Bekleyen istekleri göster",
    without_grant: Plural {
        one: "{n} müşteri size temsilci yönetici izinleri vermedi; bu nedenle kullanıcılarını ve lisanslarını yönetemezsiniz:",
        few: "{n} müşteri size temsilci yönetici izinleri vermedi; bu nedenle kullanıcılarını ve lisanslarını yönetemezsiniz:",
        many: "{n} müşteri size temsilci yönetici izinleri vermedi; bu nedenle kullanıcılarını ve lisanslarını yönetemezsiniz:",
        other: "{n} müşteri size temsilci yönetici izinleri vermedi; bu nedenle kullanıcılarını ve lisanslarını yönetemezsiniz:",
    },
    and_more: "ve {n} müşteri daha",
    ask_grant: "Temsilci yönetici izinleri iste",
    to_answer: Plural {
        one: "Bir iş ortağından gelen {n} istek yanıtınızı bekliyor.",
        few: "İş ortaklarından gelen {n} istek yanıtınızı bekliyor.",
        many: "İş ortaklarından gelen {n} istek yanıtınızı bekliyor.",
        other: "İş ortaklarından gelen {n} istek yanıtınızı bekliyor.",
    },
    see_to_answer: "İstekleri aç",
    unread: Plural {
        one: "Okunmamış {n} bildiriminiz var.",
        few: "Okunmamış {n} bildiriminiz var.",
        many: "Okunmamış {n} bildiriminiz var.",
        other: "Okunmamış {n} bildiriminiz var.",
    },
    steps_title: "Sonraki adımlar",
    steps_lead: "Yeni bir kuruluş buradan başlar. Her adım tamamlandığında kaybolur.",
    step_partnership: "Dolaylı bir kurumsal bayiyle iş ortaklığı isteğinde bulunun: Tierlink bağlantıyı oluşturur, siz gönderirsiniz; kurumsal bayi kabul ettiğinde Dolaylı kurumsal bayiler altında görünür.",
    step_provider: "Dolaylı sağlayıcılarınızı dizinde bulun. Dolaylı sağlayıcı size bir iş ortaklığı isteği bağlantısı gönderir; kabul ettiğinizde o sağlayıcı aracılığıyla satış yaparsınız.",
    open_directory: "Dizini aç",
    step_customer: "İlk müşterinizi ekleyin veya mevcut bir müşteriden kurumsal bayi ilişkisi isteyin.",
    step_relationship: "İlk müşterinizden kurumsal bayi ilişkisi isteyin veya yeni müşterileri dolaylı sağlayıcılarınızdan biriyle birlikte davet edin.",
    step_users: "Birlikte çalıştığınız kişileri, her birine gereken rollerle ekleyin.",
    no_requests_where: "İstekleri şu sayfalardan oluşturabilirsiniz:",
};
