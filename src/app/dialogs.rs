//! Native file dialogs, shown off the UI thread so the window keeps drawing, with the
//! result sent back through a channel. Tests script the answers instead, and read what
//! each dialog would have shown.
//!
//! Each dialog has a title and a filter named in the user's language with its pattern
//! (« Résumé Markdown (*.md) »), is modal to the window (its parent), and opens in the
//! folder last used, which the window keeps between starts.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use crate::i18n::I18n;

/// What a dialog was opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    /// Open a case file.
    Open,
    /// Export the summary and the case file.
    Export,
}

/// What a dialog shows: its title, its filter and where it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialogSpec {
    /// What the dialog is for.
    pub kind: DialogKind,
    /// Its title.
    pub title: String,
    /// The filter's name, with its pattern.
    pub filter_name: String,
    /// The filter's extensions (without the dot).
    pub extensions: Vec<String>,
    /// The folder it opens in (the one last used), if any.
    pub directory: Option<PathBuf>,
    /// The file name proposed (save dialog).
    pub file_name: Option<String>,
    /// A second filter offered (the export's PDF summary): its name and extensions.
    pub other_filter: Option<(String, Vec<String>)>,
}

impl DialogSpec {
    /// The open dialog for case files, in the language of `i18n`.
    pub fn open(i18n: &I18n, directory: Option<PathBuf>) -> DialogSpec {
        DialogSpec {
            kind: DialogKind::Open,
            title: i18n.tr("dialog.open.title").to_owned(),
            filter_name: i18n.tr("dialog.filter.case").to_owned(),
            extensions: vec!["ron".to_owned()],
            directory,
            file_name: None,
            other_filter: None,
        }
    }

    /// The export dialog proposing `file_name` (`….md`), in the language of `i18n`.
    /// Its title says that a case file (.ron) is written beside the summary. The format
    /// of the last export comes first: its filter, and its extension on the name.
    pub fn export(
        i18n: &I18n,
        directory: Option<PathBuf>,
        file_name: String,
        format: ExportFormat,
    ) -> DialogSpec {
        let markdown = (
            i18n.tr("dialog.filter.summary").to_owned(),
            vec!["md".to_owned()],
        );
        // A name ending in .pdf writes the tagged PDF summary instead.
        let pdf = cfg!(feature = "pdf").then(|| {
            (
                i18n.tr("dialog.filter.summary_pdf").to_owned(),
                vec!["pdf".to_owned()],
            )
        });
        let (first, other, file_name) = match (format, pdf) {
            (ExportFormat::Pdf, Some(pdf)) => {
                let stem = file_name.strip_suffix(".md").unwrap_or(&file_name);
                let name = format!("{stem}.pdf");
                (pdf, Some(markdown), name)
            }
            (_, pdf) => (markdown, pdf, file_name),
        };
        DialogSpec {
            kind: DialogKind::Export,
            title: i18n.tr("dialog.export.title").to_owned(),
            filter_name: first.0,
            extensions: first.1,
            directory,
            file_name: Some(file_name),
            other_filter: other,
        }
    }

    /// The system dialog for this spec, modal to `parent` when given.
    fn native(&self, parent: Option<&eframe::Frame>) -> rfd::AsyncFileDialog {
        let mut dialog = rfd::AsyncFileDialog::new()
            .set_title(self.title.as_str())
            .add_filter(self.filter_name.as_str(), &self.extensions);
        if let Some((name, extensions)) = &self.other_filter {
            dialog = dialog.add_filter(name.as_str(), extensions);
        }
        if let Some(dir) = self.directory.as_deref().filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = &self.file_name {
            dialog = dialog.set_file_name(name.as_str());
        }
        if let Some(parent) = parent {
            dialog = dialog.set_parent(parent);
        }
        dialog
    }
}

/// Where dialog answers come from.
#[derive(Debug)]
enum Source {
    /// The system's dialogs (rfd).
    Native,
    /// Answers given in advance, in order (`None`: the user cancelled), and the
    /// dialogs shown so far.
    Scripted {
        answers: VecDeque<Option<PathBuf>>,
        shown: Vec<DialogSpec>,
        revealed: Vec<PathBuf>,
    },
}

/// The file dialogs of the window.
#[derive(Debug)]
pub struct Dialogs {
    source: Source,
    pending: Option<(DialogKind, Receiver<Option<PathBuf>>)>,
    last_folder: Option<PathBuf>,
    export_format: ExportFormat,
}

/// The summary's format chosen in the last export, proposed first by the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportFormat {
    /// Markdown (`.md`), the default.
    #[default]
    Markdown,
    /// The tagged PDF (`.pdf`, feature `pdf`).
    Pdf,
}

impl ExportFormat {
    /// The format of a chosen file name: PDF when it ends in `.pdf` (feature `pdf`).
    pub fn of(path: &Path) -> ExportFormat {
        let pdf = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if pdf && cfg!(feature = "pdf") {
            ExportFormat::Pdf
        } else {
            ExportFormat::Markdown
        }
    }

    /// Its name in the window's state file.
    pub fn id(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Pdf => "pdf",
        }
    }

    /// The format of a name in the window's state file (Markdown for any other).
    pub fn from_id(id: &str) -> ExportFormat {
        match id {
            "pdf" if cfg!(feature = "pdf") => ExportFormat::Pdf,
            _ => ExportFormat::Markdown,
        }
    }
}

impl Dialogs {
    /// The system's dialogs.
    pub fn native() -> Dialogs {
        Dialogs {
            source: Source::Native,
            pending: None,
            last_folder: None,
            export_format: ExportFormat::Markdown,
        }
    }

