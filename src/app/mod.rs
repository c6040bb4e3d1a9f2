//! The window: the eframe application around the [`Assistant`], with the native file
//! dialogs, the clipboard and the window title.

mod autosave;
pub mod case_files;
mod dashboard_runner;
mod dialogs;
mod no_display;
mod settings;
pub mod window_size;

use std::path::PathBuf;
use std::process::ExitCode;

pub use autosave::{
    Autosave, ClaimError, Draft, REMOVED, REMOVED_KEPT, SaveOutcome, UnreadableDraft,
    default_drafts_dir, earlier_drafts_dirs,
};
pub use dialogs::{DialogKind, DialogSpec, Dialogs, ExportFormat};
pub use no_display::display_missing;
pub use settings::{MAX_RECENT, RecentFile, Settings, SettingsFile, default_settings_file};

use crate::assistant::{Action, Assistant, BannerKind, EntryKind, Localized, Request, ResumeOffer};
use crate::i18n::{I18n, Lang};
use crate::procedure::Procedure;
use crate::ui::ThemeChoice;

/// The assistant with what only a window has: dialogs, clipboard, title.
pub struct AssistantApp {
    /// The assistant's state.
    pub assistant: Assistant,
    dialogs: Dialogs,
    autosave: Autosave,
    title_lang: Option<Lang>,
    /// Exit once the first frame was presented (see [`EXIT_AFTER_FIRST_FRAME`]).
    exit_after_first_frame: bool,
    /// When the last input came, in egui's input time (seconds).
    last_input: f64,
    /// The theme and language in effect, and where the choices made in the window
    /// are remembered.
    remembered: Remembered,
    /// Whether the window was checked against its monitor (see [`window_size`]).
    window_fitted: bool,
    /// The Dashboard check running off the UI thread, if any.
    dashboard: dashboard_runner::DashboardRunner,
    /// The listing of what the key can read running off the UI thread, if any.
    listing: dashboard_runner::DashboardRunner,
    /// The scan of the case files running off the UI thread, if any.
    scanner: case_files::Scanner,
    /// Rows removed from the list, most recent last, so that Undo puts them back:
    /// a draft's path and where it was kept, or a remembered file as it was.
    removed: Vec<Removed>,
}

/// A row removed from the list, as Undo needs it.
#[derive(Debug)]
enum Removed {
    /// A draft moved from `.0` to `.1`.
    Draft(PathBuf, PathBuf),
    /// A remembered file forgotten.
    File(RecentFile),
}

impl Start {
    /// The language and theme of this start: what the command line gave, else what
    /// the settings file remembers, else the system's.
    pub fn resolve(&self, settings: &Settings) -> (Lang, ThemeChoice) {
        let lang = match (self.lang_given, settings.lang) {
            (false, Some(remembered)) => remembered,
            _ => self.lang,
        };
        let theme = self.theme.or(settings.theme).unwrap_or_default();
        (lang, theme)
    }
}

/// The theme and language the window started with, and the settings file that keeps
/// what the user changes in the window.
struct Remembered {
    file: Option<SettingsFile>,
    settings: Settings,
    theme: ThemeChoice,
    /// The theme is installed in the context (on the first frame).
    installed: bool,
    lang: Option<Lang>,
}

/// How the window starts: the language and theme from the command line or the
/// system.
#[derive(Debug, Clone, Copy)]
pub struct Start {
    /// The language of `--lang`, else the system's.
    pub lang: Lang,
    /// Whether `--lang` was given (then it wins over the remembered language).
    pub lang_given: bool,
    /// The theme of `--theme`, if given (it wins over the remembered theme).
    pub theme: Option<ThemeChoice>,
}

/// eframe's state file (window size and position, the folder last used by a dialog),
/// in the program's local data folder.
pub const WINDOW_STATE_FILE: &str = "window.ron";

