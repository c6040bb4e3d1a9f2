//! Autosave: the case in progress is written after every change to the platform's local
//! data folder (on Linux `$XDG_DATA_HOME/cssm-assistant`, else
//! `~/.local/share/cssm-assistant`; on Windows `%LOCALAPPDATA%\cssm-assistant\data`), so
//! an interrupted, killed or crashed session loses nothing.
//!
//! Every window writes its own draft file, atomically, so two windows never touch each
//! other's draft. A draft exists only while its case has changes that were not exported:
//! exporting removes it, and resuming a draft takes it over.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::case::{Case, Strictness};
use crate::procedure::Procedure;
use crate::storage::{WriteError, write_atomic};

/// The folder name drafts live in, under the program's data folder.
const DRAFTS: &str = "drafts";

/// The program's drafts folder for this user, if the platform has a data folder: the
/// local (not roaming) one, since a draft belongs to this machine's session and must
/// not travel with a roaming profile (on Windows `%LOCALAPPDATA%\cssm-assistant\data\drafts`;
/// on Linux and macOS the local and roaming folders are the same).
pub fn default_drafts_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "cssm-assistant")
        .map(|d| d.data_local_dir().join(DRAFTS))
}

/// Where earlier versions put drafts, when that is not [`default_drafts_dir`]: the
/// roaming profile on Windows (`%APPDATA%`). Drafts left there are still offered for
/// resuming, so an update loses nothing.
pub fn earlier_drafts_dirs() -> Vec<PathBuf> {
    directories::ProjectDirs::from("", "", "cssm-assistant")
        .map(|d| d.data_dir().join(DRAFTS))
        .filter(|old| Some(old) != default_drafts_dir().as_ref())
        .into_iter()
        .collect()
}

/// A draft left by an earlier session, which the user may resume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Its file.
    pub path: PathBuf,
    /// Its case (fields as typed, valid or not).
    pub case: Case,
}

/// What happened to an autosave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Nothing to write (no change, or an empty case).
    Unchanged,
    /// The draft was written.
    Saved,
    /// The write failed for the first time: tell the user once.
    FirstFailure(WriteError),
    /// The write failed again: already told.
    Failed,
}

/// Writes this window's draft.
#[derive(Debug)]
pub struct Autosave {
    dir: Option<PathBuf>,
    /// Folders of earlier versions where drafts are also looked for.
    earlier_dirs: Vec<PathBuf>,
    file: Option<PathBuf>,
    /// Held locked while this window lives, so other windows leave its draft alone;
    /// the system releases it when the process ends, even when killed.
    lock: Option<std::fs::File>,
    saved_revision: Option<u64>,
    told_failure: bool,
}

impl Autosave {
    /// Autosave into `dir` (`None`: the platform has no data folder; nothing is saved).
    pub fn new(dir: Option<PathBuf>) -> Autosave {
        let file = dir.as_ref().map(|d| {
            let stamp = Timestamp::now().strftime("%Y%m%dT%H%M%S%.f");
            d.join(format!("draft-{stamp}-{}.ron", std::process::id()))
        });
        let lock = file.as_deref().and_then(|f| {
            std::fs::create_dir_all(f.parent()?).ok()?;
            let lock = std::fs::File::create(lock_path(f)).ok()?;
            lock.try_lock().ok()?;
            Some(lock)
        });
        Autosave {
            dir,
            earlier_dirs: Vec::new(),
            file,
            lock,
            saved_revision: None,
            told_failure: false,
        }
    }

    /// Also offers the drafts found in these folders (where earlier versions saved
    /// them); this window still saves into its own folder.
    pub fn also_look_in(mut self, earlier_dirs: Vec<PathBuf>) -> Autosave {
        self.earlier_dirs = earlier_dirs;
        self
    }

    /// This window's draft file.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Drafts of earlier sessions that still open, newest first (this window's own
    /// draft excluded). Files that no longer open are skipped.
    pub fn drafts(&self, procedure: &Procedure) -> Vec<Draft> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        let mut drafts: Vec<(std::time::SystemTime, Draft)> = std::iter::once(dir)
            .chain(&self.earlier_dirs)
            .filter_map(|d| std::fs::read_dir(d).ok())
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| Some(p.as_path()) != self.file.as_deref() && is_draft_name(p))
            .filter(|p| !in_use(p))
            .filter_map(|path| {
                let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok()?;
                let case = Case::from_path(&path, procedure, Strictness::Draft)
                    .ok()?
                    .case;
                Some((modified, Draft { path, case }))
            })
            .collect();
        drafts.sort_by_key(|d| std::cmp::Reverse(d.0));
        drafts.into_iter().map(|(_, d)| d).collect()
    }

    /// Writes the case if it changed since the last save (`revision` counts changes).
    /// An empty case (nothing typed or answered) is not worth a draft.
    pub fn save(&mut self, case: &Case, revision: u64) -> SaveOutcome {
        if self.saved_revision == Some(revision) {
            return SaveOutcome::Unchanged;
        }
        let (Some(dir), Some(file)) = (&self.dir, &self.file) else {
            return SaveOutcome::Unchanged;
        };
        if case.answers.is_empty() && case.fields.is_empty() && !case.escalated {
            self.saved_revision = Some(revision);
            self.remove_own();
            return SaveOutcome::Unchanged;
        }
        // A folder that cannot be made shows up as the write's own error just below.
        let _ = std::fs::create_dir_all(dir);
        let result = write_atomic(file, case.to_ron().as_bytes());
        match result {
            Ok(()) => {
                self.saved_revision = Some(revision);
                SaveOutcome::Saved
            }
            Err(e) => {
                // Try again at the next change; say it only once.
                if self.told_failure {
                    SaveOutcome::Failed
                } else {
                    self.told_failure = true;
                    SaveOutcome::FirstFailure(e)
                }
            }
        }
    }

    /// The case was exported as of `revision`: its draft is not needed any more.
    pub fn exported(&mut self, revision: u64) {
        self.saved_revision = Some(revision);
        self.remove_own();
    }

    /// Takes over a draft of an earlier session: its file is removed, and this window
    /// saves the case under its own name from now on.
    pub fn take_over(&mut self, draft: &Path) {
        remove_draft(draft);
        self.saved_revision = None;
    }

    /// Removes an earlier session's draft the user chose not to resume.
    pub fn discard(&self, draft: &Path) {
        remove_draft(draft);
    }

    fn remove_own(&self) {
        if let Some(file) = &self.file {
            // Already gone is fine.
            let _ = std::fs::remove_file(file);
        }
    }
}

impl Drop for Autosave {
    fn drop(&mut self) {
        // A window that closes normally leaves its draft (if any) but not its lock.
        if let (Some(file), Some(_)) = (&self.file, self.lock.take()) {
            let _ = std::fs::remove_file(lock_path(file));
        }
    }
}

fn lock_path(draft: &Path) -> PathBuf {
    draft.with_extension("lock")
}

/// Whether a running window holds this draft.
fn in_use(draft: &Path) -> bool {
    let Ok(lock) = std::fs::File::open(lock_path(draft)) else {
        return false;
    };
    matches!(lock.try_lock(), Err(std::fs::TryLockError::WouldBlock))
}

fn remove_draft(draft: &Path) {
    // Gone already (another window took it): nothing to do.
    let _ = std::fs::remove_file(draft);
    let _ = std::fs::remove_file(lock_path(draft));
}

fn is_draft_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("draft-") && n.ends_with(".ron"))
}
