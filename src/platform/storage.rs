//! Writing files safely: the bytes go to a temporary file in the target folder, which
//! is flushed to disk and then renamed over the target. A crash, a full disk or a
//! refused write never leaves half a file, and never replaces a good file with a
//! broken one.

use std::fmt;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::i18n::I18n;

/// The line end of every text file the program writes (summary, case file, draft): LF,
/// on Windows too. One choice for all files, and this one because the summary and the
/// case file must be the same bytes whichever system wrote them (a support engineer
/// compares and diffs them), every editor on Windows 10 and later (Notepad since 2018)
/// reads LF, and the case-file reader accepts CRLF anyway, so a file that an editor
/// converted still opens.
pub const LINE_END: &str = "\n";

/// Why a file could not be written. Each variant carries the path of the target file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The system refused the write (permissions, a read-only disk), or the target is a
    /// read-only file.
    PermissionDenied {
        /// The target file.
        path: PathBuf,
    },
    /// The target's folder does not exist, or is not a folder.
    FolderMissing {
        /// The target file.
        path: PathBuf,
    },
    /// The disk (or the user's quota) is full.
    DiskFull {
        /// The target file.
        path: PathBuf,
    },
    /// Anything else, with the system's own description.
    Other {
        /// The target file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// One of several files written together failed after others were already
    /// replaced, and these could not be put back as they were.
    Partial {
        /// Why the write failed (naming the file that failed).
        cause: Box<WriteError>,
        /// The files already replaced with their new content.
        replaced: Vec<PathBuf>,
    },
}

impl WriteError {
    /// Classifies an I/O error met while writing `path`.
    pub fn from_io(path: &Path, error: &io::Error) -> WriteError {
        let path = path.to_path_buf();
        match error.kind() {
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                WriteError::PermissionDenied { path }
            }
            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory => {
                WriteError::FolderMissing { path }
            }
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
                WriteError::DiskFull { path }
            }
            _ => WriteError::Other {
                path,
                reason: error.to_string(),
            },
        }
    }

    /// The target file.
    pub fn path(&self) -> &Path {
        match self {
            WriteError::PermissionDenied { path }
            | WriteError::FolderMissing { path }
            | WriteError::DiskFull { path }
            | WriteError::Other { path, .. } => path,
            WriteError::Partial { cause, .. } => cause.path(),
        }
    }

    /// The folder of the target file, as the user would name it.
    fn folder(&self) -> PathBuf {
        parent_folder(self.path()).to_path_buf()
    }

    /// What went wrong and what was (not) changed, in the user's language, without the
    /// target's path (for messages that name it already, like the command line's).
    pub fn reason(&self, i18n: &I18n) -> String {
        if let WriteError::Partial { cause, replaced } = self {
            let files: Vec<String> = replaced.iter().map(|p| p.display().to_string()).collect();
            return format!(
                "{} {}",
                cause.cause(i18n),
                i18n.trv("lost.write_partial", &[("files", &files.join(", "))])
            );
        }
        format!(
            "{} {}",
            self.cause(i18n),
            i18n.tr("write_error.nothing_written")
        )
    }

    /// What went wrong, without what was changed.
    fn cause(&self, i18n: &I18n) -> String {
        match self {
            WriteError::PermissionDenied { .. } => {
                i18n.tr("write_error.permission_denied").to_owned()
            }
            WriteError::FolderMissing { .. } => i18n.trv(
                "write_error.folder_missing",
                &[("folder", &self.folder().display().to_string())],
            ),
            WriteError::DiskFull { .. } => i18n.tr("write_error.disk_full").to_owned(),
            WriteError::Other { reason, .. } => {
                i18n.trv("write_error.other", &[("reason", reason)])
            }
            WriteError::Partial { cause, .. } => cause.cause(i18n),
        }
    }

    /// The whole message in the user's language, naming the target file (for a dialog
    /// or a status line).
    pub fn message(&self, i18n: &I18n) -> String {
        i18n.trv(
            "write_error.message",
            &[
                ("path", &self.path().display().to_string()),
                ("reason", &self.reason(i18n)),
            ],
        )
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(&I18n::new(crate::i18n::Lang::En)))
    }
}

