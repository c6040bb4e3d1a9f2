//! The list of case files (« Fiches »): every case the program knows on this machine,
//! the unfinished drafts and the files exported or opened recently, as plain data the
//! window's shell scans off the UI thread and the UI draws. Opening, duplicating,
//! revealing and removing a row go through [`Action`]s like every other change, and
//! removing one is undone from the banner: nothing in the list is lost by a click.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::banner::{Banner, BannerKind, undo_banner};
use super::{Action, Assistant, Request, ResumeOffer};
use crate::case::{Case, CaseError};
use crate::procedure::Procedure;

/// Where a row comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// An unfinished case in the drafts folder (changes not exported).
    Draft,
    /// A case file exported or opened recently, remembered in the settings.
    File,
}

/// Who has the case open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// Nobody: it can be opened.
    Free,
    /// This window: it is the case on screen.
    ThisWindow,
    /// Another running window of the program: it is not opened twice.
    OtherWindow,
}

/// What a readable case file holds, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    /// The Smart Account name, as typed.
    pub name: String,
    /// The Smart Account domain.
    pub domain: String,
    /// The Meraki organization ID.
    pub org_id: String,
    /// The subscription ID.
    pub subscription_id: String,
    /// The outcome reached, if any (its id).
    pub outcome: Option<String>,
    /// Otherwise the step reached (its index in the procedure).
    pub step: Option<usize>,
    /// When the case last changed, as the case says.
    pub updated: Option<Timestamp>,
    /// When the Meraki Dashboard evidence was gathered, if any.
    pub evidence_at: Option<Timestamp>,
}

impl CaseSummary {
    /// What the list shows of `case`.
    pub fn of(procedure: &Procedure, case: &Case) -> CaseSummary {
        let eval = case.evaluate(procedure);
        let progress = super::progress::Progress::of(procedure, case, &eval);
        let step = match progress.outcome {
            Some(_) => None,
            None => progress.frontier(),
        };
        let field = |id: &str| case.field(id).trim().to_owned();
        CaseSummary {
            name: field("smart_account_name"),
            domain: field("smart_account_domain"),
            org_id: field("meraki_org_id"),
            subscription_id: field("subscription_id"),
            outcome: progress.outcome,
            step,
            updated: case.updated,
            evidence_at: case.evidence.as_ref().map(|e| e.checked_at),
        }
    }
}

/// Whether a row's file could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryState {
    /// It opens: what it holds.
    Readable(Box<CaseSummary>),
    /// The file is no longer where it was (moved, renamed or deleted).
    Missing,
    /// The file is there but does not open, and why.
    Unreadable(CaseError),
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFileEntry {
    /// The file.
    pub path: PathBuf,
    /// A draft or a remembered file.
    pub kind: EntryKind,
    /// What it holds, or why it cannot be read.
    pub state: EntryState,
    /// The file's modification time, when it has one.
    pub modified: Option<Timestamp>,
    /// When the program last exported this file (remembered files only).
    pub exported: Option<Timestamp>,
    /// Who has it open.
    pub holder: Holder,
}

impl CaseFileEntry {
    /// When the case last changed: the case's own date, else the file's.
    pub fn last_change(&self) -> Option<Timestamp> {
        match &self.state {
            EntryState::Readable(s) => s.updated.or(self.modified),
            _ => self.modified,
        }
    }

    /// The summary, when the file opens.
    pub fn summary(&self) -> Option<&CaseSummary> {
        match &self.state {
            EntryState::Readable(s) => Some(s),
            _ => None,
        }
    }

    /// Whether the row's last change is in an exported file (a draft never is).
    pub fn is_exported(&self) -> bool {
        self.kind == EntryKind::File && self.exported.is_some()
    }
}

/// Sorts rows by last change, newest first; rows without a date last, by path.
pub fn sort_entries(entries: &mut [CaseFileEntry]) {
    entries.sort_by(|a, b| {
        b.last_change()
            .cmp(&a.last_change())
            .then_with(|| a.path.cmp(&b.path))
    });
}

