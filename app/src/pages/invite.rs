//! The page an invitation link opens. It works before the wasm has loaded: who asks, what
//! accepting means, then sign in or enroll on the spot, and Accept or Decline as plain forms.

use crate::{
    api::{
        invitations::{RespondInvitation, preview_invitation},
        session::{SignOut, current_user},
    },
    components::{ErrorAlert, FormAlert, SessionEpoch, field_error},
    i18n::use_t,
    model::{
        Action, Actor, InvitationKind, InvitationState, InvitePreview, OpenInvite, OrgKind,
        validate::country_name,
    },
    pages::{enroll::EnrollForm, sign_in::SignInForm},
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn InvitePage() -> impl IntoView {
    let t = use_t();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let preview = Resource::new_blocking(token, preview_invitation);
    let me = Resource::new_blocking(SessionEpoch::get, |_| current_user());
    view! {
        <Meta name="referrer" content="same-origin" />
        <main id="main" class="auth-page">
            <div class="card auth-card auth-card-wide">
                <p class="brand brand-large">{t.app_name}</p>
                <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
                    {move || Suspend::new(async move {
                        let me = me.await.ok().flatten();
                        match preview.await {
                            Ok(InvitePreview::Open(open)) => view! { <OpenInvitation open token=token() me /> }.into_any(),
                            Ok(InvitePreview::Closed { state, ask }) => {
                                let title = match state {
                                    InvitationState::Accepted => t.invite_used_title,
                                    InvitationState::Declined => t.invite_declined_title,
                                    InvitationState::Expired => t.invite_expired_title,
                                    InvitationState::Revoked | InvitationState::Pending => t.invite_revoked_title,
                                };
                                view! {
                                    <Title text=title />
                                    <h1>{title}</h1>
                                    <p class="lead">{t.invite_ask.replace("{name}", &ask)}</p>
                                }
                                    .into_any()
                            }
                            Ok(InvitePreview::NotValid) => {
                                view! {
                                    <Title text=t.invite_not_valid_title />
                                    <h1>{t.invite_not_valid_title}</h1>
                                    <p class="lead">{t.invite_not_valid_lead}</p>
                                }
                                    .into_any()
                            }
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </main>
    }
}

#[component]
fn OpenInvitation(open: OpenInvite, token: String, me: Option<Actor>) -> impl IntoView {
    let t = use_t();
    let Some(sender) = open.from.first().cloned() else {
        return view! { <p>{t.invite_not_valid_lead}</p> }.into_any();
    };
    let next = format!("/invite/{token}");
    // Customer requests bring their own wording with the customer workflows.
    let (title, means) = match open.kind {
        InvitationKind::Partnership
        | InvitationKind::ResellerRelationship
        | InvitationKind::JointInvite => (t.invite_partnership_title, t.invite_partnership_means),
    };
    let title = title.replace("{name}", &sender.name);
    let answer = match me {
        None => view! {
            <section aria-labelledby="sign-in-heading">
                <h2 id="sign-in-heading">{t.sign_in_to_answer}</h2>
                <SignInForm next=next.clone() />
            </section>
            <section aria-labelledby="enroll-heading" class="section-divided">
                <h2 id="enroll-heading">{t.enroll_to_answer}</h2>
                <EnrollForm fixed_kind=OrgKind::Reseller next=next.clone() />
            </section>
        }
        .into_any(),
        Some(actor) if actor.org_kind != OrgKind::Reseller => view! {
            <div class="alert alert-error" role="alert">{t.only_resellers_accept.replace("{org}", &actor.org_name)}</div>
            <SignOutToSwitch next=next.clone() />
        }
        .into_any(),
        Some(actor) if !actor.may(Action::RespondToPartnership) => {
            let roles = crate::model::policy::roles_for(actor.org_kind, Action::RespondToPartnership);
            view! {
                <div class="alert alert-error" role="alert">{t.needs_roles_text(roles)}</div>
                <SignOutToSwitch next=next.clone() />
            }
            .into_any()
        }
        Some(actor) => view! { <Answer token sender_name=sender.name.clone() actor /> }.into_any(),
    };
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <section aria-labelledby="who-heading">
            <h2 id="who-heading" class="visually-hidden">{t.invite_who_asks}</h2>
            <dl class="facts">
                <dt>{t.name}</dt>
                <dd>{sender.name.clone()}</dd>
                <dt>{t.mpn_id}</dt>
                <dd>{sender.mpn_id.clone().unwrap_or_default()}</dd>
                <dt>{t.country}</dt>
                <dd>{country_name(&sender.country).unwrap_or_default()} " (" {sender.country.clone()} ")"</dd>
                <dt>{t.cloud}</dt>
                <dd>{t.cloud(sender.cloud)}</dd>
            </dl>
        </section>
        <p>{means.replace("{name}", &sender.name)}</p>
        <p class="hint">{t.invite_expires.replace("{date}", &open.expires)}</p>
        {answer}
    }
    .into_any()
}

#[component]
fn Answer(token: String, sender_name: String, actor: Actor) -> impl IntoView {
    let t = use_t();
    let accept = ServerAction::<RespondInvitation>::new();
    let decline = ServerAction::<RespondInvitation>::new();
    let error = Signal::derive(move || {
        accept
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| decline.value().get().and_then(Result::err))
    });
    let authorize_error = field_error(error, "authorize");
    let decline_token = token.clone();
    view! {
        <p>{t.answer_as.replace("{user}", &actor.user_name).replace("{org}", &actor.org_name)}</p>
        <FormAlert error />
        <ActionForm action=accept attr:novalidate="">
            <input type="hidden" name="token" value=token.clone() />
            <input type="hidden" name="accept" value="true" />
            <div class="field" class:field-invalid=move || authorize_error.get().is_some()>
                <label class="check">
                    <input
                        type="checkbox"
                        name="authorize"
                        aria-describedby="f-authorize-err"
                        aria-invalid=move || authorize_error.get().is_some().then_some("true")
                    />
                    {t.authorize.replace("{name}", &sender_name)}
                </label>
                <p class="field-error" id="f-authorize-err" hidden=move || authorize_error.get().is_none()>
                    {move || authorize_error.get().map(|c| t.error_code(c))}
                </p>
            </div>
            <div class="button-row">
                <button type="submit" class="button button-primary" disabled=move || accept.pending().get()>
                    {t.accept}
                </button>
            </div>
        </ActionForm>
        <ActionForm action=decline>
            <input type="hidden" name="token" value=decline_token />
            <input type="hidden" name="accept" value="false" />
            <button type="submit" class="button" disabled=move || decline.pending().get()>
                {t.decline}
            </button>
        </ActionForm>
    }
}

#[component]
fn SignOutToSwitch(next: String) -> impl IntoView {
    let t = use_t();
    let sign_out = ServerAction::<SignOut>::new();
    SessionEpoch::follow(move || matches!(sign_out.value().get(), Some(Ok(_))));
    view! {
        <ActionForm action=sign_out>
            <input type="hidden" name="next" value=next />
            <button type="submit" class="button">{t.use_other_account}</button>
        </ActionForm>
    }
}
