//! The activity log, newest first, keyset-paged and filtered (kind, user, other organization,
//! dates); the same filter drives the CSV export (`http::export`), so the file holds exactly the
//! entries the page shows.

use super::{Services, fault::OrInternal, require, time_fmt};
use crate::db;
use app::{
    api::{RequestCtx, activity::ActivityPort},
    model::{
        Action, ActivityEntry, ActivityFilter, ActivityPage, Actor, AppError, ErrorCode,
        FieldError, OrgId, UserId, activity::Activity as Kind, validate::search_text,
    },
};

pub struct Activity(pub Services);

/// A cursor is `<at>_<id>` of the last entry shown.
pub fn parse_cursor(s: &str) -> Option<(i64, &str)> {
    let (at, id) = s.split_once('_')?;
    let at = at.parse().ok()?;
    (id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')).then_some((at, id))
}

/// A filter checked against the organization: every field that filters, as the database reads
/// it (the dates as UTC milliseconds, `to` exclusive: the day after the last day, at midnight in
/// the reader's zone).
#[derive(Default)]
pub struct Checked {
    action: Option<&'static str>,
    user: Option<UserId>,
    subject: Option<String>,
    from: Option<i64>,
    to: Option<i64>,
}

impl Checked {
    pub fn as_db(&self) -> db::activity::Filter<'_> {
        db::activity::Filter {
            action: self.action,
            user: self.user,
            subject: self.subject.as_deref(),
            from: self.from,
            to: self.to,
        }
    }
}

/// The organization's users, by name (the filter's choices).
async fn users(svc: &Services, org: OrgId) -> Result<Vec<(UserId, String)>, AppError> {
    let mut users: Vec<(UserId, String)> = db::users::list_in_org(svc.pool(), org)
        .await
        .or_internal("listing users")?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    users.dedup_by_key(|u| u.0);
    Ok(users)
}

/// A date of the filter: the UTC milliseconds of its midnight in `zone` (`next`: of the next
/// day's, for the exclusive end of a range).
fn day_start(raw: &str, zone: &str, next: bool) -> Result<i64, ErrorCode> {
    // Exactly what a date input sends; jiff alone would also take a date and time.
    let shaped = raw.len() == 10
        && raw.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(ErrorCode::DateFormat);
    }
    let date: jiff::civil::Date = raw.parse().map_err(|_| ErrorCode::DateFormat)?;
    let date = if next {
        date.tomorrow().map_err(|_| ErrorCode::DateFormat)?
    } else {
        date
    };
    date.to_zoned(time_fmt::zone_or_utc(zone))
        .map(|z| z.timestamp().as_millisecond())
        .map_err(|_| ErrorCode::DateFormat)
}

/// Checks every field of the filter at once: the problems are answered at their fields.
pub async fn check_filter(
    svc: &Services,
    actor: &Actor,
    f: &ActivityFilter,
    users_of_org: &[(UserId, String)],
) -> Result<Checked, AppError> {
    let mut errors = Vec::new();
    let mut checked = Checked::default();
    let kind = f.kind.trim();
    if !kind.is_empty() {
        checked.action = Kind::ALL.iter().map(|a| a.code()).find(|c| *c == kind);
        if checked.action.is_none() {
            errors.push(FieldError::new("kind", ErrorCode::ChoiceUnknown));
        }
    }
    let user = f.user.trim();
    if !user.is_empty() {
        checked.user = user
            .parse::<UserId>()
            .ok()
            .filter(|id| users_of_org.iter().any(|(u, _)| u == id));
        if checked.user.is_none() {
            errors.push(FieldError::new("user", ErrorCode::ChoiceUnknown));
        }
    }
    if let Some(other) = search_text(&f.other) {
        // An MPN ID names the organization whose legal name the entries carry.
        checked.subject = if other.bytes().all(|b| b.is_ascii_digit()) {
            match db::orgs::by_mpn_id(svc.pool(), &other)
                .await
                .or_internal("reading an organization")?
            {
                Some((_, name, _)) => Some(name),
                None => {
                    errors.push(FieldError::new("other", ErrorCode::ChoiceUnknown));
                    None
                }
            }
        } else {
            Some(other)
        };
    }
    let from = f.from.trim();
    if !from.is_empty() {
        checked.from = FieldError::collect(
            &mut errors,
            "from",
            day_start(from, &actor.time_zone, false),
        );
    }
    let to = f.to.trim();
    if !to.is_empty() {
        checked.to = FieldError::collect(&mut errors, "to", day_start(to, &actor.time_zone, true));
    }
    if let (Some(from), Some(to)) = (checked.from, checked.to)
        && to <= from
    {
        errors.push(FieldError::new("to", ErrorCode::DateOrder));
    }
    AppError::from_fields(errors)?;
    Ok(checked)
}

