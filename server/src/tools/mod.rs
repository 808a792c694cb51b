//! What the command line does besides serving: demo data, benchmark data at two scales and the
//! operator account. None of it runs while the portal serves requests; it lives here so the
//! crate's root holds only the server itself.

pub mod backup;
pub mod bench;
pub mod bench_scale;
pub mod copy;
pub mod demo;
mod demo_api;
mod demo_notices;
mod demo_webhooks;
pub mod operator;
pub mod rows;
