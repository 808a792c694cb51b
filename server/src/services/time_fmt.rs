//! Times are UTC in the database and shown in the viewer's time zone, rendered on the server so
//! that the server-rendered page and the hydrated one read the same.

use app::model::{Actor, Locale};
use jiff::{Timestamp, tz::TimeZone};

/// Who reads the times: their zone (looked up once for a list) and their language's convention.
pub struct Viewer {
    tz: TimeZone,
    locale: Locale,
    /// A program reads (the API): RFC 3339 in UTC, whatever the zone and language.
    machine: bool,
}

impl Viewer {
    pub fn new(zone: &str, locale: Locale) -> Self {
        Viewer {
            tz: zone_or_utc(zone),
            locale,
            machine: false,
        }
    }

    /// The signed-in actor, in their zone and this request's language; an API token's calls
    /// get machine times.
    pub fn of(actor: &Actor) -> Self {
        Viewer {
            machine: actor.api_token.is_some(),
            ..Viewer::new(&actor.time_zone, actor.locale)
        }
    }

    /// The date in the zone: `2026-12-04`, `04.12.2026`, `2026. 12. 04.`.
    /// (Called for every row of a list: no `Zoned` and no strftime pattern to parse.)
    pub fn date(&self, ms: i64) -> String {
        match Timestamp::from_millisecond(ms) {
            Ok(ts) if self.machine => ts.to_zoned(TimeZone::UTC).date().to_string(),
            Ok(ts) => {
                let d = self.tz.to_datetime(ts).date();
                self.locale.date(d.year(), d.month(), d.day())
            }
            Err(_) => String::new(),
        }
    }

    /// The date and time in the zone: `2026-11-20 23:15 CET`, `20.11.2026 23:15 CET`.
    pub fn date_time(&self, ms: i64) -> String {
        match Timestamp::from_millisecond(ms) {
            Ok(ts) if self.machine => ts.round(jiff::Unit::Second).unwrap_or(ts).to_string(),
            Ok(ts) => {
                let z = ts.to_zoned(self.tz.clone());
                let d = z.date();
                format!(
                    "{} {}",
                    self.locale.date(d.year(), d.month(), d.day()),
                    z.strftime("%H:%M %Z")
                )
            }
            Err(_) => String::new(),
        }
    }
}

/// Whether the zone exists in the time zone database.
pub fn zone_exists(name: &str) -> bool {
    TimeZone::get(name).is_ok()
}

/// `2026-11-20 23:15 CET`; an unknown zone falls back to UTC.
pub fn format_ms(ms: i64, zone: &str) -> String {
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    match Timestamp::from_millisecond(ms) {
        Ok(ts) => ts.to_zoned(tz).strftime("%Y-%m-%d %H:%M %Z").to_string(),
        Err(_) => String::new(),
    }
}

/// `2026-12-04`, the date in the zone.
pub fn format_date(ms: i64, zone: &str) -> String {
    format_date_in(ms, &zone_or_utc(zone))
}

/// The zone by name, or UTC; looked up once for a list of dates.
pub fn zone_or_utc(zone: &str) -> TimeZone {
    TimeZone::get(zone).unwrap_or(TimeZone::UTC)
}

/// `2026-12-04`, the date in a zone already looked up.
/// (Called for every row of a list: no `Zoned` and no strftime pattern to parse.)
pub fn format_date_in(ms: i64, tz: &TimeZone) -> String {
    match Timestamp::from_millisecond(ms) {
        Ok(ts) => {
            let d = tz.to_datetime(ts).date();
            format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
        }
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_the_zone() {
        // 2026-01-15 12:00 UTC
        let ms = 1_768_478_400_000;
        assert_eq!(format_ms(ms, "UTC"), "2026-01-15 12:00 UTC");
        assert_eq!(format_ms(ms, "Europe/Budapest"), "2026-01-15 13:00 CET");
        assert_eq!(format_ms(ms, "Nowhere/Atlantis"), "2026-01-15 12:00 UTC");
        assert!(zone_exists("Europe/Istanbul"));
        assert!(!zone_exists("Europe/Atlantis"));
    }

    #[test]
    fn dates_fall_on_the_zones_day() {
        // 2026-01-15 23:30 UTC is already the 16th in Budapest, still the 15th in New York.
        let ms = 1_768_519_800_000;
        assert_eq!(format_date_in(ms, &zone_or_utc("UTC")), "2026-01-15");
        assert_eq!(
            format_date_in(ms, &zone_or_utc("Europe/Budapest")),
            "2026-01-16"
        );
        assert_eq!(
            format_date_in(ms, &zone_or_utc("America/New_York")),
            "2026-01-15"
        );
        assert_eq!(format_date_in(0, &zone_or_utc("UTC")), "1970-01-01");
        assert_eq!(format_date_in(i64::MAX, &zone_or_utc("UTC")), "");
    }
}
