//! The organization's API tokens (issue 22): create one (its secret shown once), see them with
//! their last use, revoke one at once.

use crate::{
    api::api_tokens::{CreateApiToken, RevokeApiToken, list_api_tokens},
    components::{
        Confirm, DataTable, ErrorAlert, Field, FormAlert, NotAllowed, Notice, field_error, use_me,
    },
    i18n::{Fill, use_t},
    model::{Action, ApiTokenRow, Role, TokenState},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ApiTokensPage() -> impl IntoView {
    let t = use_t();
    view! {
        <Title text=t.api.title />
        <h1 id="page-title" tabindex="-1">
            {t.api.title}
        </h1>
        <Suspense fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match use_me().await {
                    Some(actor) if actor.may(Action::ManageApiTokens) => {
                        view! { <Tokens held=actor.roles.clone() /> }.into_any()
                    }
                    Some(actor) => {
                        view! { <NotAllowed actor action=Action::ManageApiTokens /> }.into_any()
                    }
                    None => ().into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Tokens(held: Vec<Role>) -> impl IntoView {
    let t = use_t();
    let create = ServerAction::<CreateApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| list_api_tokens(),
    );
    let create_error = Signal::derive(move || create.value().get().and_then(Result::err));
    let revoke_error = Signal::derive(move || revoke.value().get().and_then(Result::err));
    let roles_error = field_error(create_error, "roles");
    // The token being confirmed for revocation: (id, name); and the name last revoked.
    let confirming = RwSignal::new(None::<(String, String)>);
    let revoked = RwSignal::new(None::<String>);

    view! {
        <p class="lead">{t.api.lead}</p>
        <p class="hint">
            {t.api.described_at} " " <a href="/api/docs" rel="external">
                "/api/docs"
            </a>
        </p>
        {move || {
            create
                .value()
                .get()
                .and_then(Result::ok)
                .map(|new| {
                    view! {
                        <Notice>
                            <h2>{t.api.secret_title}</h2>
                            <p>
                                {t
                                    .api
                                    .secret_lead
                                    .fill("{name}", &new.name)
                                    .fill("{date}", &new.expires)}
                            </p>
                            <dl class="facts secret">
                                <dt>{t.api.secret_label}</dt>
                                <dd>
                                    <output data-testid="api-token-secret">{new.secret}</output>
                                </dd>
                            </dl>
                        </Notice>
                    }
                })
        }}
        {move || {
            revoked
                .get()
                .filter(|_| matches!(revoke.value().get(), Some(Ok(()))))
                .map(|name| view! { <Notice>{t.api.revoked.fill("{name}", &name)}</Notice> })
        }}
        {move || {
            confirming
                .get()
                .map(|(id, name)| {
                    let name_for_notice = name.clone();
                    view! {
                        <Confirm
                            title=t.api.revoke_title.fill("{name}", &name)
                            paragraphs=vec![t.api.revoke_text.into()]
                            yes=t.api.revoke.to_owned()
                            no=t.api.keep.to_owned()
                            destructive=true
                            on_yes=Callback::new(move |_| {
                                revoke.dispatch(RevokeApiToken { id: id.clone() });
                                revoked.set(Some(name_for_notice.clone()));
                                confirming.set(None);
                                crate::browser::focus("page-title");
                            })
                            on_cancel=Callback::new(move |_| confirming.set(None))
                        />
                    }
                })
        }}
        <section class="card" aria-labelledby="create-token-heading">
            <h2 id="create-token-heading">{t.api.create_title}</h2>
            <FormAlert error=create_error />
            <ActionForm action=create attr:novalidate="" attr:class="form-grid">
                <Field
                    label=t.api.name_label
                    name="name"
                    autocomplete="off"
                    required=true
                    hint=t.api.name_hint
                    error=field_error(create_error, "name")
                />
                <fieldset
                    class="field choice"
                    class:field-invalid=move || roles_error.get().is_some()
                    aria-describedby="token-roles-hint token-roles-err"
                >
                    <legend>{t.api.roles_label}</legend>
                    <p class="hint" id="token-roles-hint">
                        {t.api.roles_hint}
                    </p>
                    {held
                        .iter()
                        .map(|role| {
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        name=format!("roles[{}]", role.as_str())
                                    />
                                    {t.role(*role)}
                                </label>
                            }
                        })
                        .collect_view()}
                    <p
                        class="field-error"
                        id="token-roles-err"
                        hidden=move || roles_error.get().is_none()
                    >
                        {move || roles_error.get().map(|c| t.error_code(c))}
                    </p>
                </fieldset>
                <Field
                    label=t.api.days_label
                    name="days"
                    input_type="number"
                    inputmode="numeric"
                    autocomplete="off"
                    hint=t.api.days_hint
                    error=field_error(create_error, "days")
                />
                <button
                    type="submit"
                    class="button button-primary"
                    disabled=move || create.pending().get()
                >
                    {t.api.create_button}
                </button>
            </ActionForm>
        </section>
        <section aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">{t.api.list_title}</h2>
            <FormAlert error=revoke_error />
            <Transition fallback=move || {
                view! { <p class="loading">{t.loading}</p> }
            }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Ok(rows) if rows.is_empty() => {
                            view! { <p class="empty">{t.api.none}</p> }.into_any()
                        }
                        Ok(rows) => view! { <TokenTable rows confirming /> }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn TokenTable(
    rows: Vec<ApiTokenRow>,
    confirming: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <DataTable headers=vec![
            t.api.col_name,
            t.api.col_roles,
            t.api.col_created,
            t.api.col_expires,
            t.api.col_last_used,
            t.api.col_state,
            t.api.col_actions,
        ]>
            {rows
                .into_iter()
                .map(|row| {
                    let state = match row.state {
                        TokenState::Active => t.api.state_active,
                        TokenState::Expired => t.api.state_expired,
                        TokenState::Revoked => t.api.state_revoked,
                        TokenState::Suspended => t.api.state_suspended,
                    };
                    let roles = row.roles.iter().map(|r| t.role(*r)).collect::<Vec<_>>().join(", ");
                    let live = row.state != TokenState::Revoked;
                    let (id, name) = (row.id.clone(), row.name.clone());
                    view! {
                        <tr class:row-inactive=row.state != TokenState::Active>
                            <th scope="row">
                                {row.name.clone()} <br />
                                <code class="hint">{row.hint.clone()}</code>
                            </th>
                            <td data-label=t.api.col_roles>{roles}</td>
                            <td data-label=t
                                .api
                                .col_created>
                                {row.created.clone()} " · " {row.created_by.clone()}
                            </td>
                            <td data-label=t.api.col_expires class="nowrap">
                                {row.expires.clone()}
                            </td>
                            <td data-label=t.api.col_last_used class="nowrap">
                                {row
                                    .last_used
                                    .clone()
                                    .unwrap_or_else(|| t.api.never_used.to_owned())}
                            </td>
                            <td data-label=t.api.col_state>{state}</td>
                            <td data-label=t
                                .api
                                .col_actions>
                                {live
                                    .then(|| {
                                        let label = format!("{} {}", t.api.revoke, name);
                                        view! {
                                            <button
                                                type="button"
                                                class="button button-small button-quiet"
                                                aria-label=label
                                                on:click=move |_| {
                                                    confirming.set(Some((id.clone(), name.clone())))
                                                }
                                            >
                                                {t.api.revoke}
                                            </button>
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
