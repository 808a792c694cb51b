//! The server's tests, through the real router on a real database (and a real server process
//! where the network matters), in one binary: one link instead of seven, and the shared helpers
//! in `common` are checked for use like any code.

mod common;

mod accounts;
mod activity;
mod assets;
mod authorization;
mod constraints;
mod customers;
mod home;
mod invitations;
mod languages;
mod moving;
mod notifications;
mod orders;
mod partnerships;
mod reliability;
mod rest;
mod security;
mod users;
mod webhooks;
