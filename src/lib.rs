//! A desktop assistant that walks a Cisco/Meraki partner administrator through the
//! procedure "my Cisco Networking Subscription consumption does not show in CSSM".
//!
//! The domain (procedure, rules, validation, case, summary) is pure Rust with no user
//! interface in it; the window lives in [`app`] and [`ui`].

#[cfg(feature = "gui")]
pub mod app;
pub mod case;
pub mod cli;
pub mod i18n;
pub mod lint;
pub mod procedure;
pub mod progress;
pub mod rules;
pub mod storage;
pub mod summary;
#[cfg(feature = "gui")]
pub mod ui;
pub mod validation;
