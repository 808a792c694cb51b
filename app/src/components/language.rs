//! The language switch at the foot of every page: a plain form (no wasm needed), one button per
//! language, each named in itself. Posting it reloads the page in the chosen language; the
//! choice is remembered (see `api::language`, whose address the page passes in).

use crate::{
    i18n::{use_locale, use_t},
    model::Locale,
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn LanguageSwitch(
    /// Where the form posts (the server function that remembers the choice).
    action: &'static str,
) -> impl IntoView {
    let t = use_t();
    let current = use_locale();
    let location = use_location();
    let back = move || format!("{}{}", location.pathname.get(), location.search.get());
    view! {
        <footer class="site-footer">
            <form class="lang-switch" method="post" action=action>
                <input type="hidden" name="back" prop:value=back />
                <span class="lang-label" id="lang-label" lang=current.tag()>
                    {t.language}
                </span>
                <div class="lang-options" role="group" aria-labelledby="lang-label">
                    {Locale::ALL
                        .map(|l| {
                            view! {
                                <button
                                    type="submit"
                                    name="lang"
                                    value=l.tag()
                                    lang=l.tag()
                                    class="lang-option"
                                    aria-current=(l == current).then_some("true")
                                >
                                    {l.native_name()}
                                </button>
                            }
                        })}
                </div>
            </form>
        </footer>
    }
}
