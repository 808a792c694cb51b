//! A labelled form field with its hint and its error, wired for screen readers.

use crate::{
    i18n::use_t,
    model::{AppError, ErrorCode},
};
use leptos::prelude::*;

/// The code of `field` in the last error, as a signal for [`Field`].
pub fn field_error(
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> Signal<Option<ErrorCode>> {
    Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| e.field_code(field))))
}

/// An id usable in HTML for a form name such as `form[legal_name]`.
pub fn dom_id(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("f-{}", cleaned.trim_matches('-'))
}

#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] error: Option<Signal<Option<ErrorCode>>>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// An explicit id, where the same form appears more than once on a page.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let t = use_t();
    let id = id.unwrap_or_else(|| dom_id(name));
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-err");
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let described_by = {
        let (hint_id, err_id) = (hint_id.clone(), err_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint
                .map(|h| {
                    view! {
                        <p class="hint" id=hint_id.clone()>
                            {h}
                        </p>
                    }
                })}
            <input
                id=id.clone()
                name=name
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                aria-required=required.then_some("true")
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
                value=value
            />
            <p class="field-error" id=err_id.clone() hidden=move || error.get().is_none()>
                {move || error.get().map(|c| t.error_code(c))}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::dom_id;

    #[test]
    fn ids_from_bracketed_names() {
        assert_eq!(dom_id("form[legal_name]"), "f-form-legal-name");
        assert_eq!(dom_id("email"), "f-email");
    }
}
