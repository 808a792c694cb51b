//! The user's own account: password and time zone. The forced change after a temporary password
//! is the same form on a page of its own.

use crate::{
    api::session::{ChangePassword, SetTimeZone, current_user},
    components::{Field, FormAlert, Notice, field_error, use_me},
    i18n::use_t,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Redirect, hooks::use_navigate};

#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_t();
    let change = ServerAction::<ChangePassword>::new();
    let tz = ServerAction::<SetTimeZone>::new();
    let tz_error = Signal::derive(move || tz.value().get().and_then(Result::err));
    view! {
        <Title text=t.account_title />
        <h1>{t.account_title}</h1>
        <section class="card" aria-labelledby="pw-heading">
            <h2 id="pw-heading">{t.change_password_title}</h2>
            {move || {
                change
                    .value()
                    .get()
                    .and_then(Result::ok)
                    .map(|_| view! { <Notice>{t.password_changed}</Notice> })
            }}
            <PasswordForm action=change />
        </section>
        <section class="card" aria-labelledby="tz-heading">
            <h2 id="tz-heading">{t.time_zone}</h2>
            <FormAlert error=tz_error />
            {move || {
                tz.value()
                    .get()
                    .and_then(Result::ok)
                    .map(|_| view! { <Notice>{t.time_zone_saved}</Notice> })
            }}
            <Suspense>
                {move || Suspend::new(async move {
                    let current = use_me().await.map(|a| a.time_zone).unwrap_or_default();
                    view! {
                        <ActionForm action=tz attr:novalidate="">
                            <Field
                                label=t.time_zone
                                name="time_zone"
                                hint=t.time_zone_hint
                                value=current
                                required=true
                                error=field_error(tz_error, "time_zone")
                            />
                            <button type="submit" class="button">
                                {t.save_time_zone}
                            </button>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The page a user with a temporary password is sent to.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let t = use_t();
    let me = Resource::new_blocking(|| (), |_| current_user());
    let change = ServerAction::<ChangePassword>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            navigate("/", Default::default());
        }
    });
    view! {
        <Title text=t.change_password_title />
        <main id="main" class="auth-page">
            <div class="card auth-card">
                <p class="brand brand-large">{t.app_name}</p>
                <h1>{t.change_password_title}</h1>
                <Suspense>
                    {move || Suspend::new(async move {
                        match me.await {
                            Ok(Some(actor)) => {
                                let lead = if actor.must_change_password {
                                    t.change_password_forced
                                } else {
                                    t.change_password_lead
                                };
                                view! {
                                    <p class="lead">{lead}</p>
                                    <PasswordForm action=change />
                                }
                                    .into_any()
                            }
                            _ => view! { <Redirect path="/sign-in" /> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </main>
    }
}

#[component]
fn PasswordForm(action: ServerAction<ChangePassword>) -> impl IntoView {
    let t = use_t();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <FormAlert error />
        <ActionForm action attr:novalidate="">
            <Field
                label=t.current_password
                name="current_password"
                input_type="password"
                autocomplete="current-password"
                required=true
                error=field_error(error, "current_password")
            />
            <Field
                label=t.new_password
                name="new_password"
                input_type="password"
                autocomplete="new-password"
                hint=t.password_hint
                required=true
                error=field_error(error, "new_password")
            />
            <Field
                label=t.repeat_password
                name="repeat_password"
                input_type="password"
                autocomplete="new-password"
                required=true
                error=field_error(error, "repeat_password")
            />
            <button
                type="submit"
                class="button button-primary"
                disabled=move || action.pending().get()
            >
                {t.change_password}
            </button>
        </ActionForm>
    }
}
