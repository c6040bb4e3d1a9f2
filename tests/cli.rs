//! The binary, run as a user runs it, on files in temporary folders.

mod support;

#[path = "cli/cli_check.rs"]
mod cli_check;
#[path = "cli/cli_language.rs"]
mod cli_language;
#[path = "cli/cli_list.rs"]
mod cli_list;
#[path = "cli/cli_request.rs"]
mod cli_request;
#[path = "cli/dashboard_key_secrecy.rs"]
mod dashboard_key_secrecy;
#[path = "cli/first_start.rs"]
mod first_start;
#[path = "cli/hostile_files.rs"]
mod hostile_files;
#[path = "cli/loose_ends.rs"]
mod loose_ends;
#[cfg(feature = "pdf")]
#[path = "cli/pdf.rs"]
mod pdf;
#[path = "cli/platform.rs"]
mod platform;
#[path = "cli/same_fiche.rs"]
mod same_fiche;
#[path = "cli/summary.rs"]
mod summary;
