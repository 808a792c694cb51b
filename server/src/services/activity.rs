//! The activity log, newest first, keyset-paged.

use super::{Services, fault::OrInternal, require, time_fmt};
use crate::db;
use app::{
    api::{RequestCtx, activity::ActivityPort},
    model::{Action, ActivityEntry, ActivityPage, AppError},
};

pub struct Activity(pub Services);

/// A cursor is `<at>_<id>` of the last entry shown.
fn parse_cursor(s: &str) -> Option<(i64, &str)> {
    let (at, id) = s.split_once('_')?;
    let at = at.parse().ok()?;
    (id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')).then_some((at, id))
}

#[async_trait::async_trait]
impl ActivityPort for Activity {
    async fn page(
        &self,
        ctx: &RequestCtx,
        before: Option<String>,
        limit: u32,
    ) -> Result<ActivityPage, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewOrganization)?;
        let before = match before.as_deref().filter(|s| !s.is_empty()) {
            Some(raw) => Some(parse_cursor(raw).ok_or(AppError::BadRequest)?),
            None => None,
        };
        let limit = limit.clamp(1, 200);
        let mut rows =
            db::activity::page(self.0.pool(), actor.org_id, before, i64::from(limit) + 1)
                .await
                .or_internal("reading activity")?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next = more
            .then(|| rows.last().map(|r| format!("{}_{}", r.at, r.id)))
            .flatten();
        Ok(ActivityPage {
            entries: rows
                .into_iter()
                .map(|r| ActivityEntry {
                    at: time_fmt::Viewer::of(actor).date_time(r.at),
                    id: r.id,
                    actor: r.actor_name,
                    action: r.action,
                    subject: r.subject,
                })
                .collect(),
            next,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::parse_cursor;

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
}
