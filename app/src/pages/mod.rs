//! One file per page.

pub mod account;
pub mod activity;
pub mod enroll;
pub mod home;
pub mod not_found;
pub mod sign_in;
pub mod users;
