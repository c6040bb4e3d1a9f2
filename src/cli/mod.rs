//! The command line, in one folder (as ripgrep keeps its flags): what it accepts
//! ([`args`]), its texts in the user's language ([`localized`]), how it writes and
//! reports ([`output`]: the `-o` safety, messages, exit codes), and the commands that
//! run without a window ([`summary`], [`check`], and its lists to pick from, `list`). The commands drive the same core as
//! the window.

pub mod args;
#[cfg(feature = "dashboard")]
pub mod check;
#[cfg(feature = "dashboard")]
pub mod list;
pub mod localized;
pub mod output;
pub mod summary;

pub use args::{Cli, Command};
