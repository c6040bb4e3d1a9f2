//! A desktop assistant that walks a Cisco/Meraki partner administrator through the
//! procedure "my Cisco Networking Subscription consumption does not show in CSSM".
//!
//! The domain (procedure, rules, validation, case, summary) is pure Rust with no user
//! interface in it; [`assistant`] is the state machine that both the window and the
//! command line drive. The window lives in `app` and `ui` (feature `gui`); `ui` draws
//! the assistant's state and returns actions, `app` applies them and does what only a
//! window can (dialogs, clipboard, autosave timing). Imports flow one way:
//! `app` → `ui` → `assistant` → `rules`/`case` → `procedure`.

#[cfg(feature = "gui")]
pub mod app;
pub mod assistant;
pub mod case;
pub mod check_command;
pub mod cli;
pub mod cli_i18n;
pub mod cli_safety;
pub mod dashboard;
pub mod i18n;
pub mod lint;
pub mod markdown;
pub mod os_error;
pub mod procedure;
pub mod procedure_load;
pub mod progress;
pub mod rules;
pub mod secrets;
pub mod storage;
pub mod summary;
pub mod swit;
#[cfg(feature = "gui")]
pub mod ui;
pub mod validation;
pub mod windows_console;
