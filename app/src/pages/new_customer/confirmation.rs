//! The last step of **New customer**: what was created, and the **Setup info** (the admin's user
//! name and temporary password), shown this once.

use crate::{
    i18n::{Fill, use_t},
    model::NewCustomerDone,
};
use leptos::prelude::*;

#[component]
pub(super) fn ConfirmationStep(done: NewCustomerDone) -> impl IntoView {
    let t = use_t();
    let s = &t.sales;
    let d = done;
    let copy_text = format!(
        "{}: {}\n{}: {}",
        s.admin_user_name, d.admin_user, t.temporary_password, d.temporary_password
    );
    let copied = RwSignal::new(false);
    view! {
        <p>{s.customer_created.fill("{name}", &d.name).replace("{domain}", &d.domain)}</p>
        <section class="card secret" aria-labelledby="setup-info">
            <h3 id="setup-info">{s.setup_info}</h3>
            <dl class="facts">
                <dt>{s.admin_user_name}</dt>
                <dd>
                    <output data-testid="admin-user">{d.admin_user.clone()}</output>
                </dd>
                <dt>{t.temporary_password}</dt>
                <dd>
                    <output data-testid="temporary-password">{d.temporary_password.clone()}</output>
                </dd>
            </dl>
            <p>
                <strong>{s.setup_info_warning}</strong>
            </p>
            <p>
                <button
                    type="button"
                    class="button button-small"
                    on:click=move |_| {
                        let text = copy_text.clone();
                        leptos::task::spawn_local(async move {
                            copied.set(crate::browser::copy_text(&text).await);
                        });
                    }
                >
                    {t.copy_to_clipboard}
                </button>
                <span role="status" class="hint">
                    {move || copied.get().then_some(t.copied)}
                </span>
            </p>
        </section>
    }
}
