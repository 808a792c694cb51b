//! `GET /events/notifications`: the bell's unread count as Server-Sent Events. The count is sent
//! at once, then again whenever it changes: at once when a notification for the user's
//! organization is announced ([`Services::announce`]), and at the latest on the next check (every
//! [`RECHECK`]), which also ends the stream when the session has ended. Shutdown ends every
//! stream, so that open pages never hold the server's graceful shutdown up.

use crate::services::{Services, notices};
use app::{api::RequestCtx, model::Actor};
use axum::{
    Extension,
    extract::State,
    response::{
        IntoResponse, Response,
        sse::{Event, KeepAlive, Sse},
    },
};
use futures_util::StreamExt;
use http::StatusCode;
use std::{convert::Infallible, time::Duration};
use tokio::sync::broadcast::error::RecvError;

/// How often an open stream checks the count and the session without being told.
pub const RECHECK: Duration = Duration::from_secs(15);

struct Stream {
    services: Services,
    actor: Actor,
    session_hash: String,
    heard: tokio::sync::broadcast::Receiver<app::model::OrgId>,
    closing: tokio::sync::watch::Receiver<bool>,
    sent: Option<u32>,
    /// When the session is checked next: kept across turns of the loop, so that announcements
    /// (of any organization) cannot put the check off for ever.
    recheck_at: tokio::time::Instant,
}

impl Stream {
    /// The next count to send, waiting until it differs from the last one sent; `None` ends the
    /// stream (shutdown, the session ended, the database failed).
    async fn next(&mut self) -> Option<u32> {
        loop {
            if self.sent.is_some() {
                tokio::select! {
                    heard = self.heard.recv() => match heard {
                        Ok(org) if org != self.actor.org_id => continue,
                        Ok(_) | Err(RecvError::Lagged(_)) => {}
                        Err(RecvError::Closed) => return None,
                    },
                    () = tokio::time::sleep_until(self.recheck_at) => {
                        self.recheck_at = tokio::time::Instant::now() + RECHECK;
                        if !super::session::still_live(&self.services, &self.session_hash).await {
                            return None;
                        }
                    }
                    // It only ever turns true (or its sender is gone): either way, stop.
                    _ = self.closing.changed() => return None,
                }
            }
            let count = match notices::unread_count(&self.services, &self.actor).await {
                Ok(n) => n,
                Err(_) => return None,
            };
            if self.sent != Some(count) {
                self.sent = Some(count);
                return Some(count);
            }
        }
    }
}

pub async fn notifications(
    State(services): State<Services>,
    Extension(ctx): Extension<RequestCtx>,
) -> Response {
    let (Some(actor), Some(session_hash)) = (ctx.actor, ctx.session_hash) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    if actor.must_change_password || *services.closing().borrow() {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let state = Stream {
        heard: services.announcements(),
        closing: services.closing(),
        services,
        actor,
        session_hash,
        sent: None,
        recheck_at: tokio::time::Instant::now() + RECHECK,
    };
    // Fused: a layer that polls once more after the end must not meet `unfold`'s panic.
    let stream = futures_util::stream::unfold(state, |mut s| async move {
        let count = s.next().await?;
        let event = Event::default().event("unread").data(count.to_string());
        Some((Ok::<_, Infallible>(event), s))
    })
    .fuse();
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(25)))
        .into_response()
}
