// `sqlx::migrate!` embeds the migrations at compile time: a changed or new migration must
// rebuild the server (cargo does not know that the macro read these folders).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=migrations-postgres");
}
