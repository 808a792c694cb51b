//! `GET /activity/export.csv?kind=…`: the activity log's filtered entries as CSV (RFC 4180),
//! UTF-8 with a byte-order mark so that spreadsheet programs read every letter, streamed a batch
//! at a time from the database (constant memory, however many entries). Cells that a spreadsheet
//! would read as a formula are neutralised (OWASP "CSV Injection").

use crate::{
    db,
    services::{Services, activity},
};
use app::{
    api::RequestCtx,
    model::{ActivityFilter, Actor, AppError},
};
use axum::{
    Extension,
    body::{Body, Bytes},
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use futures_util::StreamExt;
use http::{StatusCode, header};
use std::convert::Infallible;

/// Entries read per batch (each batch is one keyset page).
const BATCH: i64 = 2_000;

const HEADER: &str = "at_utc,time_zone,at_local,user,kind,kind_text,organization,details\r\n";

/// One cell: quoted when it holds a comma, a quote or a line break (quotes doubled); a cell that
/// begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that no
/// spreadsheet evaluates it.
pub fn cell(value: &str, out: &mut String) {
    let risky = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = risky || value.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if risky {
        out.push('\'');
    }
    for c in value.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// One line of the file.
fn line(out: &mut String, cells: &[&str]) {
    for (i, value) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        cell(value, out);
    }
    out.push_str("\r\n");
}

/// ISO 8601 in UTC and in the reader's zone: `2026-12-04T03:42:00.123Z`,
/// `2026-12-04T06:42:00.123+03:00`.
fn times(ms: i64, tz: &jiff::tz::TimeZone) -> (String, String) {
    let ts = jiff::Timestamp::from_millisecond(ms).unwrap_or_default();
    (
        ts.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        ts.to_zoned(tz.clone())
            .strftime("%Y-%m-%dT%H:%M:%S%.3f%:z")
            .to_string(),
    )
}

struct Export {
    services: Services,
    actor: Actor,
    checked: activity::Checked,
    tz: jiff::tz::TimeZone,
    /// The (at, id) of the last entry written; `None` before the first batch.
    after: Option<(i64, String)>,
    started: bool,
    done: bool,
}

impl Export {
    /// The next piece of the file: the header first, then a batch of lines; `None` at the end.
    async fn next(&mut self) -> Option<String> {
        if !self.started {
            self.started = true;
            return Some(format!("\u{feff}{HEADER}"));
        }
        if self.done {
            return None;
        }
        let before = self.after.as_ref().map(|(at, id)| (*at, id.as_str()));
        let rows = match db::activity::page(
            self.services.pool(),
            self.actor.org_id,
            &self.checked.as_db(),
            before,
            BATCH,
        )
        .await
        {
            Ok(rows) => rows,
            Err(e) => {
                // The file ends early; the log says why (the status line has long been sent).
                tracing::error!(error = %e, "exporting activity failed");
                return None;
            }
        };
        if rows.len() < usize::try_from(BATCH).unwrap_or(usize::MAX) {
            self.done = true;
        }
        let t = self.actor.locale.strings();
        let mut out = String::with_capacity(rows.len() * 160);
        for r in &rows {
            let (utc, local) = times(r.at, &self.tz);
            line(
                &mut out,
                &[
                    &utc,
                    &self.actor.time_zone,
                    &local,
                    &r.actor_name,
                    &r.action,
                    t.activity_action(&r.action),
                    &self.actor.org_name,
                    &r.subject,
                ],
            );
        }
        if let Some(last) = rows.last() {
            self.after = Some((last.at, last.id.clone()));
        }
        if rows.is_empty() { None } else { Some(out) }
    }
}

pub async fn activity_csv(
    State(services): State<Services>,
    Extension(ctx): Extension<RequestCtx>,
    Query(filter): Query<ActivityFilter>,
) -> Response {
    let refuse = |e: &AppError| {
        let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
        let t = ctx.locale.strings();
        (status, t.error(e)).into_response()
    };
    let actor = match ctx.actor() {
        Ok(a) => a.clone(),
        Err(e) => return refuse(&e),
    };
    let checked = match activity::reader_filter(&services, &actor, &filter).await {
        Ok((_, checked)) => checked,
        Err(e) => return refuse(&e),
    };
    let today = crate::services::time_fmt::format_date(services.now_ms(), &actor.time_zone);
    let state = Export {
        tz: crate::services::time_fmt::zone_or_utc(&actor.time_zone),
        services,
        actor,
        checked,
        after: None,
        started: false,
        done: false,
    };
    // Fused: the compression layer polls once more after the end, which `unfold` forbids.
    let stream = futures_util::stream::unfold(state, |mut s| async move {
        let piece = s.next().await?;
        Some((Ok::<_, Infallible>(Bytes::from(piece)), s))
    })
    .fuse();
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"activity-{today}.csv\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::{cell, line, times};

    fn one(v: &str) -> String {
        let mut s = String::new();
        cell(v, &mut s);
        s
    }

    #[test]
    fn cells_are_quoted_as_rfc_4180_says() {
        assert_eq!(one("plain"), "plain");
        assert_eq!(one("Kovács, Anna"), "\"Kovács, Anna\"");
        assert_eq!(one("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(one("two\nlines"), "\"two\nlines\"");
        assert_eq!(one("ТОО «Северное Облако»"), "ТОО «Северное Облако»");
    }

    #[test]
    fn formulas_are_neutralised() {
        for risky in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            let out = one(risky);
            assert!(out.starts_with("\"'"), "{risky:?} became {out:?}");
        }
        assert_eq!(one("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(one("a=b"), "a=b", "only a leading sign is a formula");
    }

    #[test]
    fn times_are_iso_8601_in_utc_and_in_the_readers_zone() {
        let tz = jiff::tz::TimeZone::get("Europe/Istanbul").unwrap();
        assert_eq!(
            times(1_796_355_720_123, &tz),
            (
                "2026-12-04T03:42:00.123Z".to_owned(),
                "2026-12-04T06:42:00.123+03:00".to_owned()
            )
        );
    }

    #[test]
    fn a_line_ends_in_crlf() {
        let mut s = String::new();
        line(&mut s, &["a", "b,c", ""]);
        assert_eq!(s, "a,\"b,c\",\r\n");
    }
}