impl std::error::Error for WriteError {}

/// The folder a file would be written in (`.` for a bare file name).
fn parent_folder(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written,
/// flushed to disk, then renamed over `path`. On any failure the temporary file is
/// removed and an existing file at `path` keeps its content. A read-only existing file
/// is refused rather than replaced. A replaced file keeps its permissions; a new one
/// gets the usual permissions of a new file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// [`write_atomic`] for a file only its owner may read (a draft holds e-mail addresses
/// and notes): on Unix it is written with permissions 0600, whatever it had before.
pub fn write_atomic_private(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    prepare(path, Access::Private, |file| file.write_all(bytes))?.commit()
}

/// Who may read a written file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// As a new file would be (the umask decides), or as the replaced file was.
    Usual,
    /// Its owner only.
    Private,
}

/// Writes several files that belong together (a summary and its case file): every
/// temporary file is written and flushed first, every target is checked (none is a
/// folder), and only then are they renamed over their targets, in order. A full disk, a
/// refused folder or any other failure before the renames replaces none of the targets.
/// When a rename fails after others succeeded, the files already replaced are put back
/// as they were (or removed, if they were new); if that fails too, the error says which
/// files now hold their new content ([`WriteError::Partial`]).
pub fn write_atomic_all(files: &[(&Path, &[u8])]) -> Result<(), WriteError> {
    write_atomic_all_with(files, |prepared| prepared.rename())
}

/// [`write_atomic_all`] with the rename step given, so tests can make one fail.
fn write_atomic_all_with(
    files: &[(&Path, &[u8])],
    mut rename: impl FnMut(&mut Prepared<'_>) -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    let mut prepared = files
        .iter()
        .map(|(path, bytes)| prepare(path, Access::Usual, |file| file.write_all(bytes)))
        .collect::<Result<Vec<_>, _>>()?;
    // Every target must be replaceable before the first one is replaced.
    for p in &prepared {
        if p.path.is_dir() {
            return Err(WriteError::Other {
                path: p.path.to_path_buf(),
                reason: io::Error::from(io::ErrorKind::IsADirectory).to_string(),
            });
        }
    }
    // A copy of each existing target (a hard link where the system allows it), to put
    // it back should a later rename fail.
    let mut backups = Vec::with_capacity(prepared.len());
    for p in &prepared {
        backups.push(Backup::of(p.path)?);
    }
    let mut done: Vec<usize> = Vec::new();
    for (i, p) in prepared.iter_mut().enumerate() {
        if let Err(cause) = rename(p) {
            let replaced: Vec<PathBuf> = done
                .iter()
                .filter(|&&j| !backups[j].restore(prepared_path(files, j)))
                .map(|&j| prepared_path(files, j).to_path_buf())
                .collect();
            return Err(if replaced.is_empty() {
                cause
            } else {
                WriteError::Partial {
                    cause: Box::new(cause),
                    replaced,
                }
            });
        }
        done.push(i);
    }
    for p in &prepared {
        sync_folder(parent_folder(p.path));
    }
    Ok(())
}

fn prepared_path<'a>(files: &[(&'a Path, &[u8])], i: usize) -> &'a Path {
    files[i].0
}

/// What a target held before [`write_atomic_all`] replaced it.
enum Backup {
    /// Nothing: the target was new.
    New,
    /// A link to (or copy of) the old file, deleted when dropped.
    Old(tempfile::TempPath),
}

impl Backup {
    /// Keeps the current content of `path` aside.
    fn of(path: &Path) -> Result<Backup, WriteError> {
        let folder = parent_folder(path);
        match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Backup::New),
            Err(e) => return Err(classify(path, folder, e)),
            Ok(_) => {}
        }
        let fail = |e: io::Error| classify(path, folder, e);
        let temp = tempfile::Builder::new()
            .prefix(".cssm-assistant-")
            .suffix(".bak")
            .tempfile_in(folder)
            .map_err(fail)?
            .into_temp_path();
        // A hard link costs nothing; where links are refused (FAT), a copy.
        std::fs::remove_file(&temp).map_err(fail)?;
        if std::fs::hard_link(path, &temp).is_err() {
            std::fs::copy(path, &temp).map_err(fail)?;
        }
        Ok(Backup::Old(temp))
    }

    /// Puts the old content back at `path` (or removes a new file); whether it worked.
    fn restore(&self, path: &Path) -> bool {
        match self {
            Backup::New => std::fs::remove_file(path).is_ok(),
            // The backup's own clean-up then finds nothing to delete.
            Backup::Old(temp) => std::fs::rename(temp, path).is_ok(),
        }
    }
}

