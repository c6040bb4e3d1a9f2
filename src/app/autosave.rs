//! Autosave: the case in progress is written after every change to the platform's local
//! data folder (on Linux `$XDG_DATA_HOME/cssm-assistant`, else
//! `~/.local/share/cssm-assistant`; on Windows `%LOCALAPPDATA%\cssm-assistant\data`), so
//! an interrupted, killed or crashed session loses nothing.
//!
//! Every window writes its own draft file, atomically, readable by its user only, so
//! two windows never touch each other's draft. A draft exists only while its case has
//! changes that were not exported: exporting removes it, and resuming a draft takes it
//! over (the old file goes once the case is saved under this window's name). A window
//! claims (locks) the draft it offers, so two windows never offer the same one. Lock
//! and temporary files that a killed window left behind are swept at start.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use jiff::Timestamp;

use crate::case::{Case, CaseError, LoadNotice, Strictness};
use crate::platform::storage::{WriteError, write_atomic_private};
use crate::procedure::Procedure;

/// The first wait before trying a failed save again; it doubles up to [`MAX_RETRY`].
const FIRST_RETRY: Duration = Duration::from_secs(2);

/// The longest wait between two tries of a failing save.
const MAX_RETRY: Duration = Duration::from_secs(60);

/// Temporary files older than this are left over from a killed write.
const STALE_TEMP: Duration = Duration::from_secs(600);

/// The folder name drafts live in, under the program's data folder.
const DRAFTS: &str = "drafts";

/// The folder, inside the drafts folder, where drafts removed from the list are kept
/// for [`REMOVED_KEPT`] before they are deleted for good.
pub const REMOVED: &str = "removed";

/// How long a draft removed from the list is kept aside (recoverable by hand from the
/// `removed` folder once the banner's Undo is gone).
pub const REMOVED_KEPT: Duration = Duration::from_secs(14 * 24 * 3600);

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
    /// What reading it changed (a draft of an older procedure version).
    pub notices: Vec<LoadNotice>,
}

/// A draft that does not open, shown to the user rather than hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableDraft {
    /// Its file (kept as it is).
    pub path: PathBuf,
    /// Why it does not open.
    pub error: CaseError,
}

/// What happened to an autosave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Nothing to write (no change, or an empty case).
    Unchanged,
    /// The draft was written.
    Saved,
    /// The draft was written after failures: tell the user it works again.
    Recovered,
    /// The write failed for the first time since it last worked: tell the user.
    FirstFailure(WriteError),
    /// The write failed again (or waits to be tried again): already told.
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
    /// After a failure: when to try again, and the wait after that.
    retry: Option<(Instant, Duration)>,
    /// A draft of an earlier session this window resumed, removed once this window's
    /// own draft (or export) holds its case.
    taken_over: Option<PathBuf>,
    /// The draft this window offers, locked so no other window offers it too.
    claimed: Option<(PathBuf, std::fs::File)>,
    /// Drafts of cases this window replaced (by a new, opened or resumed case), most
    /// recent last (`None`: that case had no draft), each locked while this window
    /// lives so that Undo can bring it back; offered at a later start.
    aside: Vec<Option<(PathBuf, Option<std::fs::File>)>>,
    /// Drafts kept aside by Undo, locked while this window lives.
    kept: Vec<(PathBuf, std::fs::File)>,
}

