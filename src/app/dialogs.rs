//! Native file dialogs, shown off the UI thread so the window keeps drawing, with the
//! result sent back through a channel. Tests script the answers instead.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

/// What a dialog was opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    /// Open a case file.
    Open,
    /// Export the summary and the case file.
    Export,
}

/// Where dialog answers come from.
#[derive(Debug)]
enum Source {
    /// The system's dialogs (rfd).
    Native,
    /// Answers given in advance, in order (`None`: the user cancelled).
    Scripted(VecDeque<Option<PathBuf>>),
}

/// The file dialogs of the window.
#[derive(Debug)]
pub struct Dialogs {
    source: Source,
    pending: Option<(DialogKind, Receiver<Option<PathBuf>>)>,
}

impl Dialogs {
    /// The system's dialogs.
    pub fn native() -> Dialogs {
        Dialogs {
            source: Source::Native,
            pending: None,
        }
    }

    /// Dialogs that answer with these paths, in order (for tests).
    pub fn scripted(answers: impl IntoIterator<Item = Option<PathBuf>>) -> Dialogs {
        Dialogs {
            source: Source::Scripted(answers.into_iter().collect()),
            pending: None,
        }
    }

    /// Whether a dialog is open.
    pub fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Shows the open dialog for case files.
    pub fn open(&mut self, ctx: &egui::Context, title: String) {
        self.show(ctx, DialogKind::Open, move || {
            rfd::AsyncFileDialog::new()
                .set_title(title)
                .add_filter("RON", &["ron"])
                .pick_file()
        });
    }

    /// Shows the save dialog, proposing `file_name`.
    pub fn save(&mut self, ctx: &egui::Context, title: String, file_name: String) {
        self.show(ctx, DialogKind::Export, move || {
            rfd::AsyncFileDialog::new()
                .set_title(title)
                .add_filter("Markdown", &["md"])
                .set_file_name(file_name)
                .save_file()
        });
    }

    fn show<F>(
        &mut self,
        ctx: &egui::Context,
        kind: DialogKind,
        dialog: impl FnOnce() -> F + Send + 'static,
    ) where
        F: std::future::Future<Output = Option<rfd::FileHandle>>,
    {
        if self.pending.is_some() {
            return;
        }
        let (tx, rx) = channel();
        match &mut self.source {
            Source::Native => {
                let ctx = ctx.clone();
                std::thread::spawn(move || {
                    let picked = pollster::block_on(dialog()).map(|h| h.path().to_owned());
                    // The window may be gone; then nobody waits for the answer.
                    let _ = tx.send(picked);
                    ctx.request_repaint();
                });
            }
            Source::Scripted(answers) => {
                let _ = tx.send(answers.pop_front().flatten());
                ctx.request_repaint();
            }
        }
        self.pending = Some((kind, rx));
    }

    /// The answer of the open dialog, once the user chose a file.
    pub fn poll(&mut self) -> Option<(DialogKind, PathBuf)> {
        let (kind, rx) = self.pending.as_ref()?;
        let kind = *kind;
        match rx.try_recv() {
            Ok(answer) => {
                self.pending = None;
                answer.map(|path| (kind, path))
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.pending = None;
                None
            }
        }
    }
}