/// [`write_atomic`] with the writing step given, so tests can make it fail halfway.
fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    prepare(path, Access::Usual, write)?.commit()
}

/// A temporary file written and flushed beside its target, waiting to be renamed over
/// it. Dropped without [`Prepared::commit`], it is deleted.
struct Prepared<'a> {
    temp: tempfile::NamedTempFile,
    path: &'a Path,
}

impl Prepared<'_> {
    /// Renames the temporary file over the target and flushes the folder.
    fn commit(mut self) -> Result<(), WriteError> {
        self.rename()?;
        sync_folder(parent_folder(self.path));
        Ok(())
    }

    /// Renames the temporary file over the target. On Windows a rename refused with a
    /// sharing violation or access denied is tried again for up to two seconds, as an
    /// antivirus or a sync client holds a new file briefly (Go's `robustio` does the
    /// same).
    fn rename(&mut self) -> Result<(), WriteError> {
        let folder = parent_folder(self.path);
        let mut attempt = 0u32;
        loop {
            match std::fs::rename(self.temp.path(), self.path) {
                Ok(()) => {
                    // The temporary path is now the target: nothing to delete on drop.
                    self.temp.disable_cleanup(true);
                    return Ok(());
                }
                Err(e) if retry_rename(&e, attempt) => attempt += 1,
                Err(e) => return Err(classify(self.path, folder, e)),
            }
        }
    }
}

/// Whether a failed rename should be tried again (the `attempt`th retry, from 0),
/// after waiting a little longer each time. Only on Windows, only for the transient
/// errors another program holding the file causes.
#[cfg(windows)]
fn retry_rename(error: &io::Error, attempt: u32) -> bool {
    match rename_retry_wait(error.raw_os_error(), attempt) {
        Some(wait) => {
            std::thread::sleep(wait);
            true
        }
        None => false,
    }
}

/// Whether a failed rename should be tried again: never, off Windows.
#[cfg(not(windows))]
fn retry_rename(_error: &io::Error, _attempt: u32) -> bool {
    false
}

/// How long to wait before the `attempt`th retry (from 0) of a rename that Windows
/// refused with the system error `code`, if it is worth one: access denied, sharing
/// and lock violations are transient (an antivirus or a sync client holds the file);
/// 10, 20, 40… ms, eight times, about 2.5 s in all.
#[cfg_attr(not(windows), allow(dead_code))]
fn rename_retry_wait(code: Option<i32>, attempt: u32) -> Option<std::time::Duration> {
    /// ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
    const TRANSIENT: [i32; 3] = [5, 32, 33];
    const RETRIES: u32 = 8;
    let transient = code.is_some_and(|c| TRANSIENT.contains(&c));
    (transient && attempt < RETRIES).then(|| std::time::Duration::from_millis(10 << attempt.min(7)))
}

/// The error of a failed write to `path`, whose folder is `folder`.
fn classify(path: &Path, folder: &Path, e: io::Error) -> WriteError {
    match WriteError::from_io(path, &e) {
        // "Not found" in a folder that exists (a system folder such as /proc, say) is
        // not a missing folder: tell what the system said.
        WriteError::FolderMissing { path } if folder.is_dir() => WriteError::Other {
            path,
            reason: e.to_string(),
        },
        error => error,
    }
}

