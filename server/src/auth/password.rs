//! Password hashing with argon2id (the crate's defaults: 19 MiB, 2 passes), off the async
//! threads because a hash takes tens of milliseconds by design.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier, password_hash::SaltString};

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("hashing failed: {0}")]
    Hash(String),
    #[error("the hashing task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

pub async fn hash(password: String) -> Result<String, HashError> {
    tokio::task::spawn_blocking(move || {
        let mut salt_bytes = [0u8; 16];
        getrandom::fill(&mut salt_bytes).map_err(|e| HashError::Hash(e.to_string()))?;
        let salt =
            SaltString::encode_b64(&salt_bytes).map_err(|e| HashError::Hash(e.to_string()))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| HashError::Hash(e.to_string()))
    })
    .await?
}

/// Whether `password` matches `hash`; a malformed hash matches nothing.
pub async fn verify(password: String, hash: String) -> Result<bool, HashError> {
    Ok(tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await?)
}

/// A temporary password: 16 characters from an alphabet without look-alikes (about 80 bits).
pub fn temporary() -> Result<String, getrandom::Error> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    // 256 is not a multiple of 54, so a slight bias remains; at 16 characters it costs < 1 bit.
    Ok(bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_then_verify() {
        let h = hash("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(
            verify("correct horse battery".into(), h.clone())
                .await
                .unwrap()
        );
        assert!(!verify("wrong horse battery".into(), h).await.unwrap());
        assert!(!verify("x".into(), "not a hash".into()).await.unwrap());
    }

    #[test]
    fn temporary_passwords_are_long_and_differ() {
        let a = temporary().unwrap();
        let b = temporary().unwrap();
        assert_eq!(a.chars().count(), 16);
        assert_ne!(a, b);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() && !"0O1lI".contains(c))
        );
    }
}
