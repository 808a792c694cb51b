//! The languages of the interface and the conventions that go with each: how a browser's
//! `Accept-Language` picks one, which plural category a count takes (CLDR's rules, through
//! `intl_pluralrules`), and how dates and numbers are written. The words themselves are in
//! [`crate::i18n`].

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    En,
    Tr,
    Hu,
    Ru,
}

/// The name of the cookie that remembers a visitor's explicit choice.
pub const COOKIE_NAME: &str = "tierlink_lang";

impl Locale {
    /// Every language, in the order the language switch lists them.
    pub const ALL: [Locale; 4] = [Locale::En, Locale::Tr, Locale::Hu, Locale::Ru];

    /// The BCP 47 tag (`<html lang>`, the cookie, the user's stored preference).
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Tr => "tr",
            Locale::Hu => "hu",
            Locale::Ru => "ru",
        }
    }

    /// The language's name in itself, as the language switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Tr => "Türkçe",
            Locale::Hu => "Magyar",
            Locale::Ru => "Русский",
        }
    }

    /// The language a tag names (`tr`, `TR-tr`, `hu-HU`): its primary subtag, case-insensitive.
    /// `None` for anything else, so an unknown or malformed value falls back to the next choice.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(primary))
    }

    /// The best language for an `Accept-Language` header: the highest quality among the tags we
    /// have (earlier wins a tie); `None` when nothing matches. Malformed entries are skipped.
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        let mut best: Option<(Locale, u16)> = None;
        for item in accept_language.split(',').take(32) {
            let mut parts = item.split(';');
            let Some(locale) = parts.next().and_then(Locale::from_tag) else {
                continue;
            };
            let mut quality = 1000;
            for param in parts {
                if let Some((key, value)) = param.split_once('=')
                    && key.trim().eq_ignore_ascii_case("q")
                {
                    quality = parse_quality(value.trim()).unwrap_or(0);
                }
            }
            if quality > 0 && best.is_none_or(|(_, q)| quality > q) {
                best = Some((locale, quality));
            }
        }
        best.map(|(l, _)| l)
    }

    /// The CLDR plural category of a count in this language.
    pub fn plural(self, n: u64) -> PluralCategory {
        static RULES: OnceLock<[Option<PluralRules>; 4]> = OnceLock::new();
        let rules = RULES.get_or_init(|| {
            Locale::ALL.map(|l| {
                l.tag()
                    .parse::<unic_langid::LanguageIdentifier>()
                    .ok()
                    .and_then(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok())
            })
        });
        rules[self as usize]
            .as_ref()
            .and_then(|r| r.select(n).ok())
            .unwrap_or(PluralCategory::OTHER)
    }

    /// A whole number with the language's thousands separator (`12,500`, `12.500`, `12 500`).
    pub fn number(self, n: i64) -> String {
        let sep = match self {
            Locale::En => ",",
            Locale::Tr => ".",
            // CLDR: a no-break space in Hungarian and Russian.
            Locale::Hu | Locale::Ru => "\u{a0}",
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + 8);
        if n < 0 {
            out.push('-');
        }
        // Hungarian and Russian group only from five digits up (CLDR's minimumGroupingDigits 2).
        let min = if matches!(self, Locale::Hu | Locale::Ru) {
            5
        } else {
            4
        };
        if digits.len() < min {
            out.push_str(&digits);
            return out;
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(c);
        }
        out
    }

    /// A calendar date: `2026-12-02`, `02.12.2026`, `2026. 12. 02.`, `02.12.2026`.
    pub fn date(self, year: i16, month: i8, day: i8) -> String {
        match self {
            Locale::En => format!("{year:04}-{month:02}-{day:02}"),
            Locale::Tr | Locale::Ru => format!("{day:02}.{month:02}.{year:04}"),
            Locale::Hu => format!("{year:04}. {month:02}. {day:02}."),
        }
    }
}

impl Locale {
    /// Whether the language writes a person's family name first (Hungarian: "Kovács Anna").
    pub fn family_name_first(self) -> bool {
        matches!(self, Locale::Hu)
    }

    /// A person's full name in the language's order.
    pub fn full_name(self, given: &str, family: &str) -> String {
        if self.family_name_first() {
            format!("{family} {given}")
        } else {
            format!("{given} {family}")
        }
    }

    /// Whether the language writes the street after the postal code and city (Hungarian,
    /// Russian), which is also the order its forms ask for them in.
    pub fn street_last(self) -> bool {
        matches!(self, Locale::Hu | Locale::Ru)
    }

    /// A postal address on one line, in the language's order: `Fő utca 1., 1051 Budapest` in
    /// English, `1051 Budapest, Fő utca 1.` in Hungarian, `123456, Москва, ул. Тверская, 1` in
    /// Russian.
    pub fn address(self, street: &str, postal_code: &str, city: &str) -> String {
        match self {
            Locale::En | Locale::Tr => format!("{street}, {postal_code} {city}"),
            Locale::Hu => format!("{postal_code} {city}, {street}"),
            Locale::Ru => format!("{postal_code}, {city}, {street}"),
        }
    }
}

