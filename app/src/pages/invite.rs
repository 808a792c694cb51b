//! The page an invitation link opens. It works before the wasm has loaded: who asks, what
//! accepting means, then sign in or enroll on the spot (a reseller for a partnership request, a
//! customer organization for a reseller relationship or a joint invite), and Accept or Decline as
//! plain forms.

use crate::{
    api::{
        customers::check_domain,
        invitations::{RespondInvitation, preview_invitation},
        session::{EnrollCustomer, SignOut, current_user},
    },
    components::{ErrorAlert, Field, FormAlert, SessionEpoch, field_error},
    i18n::{Fill, country_name, use_t},
    model::{
        Action, Actor, Cloud, DomainCheck, DomainPrefix, InvitationKind, InvitationState,
        InvitePreview, OpenInvite, OrgKind, policy::Refusal,
    },
    pages::{
        enroll::{BrowserTimeZone, CountryCloudFields, EnrollForm, FirstAdminFields},
        sign_in::SignInForm,
    },
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
                <Suspense fallback=move || {
                    view! { <p class="loading">{t.loading}</p> }
                }>
                    {move || Suspend::new(async move {
                        let me = me.await.ok().flatten();
                        match preview.await {
                            Ok(InvitePreview::Open(open)) => {
                                view! { <OpenInvitation open token=token() me /> }.into_any()
                            }
                            Ok(InvitePreview::Closed { state, ask }) => {
                                let title = match state {
                                    InvitationState::Accepted => t.invite_used_title,
                                    InvitationState::Declined => t.invite_declined_title,
                                    InvitationState::Expired => t.invite_expired_title,
                                    InvitationState::Revoked | InvitationState::Pending => {
                                        t.invite_revoked_title
                                    }
                                };
                                view! {
                                    <Title text=title />
                                    <h1>{title}</h1>
                                    <p class="lead">{t.invite_ask.fill("{name}", &ask)}</p>
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

/// How an invitation of a kind reads, and whom it is for.
struct Reading {
    title: String,
    means: String,
    /// The kind of organization that answers, and the action its member needs.
    answers: OrgKind,
    action: Action,
}

fn reading(open: &OpenInvite) -> Reading {
    let t = use_t();
    let first = open.from.first().map_or("", |o| o.name.as_str());
    let second = open.from.get(1).map_or("", |o| o.name.as_str());
    let fill = |s: &str| s.fill("{name}", first).fill("{second}", second);
    let (title, means) = match open.kind {
        InvitationKind::Partnership => (t.invite_partnership_title, t.invite_partnership_means),
        InvitationKind::ResellerRelationship => {
            (t.invite_relationship_title, t.invite_relationship_means)
        }
        InvitationKind::JointInvite => (t.invite_joint_title, t.invite_joint_means),
    };
    let (answers, action) = match open.kind {
        InvitationKind::Partnership => (OrgKind::Reseller, Action::RespondToPartnership),
        _ => (OrgKind::Customer, Action::AnswerCustomerRequest),
    };
    Reading {
        title: fill(title),
        means: fill(means),
        answers,
        action,
    }
}

#[component]
fn OpenInvitation(open: OpenInvite, token: String, me: Option<Actor>) -> impl IntoView {
    let t = use_t();
    let Some(sender) = open.from.first().cloned() else {
        return view! { <p>{t.invite_not_valid_lead}</p> }.into_any();
    };
    let next = format!("/invite/{token}");
    let r = reading(&open);
    let for_customer = r.answers == OrgKind::Customer;
    let consent = if for_customer {
        t.agree_customer_agreement.to_owned()
    } else {
        t.authorize.fill("{name}", &sender.name)
    };
    let me_org = me.as_ref().map(|a| a.org_name.clone());
    let already_has = open.already;
    let answer = match me {
        None if for_customer => view! {
            <section aria-labelledby="sign-in-heading">
                <h2 id="sign-in-heading">{t.sign_in_as_customer}</h2>
                <SignInForm next=next.clone() />
            </section>
            <section aria-labelledby="enroll-heading" class="section-divided">
                <h2 id="enroll-heading">{t.create_customer_account}</h2>
                <p class="hint">{t.create_customer_lead}</p>
                <CustomerEnrollForm
                    token=token.clone()
                    suffix=open.tenant_suffix.clone()
                    country=sender.country.clone()
                    cloud=sender.cloud
                    next=next.clone()
                />
            </section>
        }
        .into_any(),
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
        // The same table the server answers from: the organization's kind first, then roles.
        Some(actor) if matches!(actor.check(r.action), Err(Refusal::Kind(_))) => {
            let text = if for_customer {
                t.only_customers_accept
            } else {
                t.only_resellers_accept
            };
            view! {
                <div class="alert alert-error" role="alert">
                    {text.fill("{org}", &actor.org_name)}
                </div>
                <SignOutToSwitch next=next.clone() />
            }
            .into_any()
        }
        Some(actor) if !actor.may(r.action) => {
            let roles = crate::model::policy::roles_for(actor.org_kind, r.action);
            view! {
                <div class="alert alert-error" role="alert">
                    {t.needs_roles_text(roles)}
                </div>
                <SignOutToSwitch next=next.clone() />
            }
            .into_any()
        }
        Some(actor) => {
            view! { <Answer token consent for_customer actor already=already_has /> }.into_any()
        }
    };
    let where_info = match sender.cloud {
        Cloud::Public => t.invite_where_public,
        Cloud::UsGov => t.invite_where_us_gov,
    };
    let delegated = if open.ask_delegated_admin {
        t.invite_delegated_asked
    } else {
        t.invite_delegated_not_asked
    }
    .fill("{name}", &sender.name);
    // The decision first (who asks, for what, and the answer); the facts about who asks behind
    // it, for whoever wants to check them.
    let already = open.already.then(|| {
        let org = me_org.clone().unwrap_or_default();
        view! {
            <div class="alert alert-ok" role="status">
                {t.invite_already.fill("{org}", &org).fill("{name}", &sender.name)}
            </div>
        }
    });
    view! {
        <Title text=r.title.clone() />
        <h1>{r.title.clone()}</h1>
        <p class="lead">{r.means}</p>
        {for_customer.then(|| view! { <p>{delegated}</p> })}
        {already}
        <p class="hint">{t.invite_expires.replace("{date}", &open.expires)}</p>
        {answer}
        <details class="invite-details">
            <summary>{t.invite_who_asks}</summary>
            {open
                .from
                .iter()
                .map(|org| {
                    view! {
                        <div role="group" aria-label=org.name.clone()>
                            <dl class="facts">
                                <dt>{t.name}</dt>
                                <dd>{org.name.clone()}</dd>
                                <dt>{t.mpn_id}</dt>
                                <dd>{org.mpn_id.clone().unwrap_or_default()}</dd>
                                <dt>{t.country}</dt>
                                <dd>
                                    {country_name(&org.country).unwrap_or_default()} " ("
                                    {org.country.clone()} ")"
                                </dd>
                                <dt>{t.cloud}</dt>
                                <dd>{t.cloud(org.cloud)}</dd>
                            </dl>
                        </div>
                    }
                })
                .collect_view()}
            {for_customer.then(|| view! { <p class="hint">{where_info}</p> })}
        </details>
    }
    .into_any()
}

#[component]
fn Answer(
    token: String,
    consent: String,
    for_customer: bool,
    actor: Actor,
    /// Accepting would change nothing: only Decline is offered.
    already: bool,
) -> impl IntoView {
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
    // Decline, in its own form or (`form`) in Accept's button row.
    let decline_button = move |form: Option<&'static str>| {
        view! {
            <button type="submit" form=form class="button" disabled=move || decline.pending().get()>
                {t.decline}
            </button>
        }
    };
    let accept_form = move || {
        view! {
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
                        {consent}
                    </label>
                    {for_customer
                        .then(|| {
                            view! {
                                <p class="hint">
                                    <a href="/customer-agreement" target="_blank" rel="noopener">
                                        {t.read_agreement}
                                    </a>
                                </p>
                            }
                        })}
                    <p
                        class="field-error"
                        id="f-authorize-err"
                        hidden=move || authorize_error.get().is_none()
                    >
                        {move || authorize_error.get().map(|c| t.error_code(c))}
                    </p>
                </div>
                // Decline belongs to the form below (`form=`), so the two answers sit side by side.
                <div class="button-row">
                    <button
                        type="submit"
                        class="button button-primary"
                        disabled=move || accept.pending().get()
                    >
                        {t.accept}
                    </button>
                    {decline_button(Some("decline-form"))}
                </div>
            </ActionForm>
        }
    };
    view! {
        <p>{t.answer_as.replace("{user}", &actor.user_name).fill("{org}", &actor.org_name)}</p>
        <FormAlert error />
        {(!already).then(accept_form)}
        <ActionForm action=decline attr:id="decline-form">
            <input type="hidden" name="token" value=decline_token />
            <input type="hidden" name="accept" value="false" />
            {already
                .then(|| {
                    view! { <div class="button-row">{decline_button(None)}</div> }
                })}
        </ActionForm>
    }
}

/// Creates the customer organization and its first Global admin from the link, a plain form post
/// that works before the wasm has loaded; once hydrated, the domain is checked as it is typed.
#[component]
fn CustomerEnrollForm(
    token: String,
    suffix: String,
    country: String,
    cloud: Cloud,
    next: String,
) -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<EnrollCustomer>::new();
    SessionEpoch::follow(move || matches!(action.value().get(), Some(Ok(_))));
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    // The server's answer about the domain stands until the user types again; then the live check
    // speaks.
    let edited = RwSignal::new(false);
    Effect::new(move |_| {
        action.version().track();
        edited.set(false);
    });
    let submitted_domain_error = field_error(error, "domain_prefix");
    let domain_error = Signal::derive(move || {
        if edited.get() {
            None
        } else {
            submitted_domain_error.get()
        }
    });
    let check = {
        let token = token.clone();
        leptos::prelude::Action::new(move |prefix: &String| {
            check_domain(token.clone(), prefix.clone())
        })
    };
    // Typing restarts the wait; the check runs when the typing pauses.
    let check_later = crate::components::typing::check_when_typing_pauses(check);
    let on_input = move |ev: leptos::ev::Event| {
        edited.set(true);
        check_later(event_target_value(&ev));
    };
    let status = move || -> Option<(bool, String)> {
        if let Some(code) = domain_error.get() {
            return Some((false, t.error_code(code).to_owned()));
        }
        if check.pending().get() {
            return Some((true, t.domain_checking.to_owned()));
        }
        match check.value().get()? {
            Ok(DomainCheck {
                domain: Some(d),
                available: true,
                ..
            }) => Some((true, t.domain_available.replace("{domain}", &d))),
            Ok(DomainCheck {
                problem: Some(code),
                ..
            }) => Some((false, t.error_code(code).to_owned())),
            Ok(_) => None,
            Err(e) => Some((false, t.error(&e))),
        }
    };
    let invalid = move || status().is_some_and(|(ok, _)| !ok);
    let hint = t.domain_hint.replace("{suffix}", &suffix);
    view! {
        <FormAlert error />
        <ActionForm action attr:novalidate="">
            <input type="hidden" name="token" value=token />
            <input type="hidden" name="next" value=next />
            <fieldset>
                <legend>{t.organization_section}</legend>
                <Field
                    label=t.company_name
                    name="form[legal_name]"
                    autocomplete="organization"
                    required=true
                    error=field_error(error, "legal_name")
                />
                <CountryCloudFields error country cloud />
                <div class="field" class:field-invalid=invalid>
                    <label for="f-domain">{t.primary_domain}</label>
                    <p class="hint" id="f-domain-hint">
                        {hint}
                    </p>
                    <div class="input-suffix">
                        <input
                            id="f-domain"
                            name="form[domain_prefix]"
                            required=true
                            aria-required="true"
                            autocomplete="off"
                            autocapitalize="none"
                            spellcheck="false"
                            maxlength=DomainPrefix::MAX_CHARS.to_string()
                            aria-describedby="f-domain-hint f-domain-status"
                            aria-invalid=move || invalid().then_some("true")
                            on:input=on_input
                        />
                        <span aria-hidden="true">"." {suffix.clone()}</span>
                    </div>
                    <p
                        id="f-domain-status"
                        class=move || if invalid() { "field-error" } else { "field-ok" }
                        aria-live="polite"
                    >
                        {move || status().map(|(_, text)| text)}
                    </p>
                </div>
            </fieldset>
            <FirstAdminFields error />
            <BrowserTimeZone />
            <button
                type="submit"
                class="button button-primary"
                disabled=move || action.pending().get()
            >
                {t.create_account}
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
            <button type="submit" class="button">
                {t.use_other_account}
            </button>
        </ActionForm>
    }
}
