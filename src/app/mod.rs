//! The window: the eframe application around the [`Assistant`], with the native file
//! dialogs, the clipboard and the window title.

mod assistant;
mod dialogs;

use std::path::PathBuf;
use std::process::ExitCode;

pub use assistant::{Action, Assistant, Banner, BannerKind, Request, View};
pub use dialogs::{DialogKind, Dialogs};

use crate::i18n::{I18n, Lang};
use crate::procedure::Procedure;

/// The assistant with what only a window has: dialogs, clipboard, title.
pub struct AssistantApp {
    /// The assistant's state.
    pub assistant: Assistant,
    dialogs: Dialogs,
    title_lang: Option<Lang>,
}

impl AssistantApp {
    /// The app around an assistant, with these file dialogs.
    pub fn new(assistant: Assistant, dialogs: Dialogs) -> AssistantApp {
        AssistantApp {
            assistant,
            dialogs,
            title_lang: None,
        }
    }

    /// Draws one frame and applies what the user did.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        if let Some((kind, path)) = self.dialogs.poll() {
            match kind {
                DialogKind::Open => {
                    // Failure is shown in the banner; the open case stays as it is.
                    let _ = self.assistant.open_path(&path);
                }
                DialogKind::Export => {
                    let _ = self.assistant.export_to(&path);
                }
            }
        }

        let actions = crate::ui::assistant_ui(ui, &self.assistant);
        self.assistant.focus_first_input = false;
        let changed = !actions.is_empty();
        self.assistant.apply_all(actions);

        for request in std::mem::take(&mut self.assistant.requests) {
            match request {
                Request::Copy(text) => ui.ctx().copy_text(text),
                Request::OpenDialog => {
                    let title = self.assistant.i18n().tr("ui.open_case").to_owned();
                    self.dialogs.open(ui.ctx(), title);
                }
                Request::ExportDialog { file_name } => {
                    let title = self.assistant.i18n().tr("ui.export").to_owned();
                    self.dialogs.save(ui.ctx(), title, file_name);
                }
            }
        }

        if self.title_lang != Some(self.assistant.lang()) {
            self.title_lang = Some(self.assistant.lang());
            let title = window_title(self.assistant.lang());
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title));
        }
        if changed {
            // Draw the consequences of the actions at once.
            ui.ctx().request_repaint();
        }
    }
}

impl eframe::App for AssistantApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        AssistantApp::ui(self, ui);
    }
}

/// The window title in a language.
pub fn window_title(lang: Lang) -> String {
    I18n::new(lang).tr("app.name").to_owned()
}

/// Opens the assistant's window, on the case file `case` if given.
pub fn run(lang: Lang, case: Option<PathBuf>) -> ExitCode {
    let i18n = I18n::new(lang);
    let procedure = match Procedure::builtin() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cssm-assistant: {e}");
            return ExitCode::from(1);
        }
    };
    let mut assistant = Assistant::new(procedure, lang);
    if let Some(path) = case
        && let Err(e) = assistant.open_path(&path)
    {
        // The window still opens, with the message in its banner.
        eprintln!("cssm-assistant: {}: {}", path.display(), e.message(&i18n));
    }

    let mut viewport = egui::ViewportBuilder::default()
        .with_title(window_title(lang))
        .with_app_id("cssm-assistant")
        .with_inner_size([1100.0, 760.0])
        .with_min_inner_size([640.0, 480.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let result = eframe::run_native(
        &window_title(lang),
        options,
        Box::new(move |_cc| Ok(Box::new(AssistantApp::new(assistant, Dialogs::native())))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cssm-assistant: {}: {e}", i18n.tr("ui.window_failed"));
            ExitCode::from(1)
        }
    }
}