/// `q=0.8` → 800; at most three decimals, between 0 and 1 (RFC 9110 §12.4.2).
fn parse_quality(s: &str) -> Option<u16> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u16 = match whole {
        "0" => 0,
        "1" => 1,
        _ => return None,
    };
    let mut frac_value: u16 = 0;
    for (i, b) in frac.bytes().enumerate() {
        frac_value += u16::from(b - b'0') * [100, 10, 1][i];
    }
    let q = whole * 1000 + frac_value;
    (q <= 1000).then_some(q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use PluralCategory::*;

    #[test]
    fn accept_language_picks_the_best_we_have() {
        assert_eq!(
            Locale::negotiate("tr-TR,tr;q=0.9,en;q=0.8"),
            Some(Locale::Tr)
        );
        assert_eq!(
            Locale::negotiate("de-DE,hu;q=0.7,en;q=0.3"),
            Some(Locale::Hu)
        );
        assert_eq!(Locale::negotiate("en;q=0.5, ru;q=0.9"), Some(Locale::Ru));
        assert_eq!(Locale::negotiate("ru;q=0, en"), Some(Locale::En));
        assert_eq!(Locale::negotiate("HU-hu"), Some(Locale::Hu));
        assert_eq!(Locale::negotiate("fr, de;q=0.5"), None);
        assert_eq!(Locale::negotiate("*"), None);
        // Malformed: skipped or nothing, never a panic.
        for bad in [
            "",
            ";;;",
            "tr;q=abc",
            "tr;q=1.5",
            "q=0.5",
            ",,,",
            "tr;q=0.1234",
            "ру",
        ] {
            let _ = Locale::negotiate(bad);
        }
        assert_eq!(Locale::negotiate("tr;q=abc, hu;q=0.1"), Some(Locale::Hu));
        assert_eq!(Locale::negotiate("tr;q=1.5"), None);
    }

    #[test]
    fn tags_round_trip_and_unknown_ones_fall_through() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_tag(l.tag()), Some(l));
        }
        assert_eq!(Locale::from_tag("tr-TR"), Some(Locale::Tr));
        assert_eq!(Locale::from_tag("xx"), None);
        assert_eq!(Locale::from_tag(""), None);
        assert_eq!(Locale::from_tag("en-\u{0}"), Some(Locale::En));
    }

    #[test]
    fn russian_has_three_forms_for_whole_numbers() {
        let ru = |n| Locale::Ru.plural(n);
        assert_eq!(
            [0, 1, 2, 5, 11, 21, 22, 25].map(ru),
            [MANY, ONE, FEW, MANY, MANY, ONE, FEW, MANY]
        );
        assert_eq!(Locale::En.plural(1), ONE);
        assert_eq!(Locale::En.plural(21), OTHER);
        assert_eq!(Locale::Hu.plural(1), ONE);
        assert_eq!(Locale::Tr.plural(5), OTHER);
    }

    #[test]
    fn names_and_addresses_in_each_languages_order() {
        assert_eq!(Locale::Hu.full_name("Ödön", "Kőváry"), "Kőváry Ödön");
        assert_eq!(Locale::Tr.full_name("Ayşe", "Yılmaz"), "Ayşe Yılmaz");
        assert_eq!(Locale::Ru.full_name("Иван", "Петров"), "Иван Петров");
        assert_eq!(
            Locale::Hu.address("Fő utca 1.", "1051", "Budapest"),
            "1051 Budapest, Fő utca 1."
        );
        assert_eq!(
            Locale::En.address("Fő utca 1.", "1051", "Budapest"),
            "Fő utca 1., 1051 Budapest"
        );
        assert_eq!(
            Locale::Ru.address("ул. Тверская, 1", "125009", "Москва"),
            "125009, Москва, ул. Тверская, 1"
        );
    }

    #[test]
    fn dates_and_numbers_by_convention() {
        assert_eq!(Locale::En.date(2026, 12, 2), "2026-12-02");
        assert_eq!(Locale::Tr.date(2026, 12, 2), "02.12.2026");
        assert_eq!(Locale::Hu.date(2026, 12, 2), "2026. 12. 02.");
        assert_eq!(Locale::Ru.date(2026, 12, 2), "02.12.2026");
        assert_eq!(Locale::En.number(1_234_567), "1,234,567");
        assert_eq!(Locale::Tr.number(12_500), "12.500");
        assert_eq!(Locale::Hu.number(12_500), "12\u{a0}500");
        assert_eq!(Locale::Ru.number(1_500), "1500");
        assert_eq!(Locale::Ru.number(-25_000), "-25\u{a0}000");
        assert_eq!(Locale::En.number(999), "999");
    }
}