/// The filter of a request by a reader of the log: its organization's users and the checked
/// filter.
pub async fn reader_filter(
    svc: &Services,
    actor: &Actor,
    f: &ActivityFilter,
) -> Result<(Vec<(UserId, String)>, Checked), AppError> {
    require(actor, Action::ViewOrganization)?;
    let users = users(svc, actor.org_id).await?;
    let checked = check_filter(svc, actor, f, &users).await?;
    Ok((users, checked))
}

#[async_trait::async_trait]
impl ActivityPort for Activity {
    async fn page(
        &self,
        ctx: &RequestCtx,
        filter: ActivityFilter,
        before: Option<String>,
        limit: u32,
    ) -> Result<ActivityPage, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewOrganization)?;
        let users = users(&self.0, actor.org_id).await?;
        let checked = match check_filter(&self.0, actor, &filter, &users).await {
            Ok(checked) => checked,
            Err(AppError::Invalid(problems)) => {
                return Ok(ActivityPage {
                    users,
                    problems,
                    ..ActivityPage::default()
                });
            }
            Err(e) => return Err(e),
        };
        let before = match before.as_deref().filter(|s| !s.is_empty()) {
            Some(raw) => Some(parse_cursor(raw).ok_or(AppError::BadRequest)?),
            None => None,
        };
        let limit = limit.clamp(1, 200);
        let mut rows = db::activity::page(
            self.0.pool(),
            actor.org_id,
            &checked.as_db(),
            before,
            i64::from(limit) + 1,
        )
        .await
        .or_internal("reading activity")?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next = more
            .then(|| rows.last().map(|r| format!("{}_{}", r.at, r.id)))
            .flatten();
        let tz = time_fmt::Viewer::of(actor);
        Ok(ActivityPage {
            entries: rows
                .into_iter()
                .map(|r| ActivityEntry {
                    at: tz.date_time(r.at),
                    id: r.id,
                    actor: r.actor_name,
                    action: r.action,
                    subject: r.subject,
                })
                .collect(),
            next,
            users,
            problems: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{day_start, parse_cursor};
    use app::model::ErrorCode;

    #[test]
    fn cursors() {
        let id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        assert_eq!(
            parse_cursor(&format!("1700000000000_{id}")),
            Some((1_700_000_000_000, id))
        );
        assert_eq!(parse_cursor("abc_def"), None);
        assert_eq!(parse_cursor("1_' OR 1=1 --"), None);
        assert_eq!(parse_cursor(""), None);
    }

    #[test]
    fn dates_are_midnights_in_the_readers_zone() {
        // 2026-12-04 00:00 in Istanbul (UTC+3) is 2026-12-03 21:00 UTC.
        assert_eq!(
            day_start("2026-12-04", "Europe/Istanbul", false),
            Ok(1_796_331_600_000)
        );
        assert_eq!(
            day_start("2026-12-04", "UTC", true),
            Ok(1_796_428_800_000),
            "the end of a range is the next midnight"
        );
        for bad in [
            "04.12.2026",
            "2026-13-01",
            "2026-02-30",
            "tomorrow",
            "2026-12-04T00:00",
        ] {
            assert_eq!(
                day_start(bad, "UTC", false),
                Err(ErrorCode::DateFormat),
                "{bad}"
            );
        }
    }
}
