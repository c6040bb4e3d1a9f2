//! The window: eframe glue around the assistant's state.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::i18n::{I18n, Lang};

/// Opens the assistant's window (being written: see issue 3).
pub fn run(lang: Lang, case: Option<PathBuf>) -> ExitCode {
    let _ = case;
    let title = I18n::new(lang).tr("app.name").to_owned();
    let options = eframe::NativeOptions::default();
    let result = eframe::run_ui_native(&title, options, |ui, _frame| {
        ui.label("…");
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cssm-assistant: cannot open the window: {e}");
            ExitCode::from(1)
        }
    }
}
