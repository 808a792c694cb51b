//! Validated inputs. Each `parse` trims what a person would not mean to type and refuses the rest
//! with an [`ErrorCode`]; the server parses every input again, whatever the page checked.

use super::{ErrorCode, countries};
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! text_type {
    ($name:ident) => {
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_type!(MpnId);
text_type!(CountryCode);
text_type!(Email);
text_type!(PersonName);
text_type!(LegalName);
text_type!(TimeZoneName);
text_type!(DomainPrefix);

/// A password as typed; never printed.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Password(String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

impl DomainPrefix {
    pub const MAX_CHARS: usize = 27;

    /// The first label of a customer's primary domain: 3 to 27 letters, digits or hyphens, not
    /// starting or ending with a hyphen; upper case is accepted and lower-cased.
    pub fn parse(s: &str) -> Result<Self, ErrorCode> {
        let s = s.trim().to_ascii_lowercase();
        if s.is_empty() {
            return Err(ErrorCode::Required);
        }
        let shape_ok = (3..=Self::MAX_CHARS).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-');
        if shape_ok {
            Ok(Self(s))
        } else {
            Err(ErrorCode::DomainFormat)
        }
    }

    /// The whole primary domain under the instance's tenant suffix.
    pub fn domain(&self, suffix: &str) -> String {
        format!("{}.{suffix}", self.0)
    }
}

impl MpnId {
    /// The ID of the Partner Location Account: 6 to 10 digits.
    pub fn parse(s: &str) -> Result<Self, ErrorCode> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ErrorCode::Required);
        }
        if (6..=10).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(s.to_owned()))
        } else {
            Err(ErrorCode::MpnIdFormat)
        }
    }
}

impl CountryCode {
    /// An assigned ISO 3166-1 alpha-2 code; lower case is accepted and upper-cased.
    pub fn parse(s: &str) -> Result<Self, ErrorCode> {
        let s = s.trim().to_ascii_uppercase();
        if s.is_empty() {
            return Err(ErrorCode::Required);
        }
        if countries::is_assigned(&s) {
            Ok(Self(s))
        } else {
            Err(ErrorCode::CountryUnknown)
        }
    }
}

/// The most characters a search box takes (its `maxlength`); the server cuts what is longer.
pub const SEARCH_MAX_CHARS: usize = 100;

/// A search as typed: trimmed, at most [`SEARCH_MAX_CHARS`] characters, `None` when empty. A
/// search is never refused: a longer one (only a script sends it) is cut, where it used to reach
/// the database whole and fail there.
pub fn search_text(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.chars().take(SEARCH_MAX_CHARS).collect())
}

impl Email {
    /// A deliverable-looking address, lower-cased so that it is unique whatever its case.
    pub fn parse(s: &str) -> Result<Self, ErrorCode> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ErrorCode::Required);
        }
        if s.len() > 254 {
            return Err(ErrorCode::TooLong);
        }
        let Some((local, domain)) = s.split_once('@') else {
            return Err(ErrorCode::EmailFormat);
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "<>(),;:\"[]\\@".contains(c));
        if domain_ok && local_ok {
            Ok(Self(s.to_lowercase()))
        } else {
            Err(ErrorCode::EmailFormat)
        }
    }
}

impl Password {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 128;

    /// Length is the rule (NIST SP 800-63B): at least 10 characters, at most 128.
    pub fn parse(s: &str) -> Result<Self, ErrorCode> {
        let n = s.chars().count();
        if n == 0 {
            Err(ErrorCode::Required)
        } else if n < Self::MIN_CHARS {
            Err(ErrorCode::PasswordTooShort)
        } else if n > Self::MAX_CHARS {
            Err(ErrorCode::PasswordTooLong)
        } else {
            Ok(Self(s.to_owned()))
        }
    }