/// Whether a row matches what was typed in the filter: every word typed is found,
/// ignoring case, in the name, the domain, the IDs, the outcome or step shown
/// (`shown`, in the user's language) or the file name.
pub fn matches_filter(entry: &CaseFileEntry, shown: &str, filter: &str) -> bool {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return true;
    }
    let mut hay = String::new();
    if let Some(s) = entry.summary() {
        for part in [&s.name, &s.domain, &s.org_id, &s.subscription_id] {
            hay.push_str(part);
            hay.push('\n');
        }
    }
    hay.push_str(shown);
    hay.push('\n');
    if let Some(name) = entry.path.file_name() {
        hay.push_str(&name.to_string_lossy());
    }
    let hay = hay.to_lowercase();
    words.iter().all(|w| hay.contains(w.as_str()))
}

/// The list's state in the assistant.
#[derive(Debug, Clone, Default)]
pub struct CaseFiles {
    /// Whether the list is on screen (over the case, which stays as it is).
    pub shown: bool,
    /// The rows of the last scan, sorted.
    pub entries: Vec<CaseFileEntry>,
    /// A scan is under way.
    pub scanning: bool,
    /// The window opened on the list because this many unfinished drafts waited.
    pub start_drafts: usize,
}

/// A change that is undone by a banner's Undo without being a change of the case.
#[derive(Debug, Clone)]
pub(super) enum SideUndo {
    /// "Start a new case" in the resume offer: the draft was kept; Undo offers it
    /// again.
    Declined(Box<ResumeOffer>),
    /// A row was removed from the list (a draft kept aside in the drafts folder's
    /// `removed` folder, or a remembered path forgotten); Undo puts it back.
    Removed(PathBuf, EntryKind),
}

impl Assistant {
    /// Applies the actions of the list.
    pub(super) fn apply_case_files(&mut self, action: Action) {
        match action {
            Action::ShowCaseFiles => {
                self.case_files.shown = true;
                self.case_files.scanning = true;
                self.requests.push(Request::ScanCaseFiles);
                self.focus_first_input = true;
            }
            Action::StartOnCaseFiles(waiting) => {
                self.apply_case_files(Action::ShowCaseFiles);
                self.case_files.start_drafts = waiting;
            }
            Action::HideCaseFiles => {
                self.case_files.shown = false;
                self.case_files.start_drafts = 0;
                self.focus_first_input = true;
            }
            Action::CaseFilesScanned(entries) => {
                self.case_files.entries = entries;
                self.case_files.scanning = false;
            }
            Action::OpenCaseFile(path) => {
                let Some(entry) = self.entry(&path) else {
                    return;
                };
                match (entry.holder, entry.kind) {
                    (Holder::ThisWindow, _) => self.close_list(),
                    (Holder::OtherWindow, _) => {
                        let name = display_name(&path);
                        self.banner = Some(Banner::new(BannerKind::Info, move |i| {
                            i.trv("files.in_other_window", &[("file", &name)])
                        }));
                    }
                    (Holder::Free, EntryKind::Draft) => {
                        self.requests.push(Request::OpenDraft(path));
                    }
                    (Holder::Free, EntryKind::File) => {
                        if self.open_path(&path).is_ok() {
                            self.close_list();
                        }
                    }
                }
            }
            Action::DraftOpened(offer) => {
                let offer = *offer;
                if self
                    .resume_offer
                    .as_ref()
                    .is_some_and(|o| o.path == offer.path)
                {
                    self.resume_offer = None;
                }
                self.replace_case(offer.case);
                self.requests.push(Request::TakeOverDraft(offer.path));
                let notices = offer.notices;
                self.banner = Some(undo_banner(BannerKind::Success, move |i| {
                    let mut text = i.tr("banner.resumed").to_owned();
                    for n in &notices {
                        text.push('\n');
                        text.push_str(&n.message(i));
                    }
                    text
                }));
                self.close_list();
            }
            Action::DraftNotOpened(path, reason) => {
                let name = display_name(&path);
                self.banner = Some(match reason {
                    None => Banner::new(BannerKind::Info, move |i| {
                        i.trv("files.in_other_window", &[("file", &name)])
                    }),
                    Some(e) => Banner::new(BannerKind::Error, move |i| {
                        i.trv(
                            "banner.open_failed",
                            &[("file", &name), ("reason", &e.message(i))],
                        )
                    }),
                });
            }
            Action::DuplicateCaseFile(path) => self.duplicate(&path),
            Action::RevealCaseFile(path) => self.requests.push(Request::Reveal(path)),
            Action::RemoveCaseFile(path) => {
                let Some(entry) = self.entry(&path) else {
                    return;
                };
                if entry.holder != Holder::Free {
                    return;
                }
                let kind = entry.kind;
                self.case_files.entries.retain(|e| e.path != path);
                self.requests
                    .push(Request::RemoveCaseFile(path.clone(), kind));
                let name = display_name(&path);
                self.push_side_undo(SideUndo::Removed(path, kind));
                self.banner = Some(undo_banner(BannerKind::Info, move |i| {
                    let key = match kind {
                        EntryKind::Draft => "files.removed_draft",
                        EntryKind::File => "files.removed_file",
                    };
                    i.trv(key, &[("file", &name)])
                }));
            }
            _ => {}
        }
    }

