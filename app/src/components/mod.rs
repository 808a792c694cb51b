//! Shared pieces of pages.

pub mod alert;
pub mod field;
pub mod shell;

pub use alert::{FormAlert, Notice};
pub use field::{Field, field_error};
pub use shell::{MeResource, Shell, use_me};
