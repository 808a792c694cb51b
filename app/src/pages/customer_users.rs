//! A customer's **Users and licenses**, for a partner with delegated admin permissions: add a user
//! (temporary password shown once), assign and take back licenses of the customer's
//! subscriptions (never more than purchased), reset a user's password (shown once).

use crate::{
    api::customer_users::{
        AddCustomerUser, ResetCustomerPassword, SetCustomerLicense, customer_users,
    },
    components::{ErrorAlert, Field, FormAlert, Notice, field_error},
    i18n::{Fill, use_locale, use_t},
    model::{AppError, CustomerUser, CustomerUsersView, OrgId, SubscriptionRow, TemporaryPassword},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CustomerUsersPage() -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<OrgId>().ok())));
    let add = ServerAction::<AddCustomerUser>::new();
    let reset = ServerAction::<ResetCustomerPassword>::new();
    let license = ServerAction::<SetCustomerLicense>::new();
    let data = Resource::new(
        move || {
            (
                id.get(),
                add.version().get(),
                reset.version().get(),
                license.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => customer_users(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p class="breadcrumb">
            <a href="/customers">{t.back_to_customers}</a>
        </p>
        <Transition fallback=move || {
            view! { <p class="loading">{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <UsersAndLicenses data=d add reset license /> }.into_any(),
                    Err(e) => {
                        view! {
                            <Title text=s.users_and_licenses />
                            <h1>{s.users_and_licenses}</h1>
                            <ErrorAlert error=e />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// A temporary password, shown once.
#[component]
fn Shown(pw: TemporaryPassword, text: &'static str) -> impl IntoView {
    let t = use_t();
    view! {
        <Notice>
            <p>{text}</p>
            <dl class="facts secret">
                <dt>{t.email}</dt>
                <dd>{pw.email}</dd>
                <dt>{t.temporary_password}</dt>
                <dd>
                    <output data-testid="temporary-password">{pw.temporary_password}</output>
                </dd>
            </dl>
            <p>
                <strong>{t.temporary_password_note}</strong>
            </p>
        </Notice>
    }
}

#[component]
fn UsersAndLicenses(
    data: CustomerUsersView,
    add: ServerAction<AddCustomerUser>,
    reset: ServerAction<ResetCustomerPassword>,
    license: ServerAction<SetCustomerLicense>,
) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let locale = use_locale();
    let id = data.org_id;
    let title = format!("{} — {}", data.name, s.users_and_licenses);
    let add_error = Signal::derive(move || add.value().get().and_then(Result::err));
    let row_error = Signal::derive(move || {
        reset
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| license.value().get().and_then(Result::err))
    });
    let subs = data.subscriptions.clone();
    let summary = data
        .subscriptions
        .iter()
        .map(|sub| {
            view! {
                <li>
                    {s
                        .subscription_usage
                        .pick(locale, sub.licenses.into())
                        .replace("{offer}", &sub.offer)
                        .replace("{assigned}", &sub.assigned.to_string())
                        .replace("{total}", &sub.licenses.to_string())}
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=title.clone() />
        <h1 id="page-title" tabindex="-1">
            {title}
        </h1>
        <p class="lead">{s.users_lead.replace("{domain}", &data.domain)}</p>
        <section class="card" aria-labelledby="usage-heading">
            <h2 id="usage-heading">{s.subscriptions_title}</h2>
            {if data.subscriptions.is_empty() {
                view! { <p class="empty">{s.no_subscriptions}</p> }.into_any()
            } else {
                view! { <ul class="plain-list">{summary}</ul> }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="add-customer-user">
            <h2 id="add-customer-user">{t.add_user}</h2>
            <FormAlert error=add_error />
            {move || {
                add.value()
                    .get()
                    .and_then(Result::ok)
                    .map(|pw| view! { <Shown pw text=t.user_added /> })
            }}
            <ActionForm action=add attr:novalidate="" attr:class="form-grid">
                <input type="hidden" name="customer_id" value=id.to_string() />
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
                <button
                    type="submit"
                    class="button button-primary"
                    disabled=move || add.pending().get()
                >
                    {t.add_user}
                </button>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="users-heading">
            <h2 id="users-heading">{s.users_title}</h2>
            <FormAlert error=row_error />
            {move || {
                reset
                    .value()
                    .get()
                    .and_then(Result::ok)
                    .map(|pw| view! { <Shown pw text=s.password_was_reset /> })
            }}
            <div class="table-wrap">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{t.name}</th>
                            <th scope="col">{t.email}</th>
                            <th scope="col">{s.licenses}</th>
                            <th scope="col">{t.actions}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {data
                            .users
                            .into_iter()
                            .map(|u| {
                                view! {
                                    <UserRow customer=id user=u subs=subs.clone() reset license />
                                }
                                    .into_any()
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn UserRow(
    customer: OrgId,
    user: CustomerUser,
    subs: Vec<SubscriptionRow>,
    reset: ServerAction<ResetCustomerPassword>,
    license: ServerAction<SetCustomerLicense>,
) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let locale = use_locale();
    let user_id = user.id;
    let held: Vec<SubscriptionRow> = subs
        .iter()
        .filter(|sub| user.licenses.contains(&sub.id))
        .cloned()
        .collect();
    let free: Vec<SubscriptionRow> = subs
        .into_iter()
        .filter(|sub| !user.licenses.contains(&sub.id))
        .collect();
    let select_id = format!("assign-{user_id}");
    let chosen = RwSignal::new(free.first().map(|f| f.id));
    let name = user.name.clone();
    let held_view = held
        .into_iter()
        .map(|sub| {
            let label = s
                .take_back_label
                .replace("{offer}", &sub.offer)
                .fill("{name}", &name);
            view! {
                <li>
                    {sub.offer.clone()} " "
                    <button
                        type="button"
                        class="button button-small button-quiet"
                        aria-label=label
                        disabled=move || license.pending().get()
                        on:click=move |_| {
                            license
                                .dispatch(SetCustomerLicense {
                                    customer_id: customer,
                                    user_id,
                                    subscription_id: sub.id,
                                    assign: false,
                                });
                        }
                    >
                        {s.take_back}
                    </button>
                </li>
            }
        })
        .collect_view();
    let assign_view = (user.active && !free.is_empty()).then(|| {
        let label = s.assign_license_to.fill("{name}", &user.name);
        view! {
            <div class="inline-form">
                <label for=select_id.clone() class="visually-hidden">
                    {label}
                </label>
                <select
                    id=select_id.clone()
                    on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())
                >
                    {free
                        .into_iter()
                        .map(|sub| {
                            let text = s
                                .subscription_usage
                                .pick(locale, sub.licenses.into())
                                .replace("{offer}", &sub.offer)
                                .replace("{assigned}", &sub.assigned.to_string())
                                .replace("{total}", &sub.licenses.to_string());
                            view! { <option value=sub.id.to_string()>{text}</option> }
                        })
                        .collect_view()}
                </select>
                <button
                    type="button"
                    class="button button-small"
                    disabled=move || license.pending().get()
                    on:click=move |_| {
                        if let Some(sub) = chosen.get_untracked() {
                            license
                                .dispatch(SetCustomerLicense {
                                    customer_id: customer,
                                    user_id,
                                    subscription_id: sub,
                                    assign: true,
                                });
                        }
                    }
                >
                    {s.assign_license}
                </button>
            </div>
        }
    });
    let reset_label = s.reset_password_of.fill("{name}", &user.name);
    view! {
        <tr>
            <th scope="row">
                {user.name.clone()}
                {user
                    .global_admin
                    .then(|| view! { <span class="badge">{t.role_global_admin}</span> })}
                {(!user.active).then(|| view! { <span class="badge">{t.inactive}</span> })}
            </th>
            <td>{user.email.clone()}</td>
            <td>
                <ul class="plain-list">{held_view}</ul>
                {assign_view}
            </td>
            <td>
                {if user.global_admin {
                    view! { <span class="muted">{s.managed_by_customer}</span> }.into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            class="button button-small"
                            aria-label=reset_label
                            disabled=move || reset.pending().get()
                            on:click=move |_| {
                                reset
                                    .dispatch(ResetCustomerPassword {
                                        customer_id: customer,
                                        user_id,
                                    });
                            }
                        >
                            {s.reset_password}
                        </button>
                    }
                        .into_any()
                }}
            </td>
        </tr>
    }
}