    /// The row of the last scan for `path`.
    fn entry(&self, path: &Path) -> Option<&CaseFileEntry> {
        self.case_files.entries.iter().find(|e| e.path == path)
    }

    fn close_list(&mut self) {
        self.case_files.shown = false;
        self.case_files.start_drafts = 0;
        self.focus_first_input = true;
    }

    /// A new case with the answers and fields of the file at `path` (its log and its
    /// Dashboard evidence stay with the original).
    fn duplicate(&mut self, path: &Path) {
        let Some(entry) = self.entry(path) else {
            return;
        };
        let strictness = match entry.kind {
            EntryKind::Draft => crate::case::Strictness::Draft,
            EntryKind::File => crate::case::Strictness::Strict,
        };
        match Case::from_path(path, &self.procedure, strictness) {
            Ok(loaded) => {
                let now = Timestamp::now();
                let mut case = Case::new(&self.procedure, self.lang, now);
                for (id, value) in &loaded.case.fields {
                    case.set_field(id, value, now);
                }
                for (q, o) in &loaded.case.answers {
                    case.set_answer(q, Some(o), now);
                }
                self.replace_case(case);
                self.close_list();
                let name = display_name(path);
                self.banner = Some(undo_banner(BannerKind::Success, move |i| {
                    i.trv("files.duplicated", &[("file", &name)])
                }));
            }
            Err(e) => {
                let name = display_name(path);
                self.banner = Some(Banner::new(BannerKind::Error, move |i| {
                    i.trv(
                        "banner.open_failed",
                        &[("file", &name), ("reason", &e.message(i))],
                    )
                }));
            }
        }
    }

    /// Records a change a banner's Undo takes back (the latest change: a later one
    /// clears it, see `push_undo`).
    pub(super) fn push_side_undo(&mut self, undo: SideUndo) {
        if self.banner.as_ref().is_some_and(|b| b.undo) {
            self.banner = None;
        }
        self.side_undo = Some(undo);
    }

    /// Undoes the side change, if one is the latest change; returns whether it did.
    pub(super) fn undo_side(&mut self) -> bool {
        let Some(undo) = self.side_undo.take() else {
            return false;
        };
        match undo {
            SideUndo::Declined(offer) => {
                self.requests
                    .push(Request::ReclaimDraft(offer.path.clone()));
                self.resume_offer = Some(*offer);
                self.focus_first_input = true;
            }
            SideUndo::Removed(path, kind) => {
                self.requests.push(Request::RestoreCaseFile(path, kind));
                if self.case_files.shown {
                    self.case_files.scanning = true;
                    self.requests.push(Request::ScanCaseFiles);
                }
            }
        }
        self.banner = Some(Banner::new(BannerKind::Info, |i| {
            i.tr("banner.undone").to_owned()
        }));
        true
    }
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