/// The key under which eframe's state file keeps the folder last used by a dialog.
const LAST_FOLDER_KEY: &str = "last_folder";

/// The key of the summary's format of the last export in eframe's state file.
const EXPORT_FORMAT_KEY: &str = "export_format";

/// How long, in seconds, the text cursor blinks after the last input before it holds
/// still: a blinking cursor redraws the window twice a second, which a window waiting on
/// the desk should not. Five seconds is Windows' caret time-out and the longest blinking
/// WCAG 2.2.2 allows without a way to stop it.
pub const CURSOR_BLINK_SECS: f64 = 5.0;

/// The environment variable that, set to `1`, makes the program exit right after its
/// first frame was presented, so a benchmark can time start-up to the first frame from
/// outside the process (`scripts/bench.sh`). Read once at start-up; unset, it costs
/// nothing.
pub const EXIT_AFTER_FIRST_FRAME: &str = "CSSM_EXIT_AFTER_FIRST_FRAME";

impl AssistantApp {
    /// The app around an assistant, with these file dialogs and no autosave.
    pub fn new(assistant: Assistant, dialogs: Dialogs) -> AssistantApp {
        AssistantApp::with_autosave(assistant, dialogs, Autosave::new(None))
    }

    /// The app with autosave; the newest unfinished draft of an earlier session is
    /// offered for resuming (unless a case was opened already).
    pub fn with_autosave(
        mut assistant: Assistant,
        dialogs: Dialogs,
        mut autosave: Autosave,
    ) -> AssistantApp {
        let untouched = assistant.revision == 0;
        if untouched {
            // Several unfinished cases: the window opens on the list of case files,
            // where each one is seen at once; a single one is offered.
            let waiting = autosave.waiting();
            if waiting >= 2 {
                assistant.apply(Action::StartOnCaseFiles(waiting));
            } else {
                offer_next_draft(&mut assistant, &mut autosave);
            }
        }
        // Drafts that do not open are kept, and said.
        let unreadable = autosave.unreadable_drafts(assistant.procedure());
        if !unreadable.is_empty() {
            assistant.apply(Action::ShowBanner {
                kind: BannerKind::Error,
                text: Localized::new(|i| {
                    unreadable
                        .iter()
                        .map(|d| {
                            i.trv(
                                "lost.draft_unreadable",
                                &[
                                    ("file", &d.path.display().to_string()),
                                    ("reason", &d.error.message(i)),
                                ],
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                }),
            });
        }
        AssistantApp {
            assistant,
            dialogs,
            autosave,
            title_lang: None,
            exit_after_first_frame: false,
            last_input: 0.0,
            remembered: Remembered {
                file: None,
                settings: Settings::default(),
                theme: ThemeChoice::System,
                installed: false,
                lang: None,
            },
            window_fitted: false,
            dashboard: dashboard_runner::DashboardRunner::default(),
            listing: dashboard_runner::DashboardRunner::default(),
            scanner: case_files::Scanner::default(),
            removed: Vec::new(),
        }
    }

    /// The app starting in `theme`, remembering the theme and language the user
    /// chooses in the window in `file` (on top of what `settings` held).
    pub fn with_settings(
        mut self,
        file: SettingsFile,
        settings: Settings,
        theme: ThemeChoice,
    ) -> AssistantApp {
        self.remembered.file = Some(file);
        self.remembered.settings = settings;
        self.remembered.theme = theme;
        self
    }

    /// The app starting in `theme`, remembering nothing.
    pub fn with_theme(mut self, theme: ThemeChoice) -> AssistantApp {
        self.remembered.theme = theme;
        self
    }

    /// This window's draft file, if autosave is on.
    pub fn draft_file(&self) -> Option<&std::path::Path> {
        self.autosave.file()
    }

    /// Takes back what an earlier start kept in eframe's state file (see
    /// [`eframe::App::save`]): the folder the dialogs last used and the summary's
    /// format of the last export.
    pub fn restore(&mut self, storage: Option<&dyn eframe::Storage>) {
        if let Some(folder) = storage.and_then(|s| s.get_string(LAST_FOLDER_KEY)) {
            self.dialogs.set_last_folder(Some(PathBuf::from(folder)));
        }
        if let Some(format) = storage.and_then(|s| s.get_string(EXPORT_FORMAT_KEY)) {
            self.dialogs
                .set_export_format(dialogs::ExportFormat::from_id(&format));
        }
    }

    /// The file dialogs (tests read what they showed).
    pub fn dialogs(&self) -> &Dialogs {
        &self.dialogs
    }

    /// Draws one frame and applies what the user did.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.ui_in(ui, None);
    }

    /// [`AssistantApp::ui`] in a native window, `frame`, to which the file dialogs are
    /// modal.
    fn ui_in(&mut self, ui: &mut egui::Ui, frame: Option<&eframe::Frame>) {
        self.fit_window_to_monitor(ui.ctx());
        if !self.remembered.installed {
            self.remembered.installed = true;
            crate::ui::theme::install(ui.ctx(), self.remembered.theme);
            self.remembered.lang = Some(self.assistant.lang());
        }
        self.still_cursor_when_idle(ui.ctx());
        if let Some((kind, path)) = self.dialogs.poll() {
            match kind {
                DialogKind::Open => {
                    // Failure is shown in the banner; the open case stays as it is.
                    let _ = self.assistant.open_path(&path);
                }
                DialogKind::Export => self.assistant.export_chosen(&path),
            }
        }

        let checked = self.dashboard.poll();
        self.assistant.apply_all(checked);
        let listed = self.listing.poll();
        self.assistant.apply_all(listed);
        if let Some(scanned) = self.scanner.poll() {
            self.assistant.apply(scanned);
        }

        let actions = crate::ui::assistant_ui(ui, &self.assistant);
        self.assistant.apply(Action::FocusMoved);
        let changed = !actions.is_empty();
        self.assistant.apply_all(actions);

        self.perform_requests(ui.ctx(), frame);

        // Every change is on disk before the next frame.
        match self
            .autosave
            .save(self.assistant.case(), self.assistant.revision)
        {
            SaveOutcome::FirstFailure(error) => {
                self.assistant.apply(Action::ShowBanner {
                    kind: BannerKind::Error,
                    text: Localized::new(|i| {
                        i.trv("banner.autosave_failed", &[("reason", &error.reason(i))])
                    }),
                });
            }
            SaveOutcome::Recovered => {
                self.assistant.apply(Action::ShowBanner {
                    kind: BannerKind::Success,
                    text: Localized::new(|i| i.tr("lost.autosave_recovered").to_owned()),
                });
            }
            SaveOutcome::Unchanged | SaveOutcome::Saved | SaveOutcome::Failed => {}
        }
        // A failed save is tried again on its own schedule, not only when some input
        // happens to draw a frame.
        if let Some(at) = self.autosave.retry_at() {
            let wait = at.saturating_duration_since(std::time::Instant::now());
            ui.ctx()
                .request_repaint_after(wait + std::time::Duration::from_millis(10));
        }

        self.remember_choices(ui.ctx());

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

    /// Does what the assistant asked of the shell (requests may lead to actions,
    /// whose own requests are done in turn).
    fn perform_requests(&mut self, ctx: &egui::Context, frame: Option<&eframe::Frame>) {
        // A request's action may ask for more; a few rounds settle any chain.
        for _ in 0..4 {
            let requests = std::mem::take(&mut self.assistant.requests);
            if requests.is_empty() {
                return;
            }
            for request in requests {
                self.perform(ctx, frame, request);
            }
        }
    }

    fn perform(&mut self, ctx: &egui::Context, frame: Option<&eframe::Frame>, request: Request) {
        {
            let ui_ctx = ctx;
            match request {
                Request::Copy(text) => ui_ctx.copy_text(text),
                Request::OpenDialog => {
                    let i18n = self.assistant.i18n();
                    self.dialogs.open(ui_ctx, &i18n, frame);
                }
                Request::ExportDialog { file_name } => {
                    let i18n = self.assistant.i18n();
                    self.dialogs.save(ui_ctx, &i18n, file_name, frame);
                }
                Request::TakeOverDraft(path) => self.autosave.take_over(&path),
                Request::CheckDashboard {
                    base_url,
                    key,
                    target,
                } => {
                    let ctx = ui_ctx.clone();
                    let settings = crate::dashboard::Settings {
                        base_url,
                        ..crate::dashboard::Settings::default()
                    };
                    self.dashboard
                        .start(settings, key, target, move || ctx.request_repaint());
                }
                Request::CancelDashboardCheck => self.dashboard.cancel(),
                Request::ListDashboard {
                    base_url,
                    key,
                    kind,
                } => {
                    let ctx = ctx.clone();
                    let settings = crate::dashboard::Settings {
                        base_url,
                        ..crate::dashboard::Settings::default()
                    };
                    self.listing
                        .start_listing(settings, key, kind, move || ctx.request_repaint());
                }
                Request::CancelDashboardList => self.listing.cancel(),
                // Declining the offer deletes nothing: the draft stays for the list
                // and later starts.
                Request::DeclineDraft(path) => self.autosave.decline(&path),
                Request::Exported(revision) => self.autosave.exported(revision),
                Request::CaseReplaced => self.autosave.set_aside(),
                Request::CaseRestored => self.autosave.restore_aside(),
                Request::ReclaimDraft(path) => {
                    if !self.autosave.reclaim(&path) {
                        self.assistant.apply(Action::DraftNotOpened(path, None));
                    }
                }
                Request::ScanCaseFiles => {
                    let input = self.scan_input();
                    let ctx = ui_ctx.clone();
                    self.scanner.start(input, move || ctx.request_repaint());
                }
                Request::OpenDraft(path) => {
                    match self.autosave.claim(&path, self.assistant.procedure()) {
                        Ok(draft) => {
                            self.assistant
                                .apply(Action::DraftOpened(Box::new(ResumeOffer {
                                    path: draft.path,
                                    case: draft.case,
                                    notices: draft.notices,
                                    others: 0,
                                })))
                        }
                        Err(ClaimError::InUse) => {
                            self.assistant.apply(Action::DraftNotOpened(path, None));
                        }
                        Err(ClaimError::Unreadable(e)) => {
                            self.assistant
                                .apply(Action::DraftNotOpened(path, Some(Box::new(e))));
                        }
                    }
                }
                Request::RememberFile { path, exported } => {
                    let lang = self.assistant.lang();
                    if let Some(file) = &mut self.remembered.file {
                        // The absolute path, so the list finds it from anywhere.
                        let path = std::path::absolute(&path).unwrap_or(path);
                        file.update_recent(
                            |s| s.remember_file(&path, exported, jiff::Timestamp::now()),
                            &I18n::new(lang),
                        );
                    }
                }
                Request::Reveal(path) => self.dialogs.reveal(&path),
                Request::RemoveCaseFile(path, kind) => {
                    let lang = self.assistant.lang();
                    match kind {
                        EntryKind::Draft => {
                            if let Some(kept) = self.autosave.remove_to_kept(&path) {
                                self.removed.push(Removed::Draft(path, kept));
                            }
                        }
                        EntryKind::File => {
                            if let Some(file) = &mut self.remembered.file {
                                let mut forgotten = None;
                                file.update_recent(
                                    |s| forgotten = s.forget_file(&path),
                                    &I18n::new(lang),
                                );
                                self.removed.extend(forgotten.map(Removed::File));
                            }
                        }
                    }
                }
                Request::RestoreCaseFile(path, _) => {
                    let lang = self.assistant.lang();
                    let at = self.removed.iter().rposition(|r| match r {
                        Removed::Draft(p, _) => *p == path,
                        Removed::File(f) => f.path == path,
                    });
                    match at.map(|i| self.removed.remove(i)) {
                        Some(Removed::Draft(draft, kept)) => {
                            self.autosave.restore_kept(&kept, &draft);
                        }
                        Some(Removed::File(recent)) => {
                            if let Some(file) = &mut self.remembered.file {
                                file.update_recent(
                                    |s| {
                                        s.recent.retain(|r| r.path != recent.path);
                                        s.recent.insert(0, recent);
                                        s.recent.truncate(MAX_RECENT);
                                    },
                                    &I18n::new(lang),
                                );
                            }
                        }
                        None => {}
                    }
                }
            }
        }
    }

    /// What the list's scan looks at now.
    fn scan_input(&self) -> case_files::ScanInput {
        case_files::ScanInput {
            draft_dirs: self.autosave.dirs(),
            recent: self
                .remembered
                .file
                .as_ref()
                .map(|f| f.current().recent)
                .unwrap_or_default(),
            own: self.autosave.file().map(std::path::Path::to_path_buf),
            held: self.autosave.held(),
            procedure: self.assistant.procedure().clone(),
        }
    }
}

impl AssistantApp {
    /// Writes the theme or the language to the settings file when the user changed
    /// them in the window (a choice given on the command line is not written).
    fn remember_choices(&mut self, ctx: &egui::Context) {
        let r = &mut self.remembered;
        let theme = crate::ui::theme::current_choice(ctx);
        let lang = self.assistant.lang();
        let mut changed = false;
        if theme != r.theme {
            r.theme = theme;
            r.settings.theme = Some(theme);
            changed = true;
        }
        if Some(lang) != r.lang {
            r.lang = Some(lang);
            r.settings.lang = Some(lang);
            changed = true;
        }
        if changed && let Some(file) = &mut r.file {
            file.remember(r.settings.clone(), &I18n::new(lang));
        }
    }

    /// Once the monitor is known, makes a window larger than the monitor's work area
    /// fit it (see [`window_size::fit`]).
    fn fit_window_to_monitor(&mut self, ctx: &egui::Context) {
        if self.window_fitted {
            return;
        }
        let (monitor, inner) = ctx.input(|i| {
            let v = i.viewport();
            (v.monitor_size, v.inner_rect.map(|r| r.size()))
        });
        let (Some(monitor), Some(inner)) = (monitor, inner) else {
            return;
        };
        self.window_fitted = true;
        if let Some(place) = window_size::fit(inner, monitor) {
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(place.inner_size));
            ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(place.outer_position));
        }
    }

    /// Lets the text cursor blink for [`CURSOR_BLINK_SECS`] after the last input, then
    /// holds it still, so an idle window asks for no frame at all.
    fn still_cursor_when_idle(&mut self, ctx: &egui::Context) {
        let (now, input) = ctx.input(|i| (i.time, !i.raw.events.is_empty()));
        if input {
            self.last_input = now;
        }
        let blink = now - self.last_input < CURSOR_BLINK_SECS;
        if ctx.global_style().visuals.text_cursor.blink != blink {
            ctx.all_styles_mut(|style| style.visuals.text_cursor.blink = blink);
            // This frame was laid out with the old style: draw one more with the new.
            ctx.request_repaint();
        }
    }
}

impl eframe::App for AssistantApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if self.exit_after_first_frame {
            exit_after_first_frame(ui.ctx());
        }
        AssistantApp::ui_in(self, ui, Some(frame));
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Some(folder) = self.dialogs.last_folder().and_then(|f| f.to_str()) {
            storage.set_string(LAST_FOLDER_KEY, folder.to_owned());
        }
        storage.set_string(
            EXPORT_FORMAT_KEY,
            self.dialogs.export_format().id().to_owned(),
        );
    }

    /// Only the window's size and position and the folder and export format last used are kept (in
    /// eframe's state file); the theme and language have their own settings.
    fn persist_egui_memory(&self) -> bool {
        false
    }
}

