//! A desktop assistant that walks a Cisco/Meraki partner administrator through the
//! procedure "my Cisco Networking Subscription consumption does not show in CSSM".
//!
//! The house, from the top floor down (ARCHITECTURE.md draws it; imports only point
//! down):
//! - `app` (eframe glue: dialogs, clipboard, autosave timing, threads) and `cli` (the
//!   commands without a window) are the two front ends; both drive [`assistant`].
//! - `ui` draws the assistant's state and returns [`assistant::Action`]s.
//! - [`assistant`] is the one state machine: every change of a case goes through
//!   [`assistant::Assistant::apply`].
//! - [`summary`] (the documents that leave the desk), [`evidence`] (what a Dashboard
//!   check found, tied to the IDs it was checked for) and [`case`] (the case file).
//! - [`procedure`] (model, load, lint, rules, validation).
//! - [`platform`], [`i18n`] and [`secrets`] at the bottom.
//!
//! `dashboard` is the read-only HTTP client (feature `dashboard`), called by the front
//! ends only; it returns evidence. Without default features the library is the core
//! alone (no egui, no HTTP).

#[cfg(feature = "gui")]
pub mod app;
pub mod assistant;
pub mod case;
pub mod cli;
#[cfg(feature = "dashboard")]
pub mod dashboard;
pub mod evidence;
pub mod i18n;
pub mod platform;
pub mod procedure;
pub mod secrets;
pub mod summary;
#[cfg(feature = "gui")]
pub mod ui;