/// Writes the temporary file of `path` with `write` and flushes it to disk.
fn prepare(
    path: &Path,
    access: Access,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<Prepared<'_>, WriteError> {
    let folder = parent_folder(path);
    let fail = |e: io::Error| classify(path, folder, e);
    let existing = match std::fs::metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(e)),
    };
    if let Some(meta) = &existing
        && meta.is_file()
        && meta.permissions().readonly()
    {
        return Err(WriteError::PermissionDenied {
            path: path.to_path_buf(),
        });
    }

    sweep_stale_temporaries(folder);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".cssm-assistant-").suffix(".tmp");
    #[cfg(unix)]
    {
        // A new file gets the permissions `File::create` would give it (0o666 less the
        // umask), not the temporary file's private 0o600, unless it is private.
        use std::os::unix::fs::PermissionsExt;
        let mode = match access {
            Access::Usual => 0o666,
            Access::Private => 0o600,
        };
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    // From here on, dropping `temp` (on any early return) deletes the temporary file.
    let mut temp = builder.tempfile_in(folder).map_err(fail)?;
    if let Some(meta) = existing.filter(|m| m.is_file() && access == Access::Usual) {
        // Keeping the old permissions is a courtesy: the content matters more, so a
        // failure here does not stop the write.
        let _ = temp.as_file().set_permissions(meta.permissions());
    }
    write(temp.as_file_mut()).map_err(fail)?;
    temp.as_file_mut().flush().map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    Ok(Prepared { temp, path })
}

/// Temporary files of this program older than this were left by a write that was
/// killed (`kill -9`, a file-size limit, a power cut): no write takes that long.
pub const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes, from the folder about to be written in, the temporary and backup files
/// (`.cssm-assistant-*.tmp`, `.bak`) that killed writes left there more than
/// [`STALE_TEMPORARY`] ago. Younger ones may belong to a write under way and are left.
fn sweep_stale_temporaries(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if !(name.starts_with(".cssm-assistant-")
            && (name.ends_with(".tmp") || name.ends_with(".bak")))
        {
            continue;
        }
        // Not through a link, and regular files only.
        let stale = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_TEMPORARY);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Flushes the folder entry of a renamed file to disk, where the system allows it.
