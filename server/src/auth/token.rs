//! Random tokens for sessions (and, later, invitation links): 32 bytes from the OS, base64url in
//! the cookie or link, only the SHA-256 in the database.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

/// A token as given out (cookie or link) and as stored.
pub struct NewToken {
    pub token: String,
    pub hash: String,
}

/// A new token and its hash.
pub fn new_token() -> Result<NewToken, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash(&token);
    Ok(NewToken { token, hash })
}

/// The stored form of a token.
pub fn hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_43_chars_and_hash_is_stable() {
        let NewToken { token: t, hash: h } = new_token().unwrap();
        assert_eq!(t.len(), 43);
        assert_eq!(h.len(), 64);
        assert_eq!(hash(&t), h);
        assert_ne!(new_token().unwrap().token, t);
    }
}