/// Why a draft asked for from the list does not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimError {
    /// Another window has it open.
    InUse,
    /// It does not open.
    Unreadable(CaseError),
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
        if let Some(dir) = &dir {
            sweep_orphans(dir);
            sweep_removed(&dir.join(REMOVED));
        }
        Autosave {
            dir,
            earlier_dirs: Vec::new(),
            file,
            lock,
            saved_revision: None,
            told_failure: false,
            retry: None,
            taken_over: None,
            claimed: None,
            aside: Vec::new(),
            kept: Vec::new(),
        }
    }

    /// Also offers the drafts found in these folders (where earlier versions saved
    /// them); this window still saves into its own folder.
    pub fn also_look_in(mut self, earlier_dirs: Vec<PathBuf>) -> Autosave {
        self.earlier_dirs = earlier_dirs;
        self
    }

    /// The case on screen is being replaced: its draft (if any) is renamed to a draft
    /// of its own, kept for a later start, and this window's draft starts afresh.
    pub fn set_aside(&mut self) {
        let Some(file) = self.file.clone() else {
            return;
        };
        let entry = file.exists().then(|| {
            let aside = fresh_name(&file, self.aside.len() + 1);
            let lock = std::fs::File::create(lock_path(&aside))
                .ok()
                .filter(|l| l.try_lock().is_ok());
            std::fs::rename(&file, &aside).ok().map(|()| (aside, lock))
        });
        self.aside.push(entry.flatten());
        self.saved_revision = None;
    }

    /// Undo brought back the case last replaced: its draft becomes this window's
    /// draft again (rather than staying as a second copy), and the draft of the case
    /// Undo took off the screen is kept aside in turn, to be offered later.
    pub fn restore_aside(&mut self) {
        let (Some(entry), Some(file)) = (self.aside.pop(), self.file.clone()) else {
            return;
        };
        if file.exists() {
            let kept = fresh_name(&file, 1000 + self.kept.len());
            let lock = std::fs::File::create(lock_path(&kept))
                .ok()
                .filter(|l| l.try_lock().is_ok());
            if std::fs::rename(&file, &kept).is_ok()
                && let Some(lock) = lock
            {
                self.kept.push((kept, lock));
            }
        }
        if let Some((aside, _lock)) = entry
            && std::fs::rename(&aside, &file).is_ok()
        {
            let _ = std::fs::remove_file(lock_path(&aside));
        }
        self.saved_revision = None;
    }

    /// Claims the newest draft of an earlier session that no other window holds or
    /// offers, and returns it; it stays claimed until resumed, discarded or this
    /// window closes.
    pub fn claim_newest(&mut self, procedure: &Procedure) -> Option<Draft> {
        for draft in self.drafts(procedure) {
            let Ok(lock) = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(lock_path(&draft.path))
            else {
                continue;
            };
            if lock.try_lock().is_ok() {
                self.claimed = Some((draft.path.clone(), lock));
                return Some(draft);
            }
        }
        None
    }

    /// Claims the draft at `path` for this window (asked for from the list) and reads
    /// it. A draft this window already holds (offered, or kept aside by New, Open or
    /// Undo) is claimed at once; one another window holds is refused.
    pub fn claim(&mut self, path: &Path, procedure: &Procedure) -> Result<Draft, ClaimError> {
        let held = self.claimed.as_ref().is_some_and(|(c, _)| c == path);
        if !held {
            // A draft this window keeps aside: its lock passes to the claim.
            let own = self
                .aside
                .iter_mut()
                .flatten()
                .find(|(p, l)| p == path && l.is_some())
                .and_then(|(_, l)| l.take())
                .or_else(|| {
                    let i = self.kept.iter().position(|(p, _)| p == path)?;
                    Some(self.kept.remove(i).1)
                });
            let lock = match own {
                Some(lock) => lock,
                None => {
                    let lock = std::fs::OpenOptions::new()
                        .create(true)
                        .truncate(false)
                        .write(true)
                        .open(lock_path(path))
                        .map_err(|e| {
                            ClaimError::Unreadable(CaseError::Unreadable(
                                crate::platform::os_error::OsProblem::from_io(&e),
                            ))
                        })?;
                    if lock.try_lock().is_err() {
                        return Err(ClaimError::InUse);
                    }
                    lock
                }
            };
            self.claimed = Some((path.to_path_buf(), lock));
        }
        match Case::from_path(path, procedure, Strictness::Draft) {
            Ok(loaded) => Ok(Draft {
                path: path.to_path_buf(),
                case: loaded.case,
                notices: loaded.notices,
            }),
            Err(e) => {
                self.claimed = None;
                Err(ClaimError::Unreadable(e))
            }
        }
    }

    /// The draft offered at start was not resumed: it stays in the drafts folder,
    /// unclaimed, for the list and later starts. Nothing is deleted.
    pub fn decline(&mut self, draft: &Path) {
        if self.claimed.as_ref().is_some_and(|(c, _)| c == draft) {
            self.claimed = None;
        }
    }

    /// Claims again the draft a decline released (its offer is back on screen);
    /// whether that worked (another window may have taken it meanwhile).
    pub fn reclaim(&mut self, draft: &Path) -> bool {
        let Ok(lock) = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(lock_path(draft))
        else {
            return false;
        };
        if lock.try_lock().is_ok() {
            self.claimed = Some((draft.to_path_buf(), lock));
            true
        } else {
            false
        }
    }

    /// The drafts this window holds besides its own (offered, kept aside): other
    /// windows see them as in use, this one as free to open.
    pub fn held(&self) -> Vec<PathBuf> {
        self.claimed
            .iter()
            .map(|(p, _)| p.clone())
            .chain(
                self.aside
                    .iter()
                    .flatten()
                    .filter(|(_, l)| l.is_some())
                    .map(|(p, _)| p.clone()),
            )
            .chain(self.kept.iter().map(|(p, _)| p.clone()))
            .collect()
    }

    /// The folders drafts are looked for in: this window's, then earlier versions'.
    pub fn dirs(&self) -> Vec<PathBuf> {
        self.dir.iter().chain(&self.earlier_dirs).cloned().collect()
    }

    /// How many drafts of earlier sessions wait, that no running window holds
    /// (without reading them).
    pub fn waiting(&self) -> usize {
        self.candidates().len()
    }

    /// Removes a draft from the list: it is moved to the `removed` folder beside it
    /// and kept there for [`REMOVED_KEPT`]; returns where it went. A draft another
    /// window holds is left alone.
    pub fn remove_to_kept(&mut self, draft: &Path) -> Option<PathBuf> {
        if self.claimed.as_ref().is_some_and(|(c, _)| c == draft) {
            self.claimed = None;
        }
        if in_use(draft) {
            return None;
        }
        let dir = draft.parent()?.join(REMOVED);
        std::fs::create_dir_all(&dir).ok()?;
        let kept = dir.join(draft.file_name()?);
        std::fs::rename(draft, &kept).ok()?;
        // Dated now, so that it is kept the full time from its removal.
        if let Ok(f) = std::fs::File::options().write(true).open(&kept) {
            let _ = f.set_modified(SystemTime::now());
        }
        let _ = std::fs::remove_file(lock_path(draft));
        Some(kept)
    }

    /// Puts back a draft [`Autosave::remove_to_kept`] moved to `kept`, as `draft`.
    pub fn restore_kept(&mut self, kept: &Path, draft: &Path) -> bool {
        !draft.exists() && std::fs::rename(kept, draft).is_ok()
    }

    /// Drafts of earlier sessions that do not open (too large, damaged, of a newer
    /// program), which no window holds: kept on disk and shown to the user.
    pub fn unreadable_drafts(&self, procedure: &Procedure) -> Vec<UnreadableDraft> {
        self.candidates()
            .into_iter()
            .filter_map(
                |(_, path)| match Case::from_path(&path, procedure, Strictness::Draft) {
                    Ok(_) => None,
                    Err(error) => Some(UnreadableDraft { path, error }),
                },
            )
            .collect()
    }

    /// Draft files of earlier sessions that no running window holds, newest first.
    fn candidates(&self) -> Vec<(SystemTime, PathBuf)> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        let mut found: Vec<(SystemTime, PathBuf)> = std::iter::once(dir)
            .chain(&self.earlier_dirs)
            .filter_map(|d| std::fs::read_dir(d).ok())
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| Some(p.as_path()) != self.file.as_deref() && is_draft_name(p))
            .filter(|p| self.claimed.as_ref().is_some_and(|(c, _)| c == p) || !in_use(p))
            .filter_map(|p| Some((std::fs::metadata(&p).and_then(|m| m.modified()).ok()?, p)))
            .collect();
        found.sort_by_key(|(t, _)| std::cmp::Reverse(*t));
        found
    }

    /// This window's draft file.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Drafts of earlier sessions that still open, newest first (this window's own
    /// draft and those other windows hold excluded). See [`Autosave::unreadable_drafts`]
    /// for those that do not open.
    pub fn drafts(&self, procedure: &Procedure) -> Vec<Draft> {
        self.candidates()
            .into_iter()
            .filter_map(|(_, path)| {
                let loaded = Case::from_path(&path, procedure, Strictness::Draft).ok()?;
                Some(Draft {
                    path,
                    case: loaded.case,
                    notices: loaded.notices,
                })
            })
            .collect()
    }

    /// Writes the case if it changed since the last save (`revision` counts changes).
    /// An empty case (nothing typed or answered) is not worth a draft.
    pub fn save(&mut self, case: &Case, revision: u64) -> SaveOutcome {
        self.save_at(case, revision, Instant::now())
    }

    /// [`Autosave::save`] at the time `now`. After a failure the write is tried again
    /// only once a wait has passed (2 s, doubling up to a minute), not on every frame.
    pub fn save_at(&mut self, case: &Case, revision: u64, now: Instant) -> SaveOutcome {
        if self.saved_revision == Some(revision) {
            return SaveOutcome::Unchanged;
        }
        if let Some((at, _)) = self.retry
            && now < at
        {
            return SaveOutcome::Failed;
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
        let result = write_atomic_private(file, case.to_ron().as_bytes());
        match result {
            Ok(()) => {
                self.saved_revision = Some(revision);
                self.retry = None;
                // The resumed draft's case is safe in this window's own draft now.
                if let Some(old) = self.taken_over.take() {
                    remove_draft(&old);
                }
                if std::mem::take(&mut self.told_failure) {
                    SaveOutcome::Recovered
                } else {
                    SaveOutcome::Saved
                }
            }
            Err(e) => {
                let wait = self
                    .retry
                    .map_or(FIRST_RETRY, |(_, w)| (w * 2).min(MAX_RETRY));
                self.retry = Some((now + wait, wait));
                // Say it once, until a save works again.
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
        if let Some(old) = self.taken_over.take() {
            remove_draft(&old);
        }
    }

    /// Takes over a draft of an earlier session: this window saves the case under its
    /// own name from now on, and the old file is removed once that save is done (not
    /// before: a crash in between would lose the case).
    pub fn take_over(&mut self, draft: &Path) {
        self.taken_over = Some(draft.to_path_buf());
        self.saved_revision = None;
        self.retry = None;
    }

    /// When a failed save is to be tried again, if one is waiting.
    pub fn retry_at(&self) -> Option<Instant> {
        self.retry.map(|(at, _)| at)
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
pub fn in_use(draft: &Path) -> bool {
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

/// A new draft name beside `file`, numbered `n`.
fn fresh_name(file: &Path, n: usize) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    file.with_file_name(format!("{stem}-{n}.ron"))
}

/// Removes what killed windows left in the drafts folder: lock files without a draft
/// that no window holds, and temporary files of writes that never finished.
fn sweep_orphans(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.starts_with("draft-") && name.ends_with(".lock") {
            let draft = path.with_extension("ron");
            if !draft.exists() && !in_use(&draft) {
                let _ = std::fs::remove_file(&path);
            }
        } else if name.starts_with(".cssm-assistant-")
            && (name.ends_with(".tmp") || name.ends_with(".bak"))
        {
            let stale = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age > STALE_TEMP);
            if stale {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// Deletes for good the drafts removed from the list more than [`REMOVED_KEPT`] ago.
fn sweep_removed(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        let old = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > REMOVED_KEPT);
        if old && is_draft_name(&path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Whether a file name is a draft's (`draft-….ron`).
pub fn is_draft_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("draft-") && n.ends_with(".ron"))
}
