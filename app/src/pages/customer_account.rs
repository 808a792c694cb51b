//! **Customers** → the customer → **Account**: the account as this partner sees it, and **Remove
//! customer relationship** with the seed's representation text; any delegated admin grant stays.

use crate::{
    api::customers::{RemoveCustomerRelationship, get_customer_account},
    components::{Confirm, ErrorAlert, Flash, FormAlert, use_me},
    i18n::{Fill, country_name, use_t},
    model::{Action, CustomerAccount, OrgId, policy},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    NavigateOptions,
    hooks::{use_navigate, use_params_map},
};

#[component]
pub fn CustomerAccountPage() -> impl IntoView {
    let t = use_t();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<OrgId>().ok()));
    let account = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_customer_account(id).await,
            None => Err(crate::model::AppError::NotFound),
        }
    });
    view! {
        <p class="breadcrumb">
            <a href="/customers">{t.back_to_customers}</a>
        </p>
        <Transition fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(a) => view! { <Account account=a /> }.into_any(),
                    Err(e) => {
                        view! {
                            <Title text=t.account_tab />
                            <h1>{t.account_tab}</h1>
                            <ErrorAlert error=e />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn Account(account: CustomerAccount) -> impl IntoView {
    let t = use_t();
    let remove = ServerAction::<RemoveCustomerRelationship>::new();
    let confirming = RwSignal::new(false);
    let error = Signal::derive(move || remove.value().get().and_then(Result::err));
    let navigate = use_navigate();
    let name = account.name.clone();
    Effect::new(move |_| {
        if let Some(Ok(())) = remove.value().get() {
            Flash::set("/customers", t.relationship_removed.fill("{name}", &name));
            navigate("/customers", NavigateOptions::default());
        }
    });
    let title = format!("{} — {}", account.name, t.account_tab);
    let id = account.org_id;
    let confirm_title = t.remove_customer_title.fill("{name}", &account.name);
    view! {
        <Title text=title.clone() />
        <h1 id="page-title" tabindex="-1">
            {title}
        </h1>
        <p class="lead">{t.customer_account_lead}</p>
        <section class="card">
            <dl class="facts">
                <dt>{t.name}</dt>
                <dd>{account.name.clone()}</dd>
                <dt>{t.primary_domain}</dt>
                <dd>{account.domain.clone()}</dd>
                <dt>{t.country}</dt>
                <dd>
                    {country_name(&account.country).unwrap_or_default()} " ("
                    {account.country.clone()} ")"
                </dd>
                <dt>{t.cloud}</dt>
                <dd>{t.cloud(account.cloud)}</dd>
                <dt>{t.customer_since}</dt>
                <dd>{account.created.clone()}</dd>
                <dt>{t.relationship_since}</dt>
                <dd>{account.since.clone()}</dd>
                <dt>{t.delegated_admin_permissions}</dt>
                <dd>
                    {match &account.delegated_admin_since {
                        Some(date) => t.granted_since.replace("{date}", date),
                        None => t.not_granted.to_owned(),
                    }}
                </dd>
            </dl>
        </section>
        <FormAlert error />
        {move || {
            confirming
                .get()
                .then(|| {
                    view! {
                        <Confirm
                            title=confirm_title.clone()
                            paragraphs=vec![
                                t.remove_customer_keeps.into(),
                                t.remove_customer_representation.into(),
                                t.remove_notice.into(),
                            ]
                            yes=t.remove_customer_relationship.to_owned()
                            no=t.keep_relationship.to_owned()
                            destructive=true
                            on_yes=Callback::new(move |_| {
                                remove
                                    .dispatch(RemoveCustomerRelationship {
                                        customer_id: id,
                                    });
                                confirming.set(false);
                                crate::browser::focus("page-title");
                            })
                            on_cancel=Callback::new(move |_| confirming.set(false))
                        />
                    }
                })
        }}
        <Suspense>
            {move || Suspend::new(async move {
                use_me()
                    .await
                    .map(|a| {
                        if a.may(Action::RemoveCustomerRelationship) {
                            view! {
                                <p class="page-actions">
                                    <button
                                        id="remove-relationship"
                                        type="button"
                                        class="button button-danger"
                                        disabled=move || remove.pending().get()
                                        on:click=move |_| confirming.set(true)
                                    >
                                        {t.remove_customer_relationship}
                                    </button>
                                </p>
                            }
                                .into_any()
                        } else {
                            let roles = policy::roles_for(
                                a.org_kind,
                                Action::RemoveCustomerRelationship,
                            );
                            view! {
                                <p class="hint">
                                    {t.remove_customer_relationship} ": "
                                    {t.needs_roles_text(roles)}
                                </p>
                            }
                                .into_any()
                        }
                    })
            })}
        </Suspense>
    }
}
