//! The few browser facts Leptos does not wrap.

/// The browser's IANA time zone, such as `Europe/Istanbul`.
#[cfg(feature = "hydrate")]
pub fn time_zone() -> Option<String> {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|v| v.as_string())
}

/// On the server there is no browser.
#[cfg(not(feature = "hydrate"))]
pub fn time_zone() -> Option<String> {
    None
}

/// Marks the page as hydrated, so that tests (and styles) can tell.
#[cfg(feature = "hydrate")]
pub fn mark_hydrated() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
