//! The choice every customer request makes: whether it also asks for delegated admin permissions.
//! Checked by default; partners in the US Government cloud cannot leave it out, and are told why.

use crate::{i18n::use_t, model::Cloud};
use leptos::prelude::*;

#[component]
pub fn DelegatedAdminChoice(cloud: Cloud) -> impl IntoView {
    let t = use_t();
    let fixed = cloud.must_ask_delegated_admin();
    view! {
        <div class="field">
            <label class="check">
                <input
                    type="checkbox"
                    name="ask_delegated_admin"
                    value="on"
                    checked=true
                    disabled=fixed
                    aria-describedby="f-dap-hint"
                />
                {t.ask_delegated_admin}
            </label>
            // A disabled box is not sent: the fixed answer travels in a hidden field.
            {fixed.then(|| view! { <input type="hidden" name="ask_delegated_admin" value="on" /> })}
            <p class="hint" id="f-dap-hint">
                {if fixed { t.us_gov_must_ask } else { t.ask_delegated_admin_hint }}
            </p>
        </div>
    }
}