/// The data is already safe; this only makes the rename itself survive a power cut.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    {
        if let Ok(dir) = File::open(folder) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".cssm-assistant-"))
            .collect()
    }

    #[test]
    fn a_write_failing_halfway_keeps_the_old_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("case.md");
        std::fs::write(&target, "good content").expect("seed");
        let result = write_atomic_with(&target, |file| {
            file.write_all(b"half a new fi")?;
            Err(io::Error::from(io::ErrorKind::StorageFull))
        });
        assert_eq!(
            result,
            Err(WriteError::DiskFull {
                path: target.clone()
            })
        );
        assert_eq!(
            std::fs::read_to_string(&target).expect("read"),
            "good content"
        );
        assert!(
            leftovers(dir.path()).is_empty(),
            "{:?}",
            leftovers(dir.path())
        );
    }

    #[test]
    fn a_rename_failing_after_another_puts_the_first_file_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let md = dir.path().join("case.md");
        let ron = dir.path().join("case.ron");
        let new = dir.path().join("new.txt");
        std::fs::write(&md, "old summary").expect("seed");
        let mut calls = 0;
        let result = write_atomic_all_with(
            &[
                (&new, b"new file".as_slice()),
                (&md, b"new summary".as_slice()),
                (&ron, b"new case".as_slice()),
            ],
            |p| {
                calls += 1;
                if calls == 3 {
                    Err(WriteError::Other {
                        path: p.path.to_path_buf(),
                        reason: "held by another program".into(),
                    })
                } else {
                    p.rename()
                }
            },
        );
        assert!(matches!(result, Err(WriteError::Other { ref path, .. }) if *path == ron));
        assert_eq!(std::fs::read_to_string(&md).expect("read"), "old summary");
        assert!(!new.exists(), "a new file is removed again");
        assert!(!ron.exists());
        assert!(
            leftovers(dir.path()).is_empty(),
            "{:?}",
            leftovers(dir.path())
        );
        let message = result.expect_err("failed").message(&I18n::new(Lang::En));
        assert!(message.contains("Nothing was written"), "{message}");
    }

    #[test]
    fn a_partial_write_names_the_files_it_replaced() {
        let error = WriteError::Partial {
            cause: Box::new(WriteError::DiskFull {
                path: PathBuf::from("out/case.ron"),
            }),
            replaced: vec![PathBuf::from("out/case.md")],
        };
        for lang in [Lang::En, Lang::Fr] {
            let message = error.message(&I18n::new(lang));
            assert!(message.contains("out/case.ron"), "{message}");
            assert!(message.contains("out/case.md"), "{message}");
            assert!(
                !message.contains(I18n::new(lang).tr("write_error.nothing_written")),
                "{message}"
            );
        }
    }

    #[test]
    fn windows_renames_are_retried_on_transient_refusals_only() {
        let total: std::time::Duration = (0..)
            .map_while(|attempt| rename_retry_wait(Some(32), attempt))
            .sum();
        assert!(
            total >= std::time::Duration::from_secs(1)
                && total <= std::time::Duration::from_secs(3),
            "{total:?}"
        );
        for code in [5, 32, 33] {
            assert!(rename_retry_wait(Some(code), 0).is_some(), "{code}");
        }
        // Not found, disk full, no code at all: retrying cannot help.
        for code in [Some(2), Some(112), None] {
            assert_eq!(rename_retry_wait(code, 0), None, "{code:?}");
        }
    }

    #[test]
    fn io_errors_are_classified() {
        let p = Path::new("out/case.md");
        let kind = |k: io::ErrorKind| WriteError::from_io(p, &io::Error::from(k));
        let path = p.to_path_buf();
        assert_eq!(
            kind(io::ErrorKind::PermissionDenied),
            WriteError::PermissionDenied { path: path.clone() }
        );
        assert_eq!(
            kind(io::ErrorKind::ReadOnlyFilesystem),
            WriteError::PermissionDenied { path: path.clone() }
        );
        assert_eq!(
            kind(io::ErrorKind::NotFound),
            WriteError::FolderMissing { path: path.clone() }
        );
        assert_eq!(
            kind(io::ErrorKind::NotADirectory),
            WriteError::FolderMissing { path: path.clone() }
        );
        assert_eq!(
            kind(io::ErrorKind::StorageFull),
            WriteError::DiskFull { path: path.clone() }
        );
        assert_eq!(
            kind(io::ErrorKind::QuotaExceeded),
            WriteError::DiskFull { path: path.clone() }
        );
        assert!(matches!(
            kind(io::ErrorKind::IsADirectory),
            WriteError::Other { .. }
        ));
    }

    #[test]
    fn enospc_is_a_full_disk() {
        #[cfg(unix)]
        {
            // ENOSPC is 28 on Linux, macOS and the BSDs.
            let e = io::Error::from_raw_os_error(28);
            assert!(matches!(
                WriteError::from_io(Path::new("x"), &e),
                WriteError::DiskFull { .. }
            ));
        }
    }

    #[test]
    fn messages_name_the_file_and_folder_in_both_languages() {
        let path = PathBuf::from("exports/cssm-case.md");
        let errors = [
            WriteError::PermissionDenied { path: path.clone() },
            WriteError::FolderMissing { path: path.clone() },
            WriteError::DiskFull { path: path.clone() },
            WriteError::Other {
                path: path.clone(),
                reason: "Is a directory (os error 21)".into(),
            },
        ];
        let expected = [
            ("permission", "autorisation"),
            (
                "\"exports\" does not exist",
                "«\u{a0}exports\u{a0}» n'existe pas",
            ),
            ("disk is full", "disque est plein"),
            (
                "Is a directory (os error 21)",
                "Is a directory (os error 21)",
            ),
        ];
        for (error, (en_part, fr_part)) in errors.iter().zip(expected) {
            let en = error.message(&I18n::new(Lang::En));
            let fr = error.message(&I18n::new(Lang::Fr));
            assert!(
                en.contains("exports/cssm-case.md") && en.contains(en_part),
                "{en}"
            );
            assert!(
                fr.contains("exports/cssm-case.md") && fr.contains(fr_part),
                "{fr}"
            );
            assert!(!error.reason(&I18n::new(Lang::En)).contains("cssm-case.md"));
        }
    }
}
