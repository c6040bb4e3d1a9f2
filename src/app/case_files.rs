//! Scanning the case files for the list, off the UI thread: the drafts folders and the
//! files remembered in the settings, each read and summarised on its own, so a file
//! that is damaged, moved or unreadable costs its own row, never the list.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use jiff::Timestamp;

use super::autosave::{in_use, is_draft_name};
use super::settings::RecentFile;
use crate::assistant::case_files::{CaseSummary, sort_entries};
use crate::assistant::{Action, CaseFileEntry, EntryKind, EntryState, Holder};
use crate::case::{Case, CaseError, Strictness};
use crate::platform::os_error::OsProblem;
use crate::procedure::Procedure;

/// What a scan looks at.
#[derive(Debug, Clone)]
pub struct ScanInput {
    /// The drafts folders (this version's first).
    pub draft_dirs: Vec<PathBuf>,
    /// The case files remembered in the settings.
    pub recent: Vec<RecentFile>,
    /// This window's own draft (the case on screen).
    pub own: Option<PathBuf>,
    /// Drafts this window holds besides its own (free to open here).
    pub held: Vec<PathBuf>,
    /// The procedure the cases are read against.
    pub procedure: Procedure,
}

/// Scans the case files: every draft in the folders and every remembered file, sorted
/// by last change, newest first. Runs on two threads (the reading and parsing is the
/// cost).
pub fn scan(input: &ScanInput) -> Vec<CaseFileEntry> {
    let mut jobs: Vec<(PathBuf, EntryKind, Option<Timestamp>)> = Vec::new();
    for dir in &input.draft_dirs {
        let Ok(read) = std::fs::read_dir(dir) else {
            continue;
        };
        for path in read.filter_map(Result::ok).map(|e| e.path()) {
            if is_draft_name(&path) {
                jobs.push((path, EntryKind::Draft, None));
            }
        }
    }
    for r in &input.recent {
        if !jobs.iter().any(|(p, _, _)| *p == r.path) {
            jobs.push((r.path.clone(), EntryKind::File, r.exported));
        }
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let chunk = jobs.len().div_ceil(threads).max(1);
    let mut entries: Vec<CaseFileEntry> = std::thread::scope(|s| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|(path, kind, exported)| entry(input, path, *kind, *exported))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    sort_entries(&mut entries);
    entries
}

/// One row: the file read, summarised, and who holds it.
fn entry(
    input: &ScanInput,
    path: &Path,
    kind: EntryKind,
    exported: Option<Timestamp>,
) -> CaseFileEntry {
    let meta = std::fs::metadata(path);
    let modified = meta
        .as_ref()
        .ok()
        .and_then(|m| m.modified().ok())
        .and_then(|t| Timestamp::try_from(t).ok());
    let state = match &meta {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => EntryState::Missing,
        Err(e) => EntryState::Unreadable(CaseError::Unreadable(OsProblem::from_io(e))),
        Ok(_) => {
            let strictness = match kind {
                EntryKind::Draft => Strictness::Draft,
                EntryKind::File => Strictness::Strict,
            };
            match Case::from_path(path, &input.procedure, strictness) {
                Ok(loaded) => {
                    EntryState::Readable(Box::new(CaseSummary::of(&input.procedure, &loaded.case)))
                }
                Err(CaseError::Unreadable(OsProblem::NotFound)) => EntryState::Missing,
                Err(e) => EntryState::Unreadable(e),
            }
        }
    };
    let holder = if kind == EntryKind::File {
        Holder::Free
    } else if input.own.as_deref() == Some(path) {
        Holder::ThisWindow
    } else if input.held.iter().any(|h| h == path) || !in_use(path) {
        Holder::Free
    } else {
        Holder::OtherWindow
    };
    CaseFileEntry {
        path: path.to_path_buf(),
        kind,
        state,
        modified,
        exported,
        holder,
    }
}

/// A scan running off the UI thread.
#[derive(Debug, Default)]
pub struct Scanner {
    running: Option<Receiver<Vec<CaseFileEntry>>>,
}

impl Scanner {
    /// Starts a scan (a scan under way is left to finish unread); `done` is called
    /// from the scanning thread when it ends (to ask for a frame).
    pub fn start(&mut self, input: ScanInput, done: impl FnOnce() + Send + 'static) {
        let (tx, rx) = channel();
        self.running = Some(rx);
        std::thread::spawn(move || {
            let _ = tx.send(scan(&input));
            done();
        });
    }

    /// The result, once the scan is done.
    pub fn poll(&mut self) -> Option<Action> {
        let rx = self.running.as_ref()?;
        match rx.try_recv() {
            Ok(entries) => {
                self.running = None;
                Some(Action::CaseFilesScanned(entries))
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.running = None;
                Some(Action::CaseFilesScanned(Vec::new()))
            }
        }
    }
}