    /// Dialogs that answer with these paths, in order (for tests).
    pub fn scripted(answers: impl IntoIterator<Item = Option<PathBuf>>) -> Dialogs {
        Dialogs {
            source: Source::Scripted {
                answers: answers.into_iter().collect(),
                shown: Vec::new(),
                revealed: Vec::new(),
            },
            pending: None,
            last_folder: None,
            export_format: ExportFormat::Markdown,
        }
    }

    /// The dialogs shown so far, oldest first (scripted dialogs only; the system's
    /// are not recorded).
    pub fn shown(&self) -> &[DialogSpec] {
        match &self.source {
            Source::Native => &[],
            Source::Scripted { shown, .. } => shown,
        }
    }

    /// The files shown in the file manager so far (scripted dialogs only).
    pub fn revealed(&self) -> &[PathBuf] {
        match &self.source {
            Source::Native => &[],
            Source::Scripted { revealed, .. } => revealed,
        }
    }

    /// Shows `path` in the system's file manager: its folder, with the file selected
    /// where the system can (Windows Explorer, macOS Finder); the folder alone on
    /// Linux (`xdg-open`). A file that has moved shows the folder it was in. Started
    /// off the UI thread; a failure is silent, the list still names the path.
    pub fn reveal(&mut self, path: &Path) {
        match &mut self.source {
            Source::Scripted { revealed, .. } => revealed.push(path.to_path_buf()),
            Source::Native => {
                let path = path.to_path_buf();
                std::thread::spawn(move || {
                    let _ = reveal_command(&path).and_then(|mut c| c.status().ok());
                });
            }
        }
    }

    /// The folder of the file last chosen in a dialog, where the next one opens.
    pub fn last_folder(&self) -> Option<&Path> {
        self.last_folder.as_deref()
    }

    /// Sets the folder the next dialog opens in (the one remembered from an earlier
    /// start).
    pub fn set_last_folder(&mut self, folder: Option<PathBuf>) {
        self.last_folder = folder;
    }

    /// The summary's format of the last export, which the next export proposes.
    pub fn export_format(&self) -> ExportFormat {
        self.export_format
    }

    /// Sets the format the next export proposes (the one remembered from an earlier
    /// start).
    pub fn set_export_format(&mut self, format: ExportFormat) {
        self.export_format = format;
    }

    /// Whether a dialog is open.
    pub fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Shows the open dialog for case files, modal to `parent`.
    pub fn open(&mut self, ctx: &egui::Context, i18n: &I18n, parent: Option<&eframe::Frame>) {
        let spec = DialogSpec::open(i18n, self.last_folder.clone());
        self.show(ctx, spec, parent);
    }

    /// Shows the save dialog, proposing `file_name`, modal to `parent`.
    pub fn save(
        &mut self,
        ctx: &egui::Context,
        i18n: &I18n,
        file_name: String,
        parent: Option<&eframe::Frame>,
    ) {
        let spec = DialogSpec::export(
            i18n,
            self.last_folder.clone(),
            file_name,
            self.export_format,
        );
        self.show(ctx, spec, parent);
    }

    fn show(&mut self, ctx: &egui::Context, spec: DialogSpec, parent: Option<&eframe::Frame>) {
        if self.pending.is_some() {
            return;
        }
        let (tx, rx) = channel();
        let kind = spec.kind;
        match &mut self.source {
            Source::Native => {
                // Built here, where the parent window is at hand; shown on a thread of
                // its own so the window keeps drawing.
                let dialog = spec.native(parent);
                let ctx = ctx.clone();
                std::thread::spawn(move || {
                    let picked = pollster::block_on(async move {
                        match kind {
                            DialogKind::Open => dialog.pick_file().await,
                            DialogKind::Export => dialog.save_file().await,
                        }
                    })
                    .map(|h| h.path().to_owned());
                    // The window may be gone; then nobody waits for the answer.
                    let _ = tx.send(picked);
                    ctx.request_repaint();
                });
            }
            Source::Scripted { answers, shown, .. } => {
                shown.push(spec);
                let _ = tx.send(answers.pop_front().flatten());
                ctx.request_repaint();
            }
        }
        self.pending = Some((kind, rx));
    }

    /// The answer of the open dialog, once the user chose a file. Its folder becomes
    /// the one the next dialog opens in.
    pub fn poll(&mut self) -> Option<(DialogKind, PathBuf)> {
        let (kind, rx) = self.pending.as_ref()?;
        let kind = *kind;
        match rx.try_recv() {
            Ok(answer) => {
                self.pending = None;
                let path = answer?;
                if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
                    self.last_folder = Some(folder.to_path_buf());
                }
                if kind == DialogKind::Export {
                    self.export_format = ExportFormat::of(&path);
                }
                Some((kind, path))
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.pending = None;
                None
            }
        }
    }
}

/// The command that shows `path` in the system's file manager.
fn reveal_command(path: &Path) -> Option<std::process::Command> {
    let exists = path.exists();
    let folder = path.parent().filter(|f| f.is_dir())?.to_path_buf();
    if cfg!(windows) {
        let mut c = std::process::Command::new("explorer");
        if exists {
            let mut arg = std::ffi::OsString::from("/select,");
            arg.push(path);
            c.arg(arg);
        } else {
            c.arg(folder);
        }
        Some(c)
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        if exists {
            c.arg("-R").arg(path);
        } else {
            c.arg(folder);
        }
        Some(c)
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(folder);
        Some(c)
    }
}
