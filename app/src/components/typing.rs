//! Checking a field as a person types it, without a request per keystroke.

use leptos::prelude::*;

/// Runs `check` on what was typed once typing pauses for 300 ms: a newer keystroke wins, and an
/// emptied field clears the last answer. Call the returned function from the field's input
/// handler with its value.
pub fn check_when_typing_pauses<O>(check: Action<String, O>) -> impl Fn(String) + Copy
where
    O: Send + Sync + 'static,
{
    let typed = RwSignal::new(0_u64);
    move |value: String| {
        let n = typed.get_untracked() + 1;
        typed.set(n);
        if value.trim().is_empty() {
            check.value().set(None);
            return;
        }
        set_timeout(
            move || {
                if typed.get_untracked() == n {
                    check.dispatch(value);
                }
            },
            std::time::Duration::from_millis(300),
        );
    }
}
