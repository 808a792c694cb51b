//! The organization's users: list, add (temporary password shown once), roles, deactivation.

use crate::{
    api::users::{AddUser, SetUserActive, SetUserRoles, list_users},
    components::{
        DataTable, ErrorAlert, Field, FormAlert, NotAllowed, Notice, field_error, use_me,
    },
    i18n::use_t,
    model::{Action, Role, UserRow},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn UsersPage() -> impl IntoView {
    let t = use_t();
    view! {
        <Title text=t.users_title />
        <h1>{t.users_title}</h1>
        <Suspense fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match use_me().await {
                    Some(actor) if actor.may(Action::ManageUsers) => {
                        let uma_only = !actor.may(Action::GrantGlobalAdmin);
                        provide_context(OfferedRoles(Role::for_kind(actor.org_kind)));
                        view! { <UserManagement me=actor.user_id.to_string() uma_only /> }
                            .into_any()
                    }
                    Some(actor) => {
                        view! { <NotAllowed actor action=Action::ManageUsers /> }.into_any()
                    }
                    None => ().into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UserManagement(me: String, uma_only: bool) -> impl IntoView {
    let t = use_t();
    let add = ServerAction::<AddUser>::new();
    let set_roles = ServerAction::<SetUserRoles>::new();
    let set_active = ServerAction::<SetUserActive>::new();
    let users = Resource::new(
        move || {
            (
                add.version().get(),
                set_roles.version().get(),
                set_active.version().get(),
            )
        },
        |_| list_users(),
    );
    let add_error = Signal::derive(move || add.value().get().and_then(Result::err));
    let row_error = Signal::derive(move || {
        set_roles
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| set_active.value().get().and_then(Result::err))
    });
    let roles_error = field_error(add_error, "roles");

    view! {
        <p class="lead">{t.users_lead}</p>
        {uma_only.then(|| view! { <p class="hint">{t.uma_note}</p> })}
        <section class="card" aria-labelledby="add-user-heading">
            <h2 id="add-user-heading">{t.add_user}</h2>
            <FormAlert error=add_error />
            {move || {
                add.value()
                    .get()
                    .and_then(Result::ok)
                    .map(|new_user| {
                        view! {
                            <Notice>
                                <p>{t.user_added}</p>
                                <dl class="facts secret">
                                    <dt>{t.email}</dt>
                                    <dd>{new_user.email}</dd>
                                    <dt>{t.temporary_password}</dt>
                                    <dd>
                                        <output data-testid="temporary-password">
                                            {new_user.temporary_password}
                                        </output>
                                    </dd>
                                </dl>
                                <p>
                                    <strong>{t.temporary_password_note}</strong>
                                </p>
                            </Notice>
                        }
                    })
            }}
            <ActionForm action=add attr:novalidate="" attr:class="form-grid">
                <Field
                    label=t.name
                    name="name"
                    autocomplete="off"
                    required=true
                    error=field_error(add_error, "name")
                />
                <Field
                    label=t.email
                    name="email"
                    input_type="email"
                    autocomplete="off"
                    required=true
                    error=field_error(add_error, "email")
                />
                <fieldset
                    class="field choice"
                    class:field-invalid=move || roles_error.get().is_some()
                    aria-describedby="add-roles-err"
                >
                    <legend>{t.roles}</legend>
                    <RoleBoxes checked=vec![] uma_only />
                    <p
                        class="field-error"
                        id="add-roles-err"
                        hidden=move || roles_error.get().is_none()
                    >
                        {move || roles_error.get().map(|c| t.error_code(c))}
                    </p>
                </fieldset>
                <button
                    type="submit"
                    class="button button-primary"
                    disabled=move || add.pending().get()
                >
                    {t.add_user}
                </button>
            </ActionForm>
        </section>
        <section aria-labelledby="users-heading">
            <h2 id="users-heading" class="visually-hidden">
                {t.users_title}
            </h2>
            <FormAlert error=row_error />
            <Transition fallback=move || {
                view! { <p class="loading">{t.loading}</p> }
            }>
                {move || Suspend::new({
                    let me = me.clone();
                    async move {
                        match users.await {
                            Ok(rows) => {
                                view! { <UserTable rows me uma_only set_roles set_active /> }
                                    .into_any()
                            }
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn UserTable(
    rows: Vec<UserRow>,
    me: String,
    uma_only: bool,
    set_roles: ServerAction<SetUserRoles>,
    set_active: ServerAction<SetUserActive>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <DataTable headers=vec![
            t.name,
            t.email,
            t.roles,
            t.status,
            t.added,
            t.actions,
        ]>
            {rows
                .into_iter()
                .map(|u| {
                    let is_me = u.id.to_string() == me;
                    let id = u.id.to_string();
                    let id_for_roles = id.clone();
                    let status = if !u.active {
                        t.inactive
                    } else if u.must_change_password {
                        t.must_change
                    } else {
                        t.active
                    };
                    view! {
                        <tr class:row-inactive=!u.active>
                            <th scope="row">
                                {u.name.clone()} {is_me.then_some(" ")} {is_me.then_some(t.you)}
                            </th>
                            <td data-label=t.email>{u.email.clone()}</td>
                            <td data-label=t.roles>
                                <ActionForm
                                    action=set_roles
                                    attr:class="inline-form"
                                    attr:aria-label=format!("{} {}", t.roles, u.email)
                                >
                                    <input type="hidden" name="user_id" value=id_for_roles />
                                    <RoleBoxes checked=u.roles.clone() uma_only />
                                    <button type="submit" class="button button-small">
                                        {t.save_roles}
                                    </button>
                                </ActionForm>
                            </td>
                            <td data-label=t.status>{status}</td>
                            <td data-label=t.added class="nowrap">
                                {u.created.clone()}
                            </td>
                            <td data-label=t
                                .actions>
                                {(!is_me)
                                    .then(|| {
                                        view! {
                                            <ActionForm action=set_active attr:class="inline-form">
                                                <input type="hidden" name="user_id" value=id.clone() />
                                                <input
                                                    type="hidden"
                                                    name="active"
                                                    value=if u.active { "false" } else { "true" }
                                                />
                                                <button
                                                    type="submit"
                                                    class="button button-small button-quiet"
                                                    aria-label=format!(
                                                        "{} {}",
                                                        if u.active { t.deactivate } else { t.reactivate },
                                                        u.email,
                                                    )
                                                >
                                                    {if u.active { t.deactivate } else { t.reactivate }}
                                                </button>
                                            </ActionForm>
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

/// The roles this organization's users may hold (customers: Global admin only).
#[derive(Clone, Copy)]
struct OfferedRoles(&'static [Role]);

/// The role checkboxes; a User management admin cannot change the Global admin box.
#[component]
fn RoleBoxes(checked: Vec<Role>, uma_only: bool) -> impl IntoView {
    let t = use_t();
    let offered = use_context::<OfferedRoles>().map_or(&Role::ALL[..], |o| o.0);
    offered
        .iter()
        .copied()
        .map(|role| {
            let locked = uma_only && role == Role::GlobalAdmin;
            let is_checked = checked.contains(&role);
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        name=format!("roles[{}]", role.as_str())
                        checked=is_checked
                        disabled=locked
                    />
                    {t.role(role)}
                </label>
                // A disabled box is not sent; keep the Global admin role as it is.
                {(locked && is_checked)
                    .then(|| {
                        view! {
                            <input
                                type="hidden"
                                name=format!("roles[{}]", role.as_str())
                                value="on"
                            />
                        }
                    })}
            }
        })
        .collect_view()
}
