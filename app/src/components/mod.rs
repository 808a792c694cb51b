//! Shared pieces of pages.

pub mod alert;
pub mod confirm;
pub mod delegated_admin;
pub mod draft;
pub mod field;
pub mod language;
pub mod offer_lines;
pub mod ready;
pub mod shell;
pub mod table;
pub mod typing;

pub use alert::{Flash, FormAlert, Notice};
pub use confirm::Confirm;
pub use delegated_admin::DelegatedAdminChoice;
pub use draft::DraftEmail;
pub use field::{Field, field_error};
pub use language::LanguageSwitch;
pub use ready::Ready;
pub use shell::{MeResource, SessionEpoch, Shell, use_me};
pub use table::{DataTable, ErrorAlert};
