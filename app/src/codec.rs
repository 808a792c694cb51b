//! [`JsonBytes`]: a resource encoding for large page data, carried into the page as base64.
//!
//! Leptos writes each resource's encoded value into the page inside a JavaScript string, quoted
//! with Rust's `{:?}`. For JSON, that escapes every `"` and looks up every non-ASCII character in
//! the Unicode printable tables: on the Customers page (50 rows of names, domains and ids, ~7 KB
//! of JSON) that was ~190,000 instructions, a tenth of the page. A codec whose encoded form is
//! bytes is written as base64 instead (Leptos' own `Vec<u8>` encoding), which `{:?}` copies
//! without escaping anything: a third more bytes, a small part of the work. The data is the same
//! JSON that the list API answers with, so nothing else changes.

use codee::{Decoder, Encoder};
use serde::{Serialize, de::DeserializeOwned};

/// JSON, carried as bytes (base64 in the page). Use with `Resource::new_with_options`.
pub struct JsonBytes;

impl<T: Serialize> Encoder<T> for JsonBytes {
    type Error = serde_json::Error;
    type Encoded = Vec<u8>;

    fn encode(val: &T) -> Result<Self::Encoded, Self::Error> {
        serde_json::to_vec(val)
    }
}

impl<T: DeserializeOwned> Decoder<T> for JsonBytes {
    type Error = serde_json::Error;
    type Encoded = [u8];

    fn decode(val: &Self::Encoded) -> Result<T, Self::Error> {
        serde_json::from_slice(val)
    }
}

#[cfg(test)]
mod tests {
    use super::JsonBytes;
    use codee::{Decoder, Encoder};
    use std::sync::Arc;

    #[test]
    fn round_trips_what_it_encodes() {
        let value: Result<Vec<(Arc<str>, bool)>, String> =
            Ok(vec![("Pannon Könyvelő \"Kft.\" </script>".into(), true)]);
        let bytes = JsonBytes::encode(&value).expect("encodes");
        let back: Result<Vec<(Arc<str>, bool)>, String> =
            JsonBytes::decode(&bytes).expect("decodes");
        assert_eq!(back, value);
        assert!(
            <JsonBytes as Decoder<Result<Vec<(Arc<str>, bool)>, String>>>::decode(b"{").is_err()
        );
    }
}