/// For [`EXIT_AFTER_FIRST_FRAME`], at the start of each frame: eframe presents a frame
/// after `ui` returns, so frame 0 is on screen once frame 1 starts. Exit then, before
/// frame 1 is laid out or painted: a `ViewportCommand::Close` would have eframe paint
/// two more frames first (the one sending it and the one handling it), and the benchmark
/// would time those rather than the start-up. Frame 0 asks for frame 1.
fn exit_after_first_frame(ctx: &egui::Context) {
    if ctx.cumulative_frame_nr() >= 1 {
        std::process::exit(0);
    }
    ctx.request_repaint();
}

/// Offers the newest draft of an earlier session that no window holds, with the
/// number of others waiting.
fn offer_next_draft(assistant: &mut Assistant, autosave: &mut Autosave) {
    if let Some(draft) = autosave.claim_newest(assistant.procedure()) {
        let others = autosave
            .drafts(assistant.procedure())
            .len()
            .saturating_sub(1);
        assistant.apply(Action::OfferDraft(Box::new(ResumeOffer {
            path: draft.path,
            case: draft.case,
            notices: draft.notices,
            others,
        })));
    }
}

/// The window title in a language.
pub fn window_title(lang: Lang) -> String {
    I18n::new(lang).tr("app.name").to_owned()
}

