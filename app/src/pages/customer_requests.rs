//! The two ways a partner asks a customer for a reseller relationship: **New relationship**
//! (W6, from **Customers**) and **Invite new customers** (W7, a reseller with one of its indirect
//! providers). Each asks whether to include delegated admin permissions, then creates the link and
//! shows the draft email.

use crate::{
    api::{
        customers::{InviteNewCustomers, RequestRelationship},
        invitations::recipient_saver,
        partnerships::list_providers,
    },
    components::{DelegatedAdminChoice, DraftEmail, ErrorAlert, Flash, FormAlert, use_me},
    i18n::use_t,
    model::{Action, AppError, Draft, OrgId, policy},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    NavigateOptions,
    hooks::{use_navigate, use_params_map},
};

/// The draft once the link exists; Done goes back to `back`.
fn draft_or_form(
    draft: Option<Draft>,
    back: &'static str,
    form: impl FnOnce() -> AnyView,
) -> AnyView {
    let navigate = use_navigate();
    let t = use_t();
    match draft {
        Some(d) => view! {
            <DraftEmail
                save_recipient=recipient_saver(d.invitation_id.clone())
                draft=d
                on_done=Callback::new(move |_| {
                    Flash::set(back, t.draft_saved.to_owned());
                    navigate(back, NavigateOptions::default())
                })
            />
        }
        .into_any(),
        None => form(),
    }
}

/// What a member without the role for `action` sees instead of the form.
fn needs_role(a: &crate::model::Actor, action: Action, what: &'static str) -> Option<AnyView> {
    (!a.may(action)).then(|| {
        let t = use_t();
        let roles = policy::roles_for(a.org_kind, action);
        view! { <p class="hint">{what} ": " {t.needs_roles_text(roles)}</p> }.into_any()
    })
}

#[component]
pub fn NewRelationshipPage() -> impl IntoView {
    let t = use_t();
    let request = ServerAction::<RequestRelationship>::new();
    let error = Signal::derive(move || request.value().get().and_then(Result::err));
    let draft = Signal::derive(move || request.value().get().and_then(Result::ok));
    view! {
        <Title text=t.new_relationship />
        <p class="breadcrumb">
            <a href="/customers">{t.back_to_customers}</a>
        </p>
        <h1 id="page-title" tabindex="-1">
            {t.new_relationship}
        </h1>
        {move || {
            draft_or_form(
                draft.get(),
                "/customers",
                move || {
                    view! {
                        <p class="lead">{t.new_relationship_lead}</p>
                        <FormAlert error />
                        <Suspense>
                            {move || Suspend::new(async move {
                                use_me()
                                    .await
                                    .map(|a| {
                                        needs_role(
                                                &a,
                                                Action::RequestRelationship,
                                                t.request_relationship,
                                            )
                                            .unwrap_or_else(|| {
                                                view! {
                                                    <ActionForm action=request>
                                                        <DelegatedAdminChoice cloud=a.org_cloud />
                                                        <button
                                                            type="submit"
                                                            class="button button-primary"
                                                            disabled=move || request.pending().get()
                                                        >
                                                            {t.create_link}
                                                        </button>
                                                    </ActionForm>
                                                }
                                                    .into_any()
                                            })
                                    })
                            })}
                        </Suspense>
                    }
                        .into_any()
                },
            )
        }}
    }
}

#[component]
pub fn InviteCustomersPage() -> impl IntoView {
    let t = use_t();
    let params = use_params_map();
    let provider_id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<OrgId>().ok()));
    let providers = Resource::new(|| (), |_| list_providers());
    let invite = ServerAction::<InviteNewCustomers>::new();
    let error = Signal::derive(move || invite.value().get().and_then(Result::err));
    let draft = Signal::derive(move || invite.value().get().and_then(Result::ok));
    view! {
        <p class="breadcrumb">
            <a href="/indirect-providers">{t.menu_indirect_providers}</a>
        </p>
        <Transition fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                let me = use_me().await;
                let provider = providers
                    .await
                    .and_then(|list| {
                        list.into_iter()
                            .find(|p| Some(p.org_id) == provider_id())
                            .ok_or(AppError::NotFound)
                    });
                match (provider, me) {
                    (Ok(p), Some(a)) => {
                        let title = t.joint_title.replace("{provider}", &p.name);
                        let lead = t.joint_lead.replace("{provider}", &p.name);
                        let id = p.org_id;
                        view! {
                            <Title text=title.clone() />
                            <h1 id="page-title" tabindex="-1">
                                {title}
                            </h1>
                            {move || {
                                let lead = lead.clone();
                                let a = a.clone();
                                draft_or_form(
                                    draft.get(),
                                    "/indirect-providers",
                                    move || {
                                        view! {
                                            <p class="lead">{lead}</p>
                                            <FormAlert error />
                                            {needs_role(
                                                    &a,
                                                    Action::InviteJointly,
                                                    t.invite_new_customers,
                                                )
                                                .unwrap_or_else(|| {
                                                    view! {
                                                        <ActionForm action=invite>
                                                            <input
                                                                type="hidden"
                                                                name="provider_id"
                                                                value=id.to_string()
                                                            />
                                                            <DelegatedAdminChoice cloud=a.org_cloud />
                                                            <button
                                                                type="submit"
                                                                class="button button-primary"
                                                                disabled=move || invite.pending().get()
                                                            >
                                                                {t.create_link}
                                                            </button>
                                                        </ActionForm>
                                                    }
                                                        .into_any()
                                                })}
                                        }
                                            .into_any()
                                    },
                                )
                            }}
                        }
                            .into_any()
                    }
                    (Err(e), _) => {
                        view! {
                            <h1>{t.invite_new_customers}</h1>
                            <ErrorAlert error=e />
                        }
                            .into_any()
                    }
                    (_, None) => view! { <h1>{t.invite_new_customers}</h1> }.into_any(),
                }
            })}
        </Transition>
    }
}
