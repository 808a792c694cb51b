//! One webhook endpoint's delivery log (issue 22): its newest deliveries with their state,
//! attempts and the receiver's answer, each with **Redeliver**.

use super::webhooks::event_label;
use crate::{
    api::webhooks::{RedeliverWebhook, list_webhook_deliveries},
    components::{DataTable, ErrorAlert, FormAlert, Notice},
    i18n::{Fill, Strings, use_t},
    model::{AttemptFailure, DeliveryRow, DeliveryState},
};
use leptos::prelude::*;

fn failure_text(t: &'static Strings, f: AttemptFailure) -> &'static str {
    match f {
        AttemptFailure::Status => t.hooks.failure_status,
        AttemptFailure::Timeout => t.hooks.failure_timeout,
        AttemptFailure::Connection => t.hooks.failure_connection,
        AttemptFailure::AddressRefused => t.hooks.failure_address_refused,
        AttemptFailure::Redirected => t.hooks.failure_redirected,
    }
}

/// The log of the endpoint `id` (at `url`); read again on **Refresh**, after a redelivery and
/// whenever `sent` (test events sent) changes.
#[component]
pub fn DeliveryLog(
    id: String,
    url: String,
    #[prop(into)] sent: Signal<usize>,
    on_close: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_t();
    let redeliver = ServerAction::<RedeliverWebhook>::new();
    let refreshed = RwSignal::new(0_u32);
    let endpoint = id.clone();
    let rows = Resource::new(
        move || {
            (
                endpoint.clone(),
                refreshed.get(),
                redeliver.version().get(),
                sent.get(),
            )
        },
        |(id, _, _, _)| list_webhook_deliveries(id),
    );
    let redeliver_error = Signal::derive(move || redeliver.value().get().and_then(Result::err));
    // Opened from a row's button: the keyboard goes to the log.
    Effect::new(move |_| crate::browser::focus("delivery-log-heading"));
    view! {
        <section class="card" aria-labelledby="delivery-log-heading">
            <h2 id="delivery-log-heading" tabindex="-1" class="break-all">
                {t.hooks.log_title.fill("{url}", &url)}
            </h2>
            <p class="hint">{t.hooks.log_lead}</p>
            <div class="row-actions">
                <button
                    type="button"
                    class="button button-small"
                    on:click=move |_| refreshed.update(|n| *n += 1)
                >
                    {t.hooks.refresh}
                </button>
                <button
                    type="button"
                    class="button button-small button-quiet"
                    on:click=move |_| on_close()
                >
                    {t.hooks.close_log}
                </button>
            </div>
            <FormAlert error=redeliver_error />
            {move || {
                matches!(redeliver.value().get(), Some(Ok(())))
                    .then(|| view! { <Notice>{t.hooks.redelivery_queued}</Notice> })
            }}
            <Transition fallback=move || {
                view! { <p class="loading">{t.loading}</p> }
            }>
                {move || {
                    let id = id.clone();
                    Suspend::new(async move {
                        match rows.await {
                            Ok(rows) if rows.is_empty() => {
                                view! { <p class="empty">{t.hooks.log_none}</p> }.into_any()
                            }
                            Ok(rows) => view! { <Deliveries id rows redeliver /> }.into_any(),
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Deliveries(
    id: String,
    rows: Vec<DeliveryRow>,
    redeliver: ServerAction<RedeliverWebhook>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <DataTable headers=vec![
            t.hooks.col_event,
            t.hooks.col_created,
            t.hooks.col_delivery,
            t.hooks.col_attempts,
            t.hooks.col_last_attempt,
            t.hooks.col_response,
            t.hooks.col_failure,
            t.hooks.col_actions,
        ]>
            {rows
                .into_iter()
                .map(|row| {
                    let state = match row.state {
                        DeliveryState::Pending => {
                            match &row.next_attempt {
                                Some(at) => {
                                    format!(
                                        "{} ({})",
                                        t.hooks.delivery_pending,
                                        t.hooks.next_attempt.fill("{date}", at),
                                    )
                                }
                                None => t.hooks.delivery_pending.to_owned(),
                            }
                        }
                        DeliveryState::Delivered => t.hooks.delivery_delivered.to_owned(),
                        DeliveryState::Failed => t.hooks.delivery_failed.to_owned(),
                    };
                    let response = row
                        .response_code
                        .map_or_else(|| "—".to_owned(), |code| code.to_string());
                    let failure = row.failure.map_or("—", |f| failure_text(t, f));
                    let (endpoint, delivery) = (id.clone(), row.id.clone());
                    let label = format!(
                        "{} – {} – {}",
                        t.hooks.redeliver,
                        event_label(t, row.event),
                        row.created,
                    );
                    // Redeliver is named for the event and its time: a log lists many of one event.
                    view! {
                        <tr class:row-inactive=row.state == DeliveryState::Failed>
                            <th scope="row">
                                {event_label(t, row.event)}
                                <code class="cell-sub">{row.id.clone()}</code>
                            </th>
                            <td data-label=t.hooks.col_created class="nowrap">
                                {row.created.clone()}
                            </td>
                            <td data-label=t.hooks.col_delivery>{state}</td>
                            <td data-label=t.hooks.col_attempts>{row.attempts}</td>
                            <td data-label=t.hooks.col_last_attempt class="nowrap">
                                {row.last_attempt.clone().unwrap_or_else(|| "—".to_owned())}
                            </td>
                            <td data-label=t.hooks.col_response>{response}</td>
                            <td data-label=t.hooks.col_failure>{failure}</td>
                            <td data-label=t.hooks.col_actions>
                                <button
                                    type="button"
                                    class="button button-small button-quiet"
                                    aria-label=label
                                    disabled=move || redeliver.pending().get()
                                    on:click=move |_| {
                                        redeliver
                                            .dispatch(RedeliverWebhook {
                                                id: endpoint.clone(),
                                                delivery: delivery.clone(),
                                            });
                                    }
                                >
                                    {t.hooks.redeliver}
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}