/// Opens the assistant's window, on the case file `case` if given.
pub fn run(start: Start, case: Option<PathBuf>) -> ExitCode {
    let (settings_file, settings) =
        SettingsFile::open(default_settings_file(), &I18n::new(start.lang));
    let (lang, theme) = start.resolve(&settings);
    let i18n = I18n::new(lang);
    if let Some(message) = display_missing(&i18n) {
        no_display::report(&message);
        return ExitCode::from(1);
    }
    let procedure = match Procedure::builtin() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cssm-assistant: {e}");
            return ExitCode::from(crate::cli::output::EXIT_PROCEDURE);
        }
    };
    let mut assistant = Assistant::new(procedure, lang);
    assistant.apply(Action::SetDashboardKeyFromEnv(
        crate::evidence::ApiKey::from_env(),
    ));
    if let Some(path) = case
        && let Err(e) = assistant.open_path(&path)
    {
        // The window still opens, with the message in its banner.
        eprintln!("cssm-assistant: {}: {}", path.display(), e.message(&i18n));
    }

    let mut viewport = egui::ViewportBuilder::default()
        .with_title(window_title(lang))
        .with_app_id("cssm-assistant")
        .with_inner_size(window_size::PREFERRED)
        .with_min_inner_size(window_size::MINIMUM);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        // Size and position are remembered (eframe's own state file), in the local
        // profile: they belong to this machine's monitors.
        persist_window: true,
        persistence_path: directories::ProjectDirs::from("", "", "cssm-assistant")
            .map(|d| d.data_local_dir().join(WINDOW_STATE_FILE)),
        ..Default::default()
    };
    let exit_after_first_frame = std::env::var_os(EXIT_AFTER_FIRST_FRAME).is_some_and(|v| v == "1");
    let result = eframe::run_native(
        &window_title(lang),
        options,
        Box::new(move |cc| {
            let autosave = Autosave::new(default_drafts_dir()).also_look_in(earlier_drafts_dirs());
            let mut app = AssistantApp::with_autosave(assistant, Dialogs::native(), autosave)
                .with_settings(settings_file, settings, theme);
            app.restore(cc.storage);
            app.exit_after_first_frame = exit_after_first_frame;
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            no_display::report(&no_display::window_failed(&i18n, &e));
            ExitCode::from(1)
        }
    }
}
