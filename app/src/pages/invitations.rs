//! **Invitations**: every request the organization sent, with its state; re-issue (a new link,
//! shown in a draft) or revoke a pending one.

use crate::{
    api::invitations::{ReissueInvitation, RevokeInvitation, list_invitations, recipient_saver},
    components::{Confirm, DataTable, DraftEmail, ErrorAlert, FormAlert, Notice, use_me},
    i18n::use_t,
    model::{Action, InvitationRow, InvitationState, policy},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn InvitationsPage() -> impl IntoView {
    let t = use_t();
    let reissue = ServerAction::<ReissueInvitation>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let rows = Resource::new(
        move || (reissue.version().get(), revoke.version().get()),
        |_| list_invitations(),
    );
    let draft = RwSignal::new(None);
    // The request whose revocation waits for Yes: (id, label).
    let confirming = RwSignal::new(None::<(String, String)>);
    Effect::new(move |_| {
        if let Some(Ok(d)) = reissue.value().get() {
            draft.set(Some(d));
        }
    });
    let error = Signal::derive(move || {
        reissue
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| revoke.value().get().and_then(Result::err))
    });
    view! {
        <Title text=t.invitations_title />
        <h1 id="page-title" tabindex="-1">
            {t.invitations_title}
        </h1>
        {move || match draft.get() {
            Some(d) => {
                view! {
                    <DraftEmail
                        save_recipient=recipient_saver(d.invitation_id.clone())
                        draft=d
                        on_done=Callback::new(move |_| {
                            draft.set(None);
                            reissue.value().set(None);
                            crate::browser::focus("page-title");
                        })
                    />
                }
                    .into_any()
            }
            None => {
                view! {
                    <p class="lead">{t.invitations_lead}</p>
                    <FormAlert error />
                    {move || {
                        confirming
                            .get()
                            .map(|(id, label)| {
                                view! {
                                    <Confirm
                                        title=format!("{} {label}?", t.revoke)
                                        paragraphs=vec![t.revoke_explained.into()]
                                        on_yes=Callback::new(move |_| {
                                            revoke.dispatch(RevokeInvitation { id: id.clone() });
                                            confirming.set(None);
                                            crate::browser::focus("page-title");
                                        })
                                        on_cancel=Callback::new(move |_| {
                                            confirming.set(None);
                                            crate::browser::focus("page-title");
                                        })
                                    />
                                }
                            })
                    }}
                    {move || {
                        matches!(revoke.value().get(), Some(Ok(())))
                            .then(|| view! { <Notice>{t.revoked_ok}</Notice> })
                    }}
                    <Transition fallback=move || {
                        view! { <p class="loading">{t.loading}</p> }
                    }>
                        {move || Suspend::new(async move {
                            let me = use_me().await;
                            let may_act = me.as_ref().is_some_and(|a| a.may(Action::RequestLinks));
                            let hint = me
                                .filter(|_| !may_act)
                                .map(|a| {
                                    let roles = policy::roles_for(a.org_kind, Action::RequestLinks);
                                    view! {
                                        <p class="hint">
                                            {t.reissue} " / " {t.revoke} ": "
                                            {t.needs_roles_text(roles)}
                                        </p>
                                    }
                                });
                            match rows.await {
                                Ok(rows) if rows.is_empty() => {
                                    view! { <p class="empty">{t.no_invitations}</p> }.into_any()
                                }
                                Ok(rows) => {
                                    view! {
                                        {hint}
                                        <InvitationTable rows may_act reissue confirming />
                                    }
                                        .into_any()
                                }
                                Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            }
                        })}
                    </Transition>
                }
                    .into_any()
            }
        }}
    }
}

#[component]
fn InvitationTable(
    rows: Vec<InvitationRow>,
    may_act: bool,
    reissue: ServerAction<ReissueInvitation>,
    confirming: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <DataTable headers=vec![
            t.request,
            t.status,
            t.recipient,
            t.sent_by,
            t.sent,
            t.expires,
            t.answered,
            t.actions,
        ]>
            {rows
                .into_iter()
                .map(|r| {
                    let open = matches!(
                        r.state,
                        InvitationState::Pending | InvitationState::Expired
                    );
                    let (id1, id2) = (r.id.clone(), r.id.clone());
                    let label = format!("{} {}", t.invitation_kind(r.kind), r.created);
                    view! {
                        <tr>
                            <th scope="row">{t.invitation_kind(r.kind)}</th>
                            <td>
                                <span class=format!("state state-{:?}", r.state)
                                    .to_lowercase()>{t.invitation_state(r.state)}</span>
                            </td>
                            <td>
                                {if r.recipient.is_empty() {
                                    t.not_named.to_owned()
                                } else {
                                    r.recipient.clone()
                                }}
                            </td>
                            <td>{r.sent_by.clone()}</td>
                            <td class="nowrap">{r.created.clone()}</td>
                            <td class="nowrap">{r.expires.clone()}</td>
                            <td>{r.decided.clone().unwrap_or_default()}</td>
                            <td>
                                {(may_act && open && r.mine)
                                    .then(|| {
                                        view! {
                                            <div class="button-row">
                                                <button
                                                    type="button"
                                                    class="button button-small"
                                                    aria-label=format!("{} {label}", t.reissue)
                                                    on:click=move |_| {
                                                        reissue
                                                            .dispatch(ReissueInvitation {
                                                                id: id1.clone(),
                                                            });
                                                    }
                                                >
                                                    {t.reissue}
                                                </button>
                                                <button
                                                    type="button"
                                                    class="button button-small button-quiet"
                                                    aria-label=format!("{} {label}", t.revoke)
                                                    on:click={
                                                        let label = label.clone();
                                                        move |_| confirming.set(Some((id2.clone(), label.clone())))
                                                    }
                                                >
                                                    {t.revoke}
                                                </button>
                                            </div>
                                        }
                                    })}
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}
