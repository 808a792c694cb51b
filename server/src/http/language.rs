//! Which language a reply is written in: a `lang` in the address (`/invite/…?lang=hu`, for a
//! link written for someone), else the signed-in user's choice, else the visitor's cookie (an
//! explicit choice made with the language switch), else the best match of the browser's
//! `Accept-Language`, else English. Unknown or malformed values fall through to the next source,
//! never to an error.

use app::model::{Locale, locale::COOKIE_NAME};
use http::{
    HeaderMap,
    header::{ACCEPT_LANGUAGE, COOKIE},
};

pub fn choose(query: Option<&str>, user: Option<Locale>, headers: &HeaderMap) -> Locale {
    query
        .and_then(from_query)
        .or(user)
        .or_else(|| cookie(headers))
        .or_else(|| {
            headers
                .get_all(ACCEPT_LANGUAGE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find_map(Locale::negotiate)
        })
        .unwrap_or_default()
}

/// `lang=xx` among the address's query parameters.
fn from_query(query: &str) -> Option<Locale> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == "lang")
        .and_then(|(_, value)| Locale::from_tag(value))
}

fn cookie(headers: &HeaderMap) -> Option<Locale> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .and_then(|(_, value)| Locale::from_tag(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(http::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn the_user_then_the_cookie_then_the_browser() {
        let h = headers(&[
            (COOKIE, "a=b; tierlink_lang=hu"),
            (ACCEPT_LANGUAGE, "ru-RU,ru;q=0.9"),
        ]);
        assert_eq!(choose(None, Some(Locale::Tr), &h), Locale::Tr);
        assert_eq!(choose(None, None, &h), Locale::Hu);
        assert_eq!(
            choose(Some("a=1&lang=ru"), Some(Locale::Tr), &h),
            Locale::Ru
        );
        assert_eq!(choose(Some("lang=xx"), None, &h), Locale::Hu);
        assert_eq!(choose(Some("lang"), None, &h), Locale::Hu);
        let h = headers(&[
            (COOKIE, "tierlink_lang=xx"),
            (ACCEPT_LANGUAGE, "ru-RU,ru;q=0.9"),
        ]);
        assert_eq!(choose(None, None, &h), Locale::Ru);
        let h = headers(&[(ACCEPT_LANGUAGE, ";;q=,,tr;q=x")]);
        assert_eq!(choose(None, None, &h), Locale::En);
        assert_eq!(choose(None, None, &HeaderMap::new()), Locale::En);
    }
}
