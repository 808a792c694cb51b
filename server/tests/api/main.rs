//! The server's tests, through the real router on a real SQLite file (and a real server process
//! where the network matters), in one binary: one link instead of seven, and the shared helpers
//! in `common` are checked for use like any code.

mod common;

mod accounts;
mod assets;
mod authorization;
mod constraints;
mod customers;
mod languages;
mod orders;
mod partnerships;
mod reliability;
mod security;
mod users;
