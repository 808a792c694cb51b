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

/// The `lang` of the document element, which the server set to the page's language.
#[cfg(feature = "hydrate")]
pub fn document_lang() -> Option<String> {
    web_sys::window()?
        .document()?
        .document_element()?
        .get_attribute("lang")
}

#[cfg(not(feature = "hydrate"))]
pub fn document_lang() -> Option<String> {
    None
}

/// Loads the page again from the server (when it must be rendered anew, as in another language).
#[cfg(feature = "hydrate")]
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

#[cfg(not(feature = "hydrate"))]
pub fn reload() {}

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

/// Moves the keyboard focus to the element with this id (for example a heading with
/// `tabindex="-1"` after the content under the focus was replaced).
#[cfg(feature = "hydrate")]
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

#[cfg(not(feature = "hydrate"))]
pub fn focus(_id: &str) {}

/// The element that has the keyboard focus now, to give it back later (a dialog's opener).
pub struct Focused(#[cfg(feature = "hydrate")] Option<web_sys::HtmlElement>);

impl Focused {
    #[cfg(feature = "hydrate")]
    pub fn now() -> Self {
        use wasm_bindgen::JsCast;
        Self(
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
        )
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn now() -> Self {
        Self()
    }

    /// Focuses it again, if it is still on the page.
    #[cfg(feature = "hydrate")]
    pub fn restore(&self) {
        if let Some(el) = self.0.as_ref().filter(|e| e.is_connected()) {
            let _ = el.focus();
        }
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn restore(&self) {}
}

/// The id of the element that has the keyboard focus.
#[cfg(feature = "hydrate")]
pub fn focused_id() -> Option<String> {
    web_sys::window()?
        .document()?
        .active_element()
        .map(|e| e.id())
}

#[cfg(not(feature = "hydrate"))]
pub fn focused_id() -> Option<String> {
    None
}

/// Opens the `<dialog>` with this id as a modal (the rest of the page inert until it closes),
/// or closes it.
#[cfg(feature = "hydrate")]
pub fn modal(id: &str, open: bool) {
    use wasm_bindgen::JsCast;
    if let Some(d) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok())
    {
        match (open, d.open()) {
            (true, false) => {
                let _ = d.show_modal();
            }
            (false, true) => d.close(),
            _ => {}
        }
    }
}

#[cfg(not(feature = "hydrate"))]
pub fn modal(_id: &str, _open: bool) {}

/// Copies text to the clipboard; false when the browser refused.
#[cfg(feature = "hydrate")]
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

#[cfg(not(feature = "hydrate"))]
pub async fn copy_text(_text: &str) -> bool {
    false
}

/// Percent-encodes a URI component the way `encodeURIComponent` does (UTF-8, unreserved kept).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A `mailto:` URL to exactly this address: everything but `@` and unreserved characters is
/// percent-encoded, so an address such as `x?bcc=…` cannot add headers to the mail.
pub fn mailto_address(to: &str) -> String {
    format!("mailto:{}", encode_component(to.trim()).replace("%40", "@"))
}

/// A `mailto:` URL with subject and body; line breaks become CRLF as RFC 6068 asks.
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    let crlf = |s: &str| s.replace("\r\n", "\n").replace('\n', "\r\n");
    format!(
        "{}?subject={}&body={}",
        mailto_address(to),
        encode_component(&crlf(subject)),
        encode_component(&crlf(body))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailto_encodes_everything_and_keeps_line_breaks() {
        let url = mailto(
            "ayse@example.com",
            "Ortaklık & more",
            "Hi,\nline 2 https://x/invite/a_b-c?d=1",
        );
        assert_eq!(
            url,
            "mailto:ayse@example.com?subject=Ortakl%C4%B1k%20%26%20more&body=Hi%2C%0D%0Aline%202%20https%3A%2F%2Fx%2Finvite%2Fa_b-c%3Fd%3D1"
        );
        assert!(mailto("", "s", "b").starts_with("mailto:?subject=s"));
    }

    #[test]
    fn a_contact_address_cannot_add_mail_headers() {
        assert_eq!(
            mailto_address("sales@contoso.example"),
            "mailto:sales@contoso.example"
        );
        assert_eq!(
            mailto_address("x?bcc=all@evil.example&subject=hi"),
            "mailto:x%3Fbcc%3Dall@evil.example%26subject%3Dhi"
        );
    }
}

/// An open `EventSource`; dropping it closes the stream.
#[cfg(feature = "hydrate")]
pub struct EventStream {
    source: web_sys::EventSource,
    _on_event: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>,
}

#[cfg(feature = "hydrate")]
impl Drop for EventStream {
    fn drop(&mut self) {
        self.source.close();
    }
}

/// Listens to the Server-Sent Events named `event` at `url` (same origin, with the cookies):
/// `on_data` gets each event's data, and `None` when the stream fails for good (the browser
/// retries a dropped connection by itself; a refusal ends it).
#[cfg(feature = "hydrate")]
pub fn listen(
    url: &str,
    event: &str,
    on_data: impl Fn(Option<String>) + 'static,
) -> Option<EventStream> {
    use wasm_bindgen::{JsCast, closure::Closure};
    let source = web_sys::EventSource::new(url).ok()?;
    let on_data = std::rc::Rc::new(on_data);
    let data = on_data.clone();
    let on_event =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            data(e.data().as_string());
        });
    let closed = source.clone();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        // CLOSED (2): the browser gave up (the server refused); otherwise it is reconnecting.
        if closed.ready_state() == 2 {
            on_data(None);
        }
    });
    source
        .add_event_listener_with_callback(event, on_event.as_ref().unchecked_ref())
        .ok()?;
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(EventStream {
        source,
        _on_event: on_event,
        _on_error: on_error,
    })
}

/// From now on a panic (a page's chunk that failed to load — the connection dropped, or an old
/// page asks for a file of a previous deploy — or a bug) leaves a notice over the page with a
/// link that loads it again, besides the console message: the code behind the page has stopped,
/// and the page must not look as if it still answers. Built with the DOM alone (the reactive
/// system may be in any state), once, in the page's language.
#[cfg(feature = "hydrate")]
pub fn offer_reload_on_panic() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_broken_page_notice();
    }));
}

#[cfg(feature = "hydrate")]
fn show_broken_page_notice() -> Option<()> {
    const ID: &str = "page-broken";
    let window = web_sys::window()?;
    let document = window.document()?;
    if document.get_element_by_id(ID).is_some() {
        return Some(());
    }
    let t = crate::page_locale().strings();
    let notice = document.create_element("div").ok()?;
    notice.set_id(ID);
    notice.set_class_name("page-broken alert alert-error");
    notice.set_attribute("role", "alert").ok()?;
    let text = document.create_element("p").ok()?;
    text.set_text_content(Some(t.page_broken));
    // A plain link to this very address: `rel="external"` keeps the (stopped) router's hands off.
    let link = document.create_element("a").ok()?;
    link.set_class_name("button");
    link.set_attribute("href", &window.location().href().ok()?)
        .ok()?;
    link.set_attribute("rel", "external").ok()?;
    link.set_text_content(Some(t.reload_page));
    notice.append_child(&text).ok()?;
    notice.append_child(&link).ok()?;
    let body = document.body()?;
    body.insert_before(&notice, body.first_child().as_ref())
        .ok()?;
    Some(())
}