    /// Like `parse`, and also refuses the account's own email address as a password.
    pub fn parse_for(s: &str, email: Option<&Email>) -> Result<Self, ErrorCode> {
        let p = Self::parse(s)?;
        match email {
            Some(e) if p.0.trim().eq_ignore_ascii_case(e.as_str()) => {
                Err(ErrorCode::PasswordIsEmail)
            }
            _ => Ok(p),
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Required text of at most `max` characters, trimmed, without control characters: every
/// free-text field (names, address lines) goes through here.
pub fn text(s: &str, max: usize) -> Result<String, ErrorCode> {
    bounded(s, max, false)
}

/// The same, where line breaks are allowed (a description).
pub fn multiline_text(s: &str, max: usize) -> Result<String, ErrorCode> {
    bounded(s, max, true)
}

fn bounded(s: &str, max: usize, multiline: bool) -> Result<String, ErrorCode> {
    let s = s.trim();
    let bad = |c: char| c.is_control() && !(multiline && (c == '\n' || c == '\r'));
    if s.is_empty() {
        Err(ErrorCode::Required)
    } else if s.chars().count() > max || s.chars().any(bad) {
        Err(ErrorCode::TooLong)
    } else {
        Ok(s.to_owned())
    }
}

/// A telephone number as people write it: digits with spaces, `+`, `-`, `(`, `)`, `.`; 6 to 15
/// digits.
pub fn phone(s: &str) -> Result<String, ErrorCode> {
    let s = text(s, 30)?;
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    if (6..=15).contains(&digits)
        && s.chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        Ok(s)
    } else {
        Err(ErrorCode::PhoneFormat)
    }
}

impl PersonName {
    pub fn parse(s: &str) -> Result<Self, ErrorCode> {
        text(s, 100).map(Self)
    }
}

impl LegalName {
    pub fn parse(s: &str) -> Result<Self, ErrorCode> {
        text(s, 200).map(Self)
    }
}

impl TimeZoneName {
    /// The shape of an IANA zone name (`Europe/Istanbul`, `UTC`); the server checks that the zone
    /// exists in its time zone database.
    pub fn parse(s: &str) -> Result<Self, ErrorCode> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ErrorCode::Required);
        }
        let shape_ok = s.len() <= 64
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c));
        if shape_ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(ErrorCode::TimeZoneUnknown)
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn texts_and_phones() {
        assert_eq!(text("  Váci út 1 ", 200).as_deref(), Ok("Váci út 1"));
        assert_eq!(text(" ", 10), Err(ErrorCode::Required));
        assert_eq!(text("a\nb", 10), Err(ErrorCode::TooLong));
        assert_eq!(multiline_text("a\nb", 10).as_deref(), Ok("a\nb"));
        assert_eq!(text(&"é".repeat(11), 10), Err(ErrorCode::TooLong));
        assert_eq!(phone("+36 (1) 234-5678").as_deref(), Ok("+36 (1) 234-5678"));
        assert_eq!(phone("12345"), Err(ErrorCode::PhoneFormat));
        assert_eq!(phone("+36 1 234 567 x"), Err(ErrorCode::PhoneFormat));
    }

    #[test]
    fn searches_are_trimmed_and_cut() {
        assert_eq!(search_text("  "), None);
        assert_eq!(search_text(" Adatum ").as_deref(), Some("Adatum"));
        let long = "ő".repeat(50_000);
        assert_eq!(search_text(&long).map(|s| s.chars().count()), Some(100));
    }

    #[test]
    fn domain_prefixes() {
        assert_eq!(
            DomainPrefix::parse(" Adatum-HU ").map(|d| d.domain("tierlink.test")),
            Ok("adatum-hu.tierlink.test".into())
        );
        assert_eq!(DomainPrefix::parse(""), Err(ErrorCode::Required));
        for bad in [
            "ab",
            "-adatum",
            "adatum-",
            "ada tum",
            "adatum.hu",
            "ádatum",
            &"a".repeat(28),
        ] {
            assert_eq!(
                DomainPrefix::parse(bad),
                Err(ErrorCode::DomainFormat),
                "{bad}"
            );
        }
        assert!(DomainPrefix::parse(&"a".repeat(27)).is_ok());
    }

    use super::*;

    #[test]
    fn mpn_id_is_six_to_ten_digits() {
        assert_eq!(MpnId::parse(" 123456 ").map(|m| m.0), Ok("123456".into()));
        assert!(MpnId::parse("1234567890").is_ok());
        assert_eq!(MpnId::parse("12345"), Err(ErrorCode::MpnIdFormat));
        assert_eq!(MpnId::parse("12345678901"), Err(ErrorCode::MpnIdFormat));
        assert_eq!(MpnId::parse("12345a"), Err(ErrorCode::MpnIdFormat));
        assert_eq!(
            MpnId::parse("١٢٣٤٥٦"),
            Err(ErrorCode::MpnIdFormat),
            "non-ASCII digits"
        );
        assert_eq!(MpnId::parse(""), Err(ErrorCode::Required));
    }

    #[test]
    fn country_is_an_assigned_iso_code() {
        assert_eq!(CountryCode::parse("tr").map(|c| c.0), Ok("TR".into()));
        assert_eq!(
            countries::name("HU", crate::model::Locale::Hu),
            Some("Magyarország")
        );
        assert_eq!(CountryCode::parse("XX"), Err(ErrorCode::CountryUnknown));
        assert_eq!(CountryCode::parse("TUR"), Err(ErrorCode::CountryUnknown));
        assert_eq!(CountryCode::parse(" "), Err(ErrorCode::Required));
        assert_eq!(countries::CODES.len(), 249);
    }

    #[test]
    fn email_is_lower_cased_and_checked() {
        assert_eq!(
            Email::parse(" Ayse@Example.COM ").map(|e| e.0),
            Ok("ayse@example.com".into())
        );
        assert!(Email::parse("a.b+c@sub.example.hu").is_ok());
        for bad in [
            "plain",
            "@example.com",
            "a@b",
            "a@.com",
            "a@b..com",
            "a b@c.com",
            "a@b.com.",
            "<a>@b.com",
        ] {
            assert_eq!(Email::parse(bad), Err(ErrorCode::EmailFormat), "{bad}");
        }
        assert_eq!(Email::parse(""), Err(ErrorCode::Required));
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(ErrorCode::TooLong));
    }

    #[test]
    fn password_rules() {
        assert_eq!(Password::parse("short"), Err(ErrorCode::PasswordTooShort));
        assert_eq!(Password::parse(""), Err(ErrorCode::Required));
        assert!(Password::parse("ten chars!").is_ok());
        assert!(
            Password::parse("çok güzel şifre").is_ok(),
            "counted in characters, not bytes"
        );
        assert_eq!(
            Password::parse(&"x".repeat(129)),
            Err(ErrorCode::PasswordTooLong)
        );
        let email = Email::parse("long.name@example.com").ok();
        assert_eq!(
            Password::parse_for("Long.Name@example.com", email.as_ref()),
            Err(ErrorCode::PasswordIsEmail)
        );
        assert_eq!(
            Password::parse("secret-secret").map(|p| format!("{p:?}")),
            Ok("Password(…)".into())
        );
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            PersonName::parse("  Ayşe Yılmaz ").map(|n| n.0),
            Ok("Ayşe Yılmaz".into())
        );
        assert_eq!(PersonName::parse("   "), Err(ErrorCode::Required));
        assert_eq!(LegalName::parse(&"a".repeat(201)), Err(ErrorCode::TooLong));
        assert_eq!(LegalName::parse("Evil\u{0}Corp"), Err(ErrorCode::TooLong));
    }

    #[test]
    fn time_zone_shape() {
        assert!(TimeZoneName::parse("Europe/Budapest").is_ok());
        assert!(TimeZoneName::parse("America/Argentina/Buenos_Aires").is_ok());
        assert!(TimeZoneName::parse("Etc/GMT+3").is_ok());
        assert_eq!(
            TimeZoneName::parse("../etc/passwd"),
            Err(ErrorCode::TimeZoneUnknown)
        );
    }
}
