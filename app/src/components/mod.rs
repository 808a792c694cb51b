//! Shared pieces of pages.

pub mod alert;
pub mod confirm;
pub mod delegated_admin;
pub mod draft;
pub mod field;
pub mod frame;
pub mod language;
pub mod offer_lines;
pub mod ready;
pub mod table;
pub mod typing;

pub use alert::{Flash, FormAlert, NotAllowed, Notice};
pub use confirm::Confirm;
pub use delegated_admin::DelegatedAdminChoice;
pub use draft::DraftEmail;
pub use field::{Field, field_error};
pub use frame::{MeResource, Menu, SessionEpoch, TopBar, use_me};
pub use language::LanguageSwitch;
pub use ready::Ready;
pub use table::{DataTable, ErrorAlert, Pager};

#[cfg(test)]
mod tests {
    /// Components take data: the pages call the server and pass what it answers (or an action)
    /// in, so a component can be shown with any data and never reaches past the page.
    #[test]
    fn no_component_calls_the_server() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/components");
        let mut files = 0;
        for entry in std::fs::read_dir(dir).expect("components folder") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("source file");
            files += 1;
            // Tests (this one included) may name what they look for.
            let code_part = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (n, line) in code_part.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                assert!(
                    !code.contains("api::") && !code.contains("server_fn"),
                    "{}:{}: a component reaches the server: {line}",
                    path.display(),
                    n + 1
                );
            }
        }
        assert!(files > 5, "read {files} files from {dir}");
    }
}
