//! **Invitations**: every request the organization sent, with its state, filtered by state and
//! kind (a GET form: in the URL) and paged by keyset; re-issue (a new link, shown in a draft) or
//! revoke a pending one.

use crate::{
    api::invitations::{ReissueInvitation, RevokeInvitation, list_invitations, recipient_saver},
    browser::encode_component,
    components::{
        Confirm, DataTable, DraftEmail, ErrorAlert, Flash, FormAlert, Notice, Pager, use_me,
    },
    i18n::use_t,
    model::{
        Action, Actor, AppError, InvitationFilter, InvitationKind, InvitationRow, InvitationState,
        policy,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

/// `/invitations` with the filter (and a cursor).
fn href(f: &InvitationFilter, after: Option<&str>) -> String {
    let mut parts = Vec::new();
    for (key, value) in [("state", &f.state), ("kind", &f.kind)] {
        if !value.is_empty() {
            parts.push(format!("{key}={}", encode_component(value)));
        }
    }
    if let Some(cursor) = after {
        parts.push(format!("after={}", encode_component(cursor)));
    }
    if parts.is_empty() {
        "/invitations".into()
    } else {
        format!("/invitations?{}", parts.join("&"))
    }
}

/// The filter form: state and kind.
#[component]
fn InvitationFilters(
    filter: InvitationFilter,
    problems: Vec<crate::model::FieldError>,
) -> impl IntoView {
    let t = use_t();
    let l = &t.log;
    let problem = |field: &str| {
        problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| t.error_code(p.code))
    };
    let (state_problem, kind_problem) = (problem("state"), problem("kind"));
    let clear = (!filter.state.is_empty() || !filter.kind.is_empty()).then(|| {
        view! {
            <a href="/invitations" class="button button-quiet">
                {l.clear}
            </a>
        }
    });
    view! {
        <Form
            method="get"
            action="/invitations"
            attr:class="list-controls"
            attr:role="search"
            attr:aria-label=l.invitation_filters
        >
            <div class="field" class:field-invalid=state_problem.is_some()>
                <label for="invitation-state">{t.status}</label>
                <select
                    id="invitation-state"
                    name="state"
                    aria-invalid=state_problem.map(|_| "true")
                    aria-describedby=state_problem.map(|_| "invitation-state-error")
                >
                    <option value="">{l.any_state}</option>
                    {InvitationState::ALL
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.as_str() selected=s.as_str() == filter.state>
                                    {t.invitation_state(s)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                {state_problem
                    .map(|p| {
                        view! {
                            <p class="field-error" id="invitation-state-error">
                                {p}
                            </p>
                        }
                    })}
            </div>
            <div class="field" class:field-invalid=kind_problem.is_some()>
                <label for="invitation-kind">{t.request}</label>
                <select
                    id="invitation-kind"
                    name="kind"
                    aria-invalid=kind_problem.map(|_| "true")
                    aria-describedby=kind_problem.map(|_| "invitation-kind-error")
                >
                    <option value="">{l.any_kind}</option>
                    {[
                        InvitationKind::Partnership,
                        InvitationKind::ResellerRelationship,
                        InvitationKind::JointInvite,
                    ]
                        .into_iter()
                        .map(|k| {
                            view! {
                                <option value=k.as_str() selected=k.as_str() == filter.kind>
                                    {t.invitation_kind(k)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                {kind_problem
                    .map(|p| {
                        view! {
                            <p class="field-error" id="invitation-kind-error">
                                {p}
                            </p>
                        }
                    })}
            </div>
            <div class="list-controls-actions">
                <button type="submit" class="button">
                    {l.filter}
                </button>
                {clear}
            </div>
        </Form>
    }
}

#[component]
pub fn InvitationsPage() -> impl IntoView {
    let t = use_t();
    let reissue = ServerAction::<ReissueInvitation>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| InvitationFilter {
            state: q.get("state").unwrap_or_default(),
            kind: q.get("kind").unwrap_or_default(),
        })
    });
    let after = move || query.with(|q| q.get("after"));
    let rows = Resource::new(
        move || {
            (
                filter.get(),
                after(),
                reissue.version().get(),
                revoke.version().get(),
            )
        },
        |(filter, after, ..)| list_invitations(filter, after),
    );
    let draft = RwSignal::new(None);
    let flash = Flash::for_path("/invitations");
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
                            Flash::set("/invitations", t.draft_saved.to_owned());
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
                    {move || flash.get().map(|text| view! { <Notice>{text}</Notice> })}
                    <FormAlert error />
                    {move || {
                        confirming
                            .get()
                            .map(|(id, label)| {
                                view! {
                                    <Confirm
                                        title=format!("{} {label}?", t.revoke)
                                        paragraphs=vec![t.revoke_explained.into()]
                                        yes=t.revoke_request.to_owned()
                                        no=t.keep_request.to_owned()
                                        destructive=true
                                        on_yes=Callback::new(move |_| {
                                            revoke.dispatch(RevokeInvitation { id: id.clone() });
                                            confirming.set(None);
                                            crate::browser::focus("page-title");
                                        })
                                        on_cancel=Callback::new(move |_| confirming.set(None))
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
                            let f = filter.get();
                            let first_page = after().is_none();
                            let listed = rows.await;
                            let me = use_me().await;
                            let me_for_empty = me.clone();
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
                            match listed {
                                Ok(page) => {
                                    let filtered = !f.state.is_empty() || !f.kind.is_empty();
                                    let list = if !page.problems.is_empty() {
                                        view! {
                                            <div class="alert alert-error" role="alert">
                                                {t.error(&AppError::Invalid(page.problems.clone()))}
                                            </div>
                                        }
                                            .into_any()
                                    } else if page.rows.is_empty() && filtered {
                                        view! { <p class="empty">{t.log.no_invitation_matches}</p> }
                                            .into_any()
                                    } else if page.rows.is_empty() {
                                        view! { <NothingSent actor=me_for_empty.clone() /> }
                                            .into_any()
                                    } else {
                                        let newest = (!first_page).then(|| href(&f, None));
                                        let older = page.next.as_deref().map(|c| href(&f, Some(c)));
                                        view! {
                                            {hint}
                                            <InvitationTable
                                                rows=page.rows
                                                may_act
                                                reissue
                                                confirming
                                            />
                                            <Pager label=t.invitations_title newest older />
                                        }
                                            .into_any()
                                    };
                                    view! {
                                        <InvitationFilters filter=f problems=page.problems />
                                        {list}
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
        // Five columns, so that the actions stay on screen at 1366 px (eight did not): the
        // recipient goes under the request, who sent it under when, the answer under the state.
        <DataTable headers=vec![
            t.request,
            t.status,
            t.sent,
            t.expires,
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
                            <th scope="row">
                                {t.invitation_kind(r.kind)} <span class="cell-sub">
                                    <span class="visually-hidden">{t.recipient} ": "</span>
                                    {if r.recipient.is_empty() {
                                        t.not_named.to_owned()
                                    } else {
                                        r.recipient.clone()
                                    }}
                                </span>
                            </th>
                            <td data-label=t.status>
                                <span class=format!("state state-{:?}", r.state)
                                    .to_lowercase()>{t.invitation_state(r.state)}</span>
                                {r
                                    .decided
                                    .clone()
                                    .map(|d| {
                                        view! {
                                            <span class="cell-sub">
                                                <span class="visually-hidden">{t.answered} ": "</span>
                                                {d}
                                            </span>
                                        }
                                    })}
                                {(!r.parties.is_empty())
                                    .then(|| {
                                        view! {
                                            <ul class="plain-list parties">
                                                {r
                                                    .parties
                                                    .iter()
                                                    .map(|(name, state)| {
                                                        view! {
                                                            <li>{format!("{name}: {}", t.invitation_state(*state))}</li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        }
                                    })}
                            </td>
                            <td data-label=t.sent>
                                <span class="nowrap">{r.created.clone()}</span>
                                <span class="cell-sub">
                                    <span class="visually-hidden">{t.sent_by} ": "</span>
                                    {r.sent_by.clone()}
                                </span>
                            </td>
                            <td data-label=t.expires class="nowrap">
                                {r.expires.clone()}
                            </td>
                            <td data-label=t
                                .actions>
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

/// Nothing sent yet: where each kind of request is made, as buttons the reader may use.
#[component]
fn NothingSent(actor: Option<Actor>) -> impl IntoView {
    let t = use_t();
    let may = |action| actor.as_ref().is_some_and(|a| a.may(action));
    let places = [
        (
            Action::RequestPartnership,
            "/indirect-resellers",
            t.request_partnership,
        ),
        (
            Action::RequestRelationship,
            "/customers/new-relationship",
            t.request_relationship,
        ),
        (
            Action::InviteJointly,
            "/indirect-providers",
            t.invite_new_customers,
        ),
    ]
    .into_iter()
    .filter(|(action, ..)| may(*action))
    .map(|(_, href, label)| {
        view! {
            <a class="button" href=href>
                {label}
            </a>
        }
    })
    .collect::<Vec<_>>();
    let where_ = (!places.is_empty()).then(|| {
        view! {
            <p>{t.home.no_requests_where}</p>
            <p class="button-row">{places}</p>
        }
    });
    view! {
        <div class="empty">
            <p>{t.no_invitations}</p>
            {where_}
        </div>
    }
}
