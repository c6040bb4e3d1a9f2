//! Atomic writes (temporary minimal version; the full one lands with issue 4).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::i18n::I18n;

/// Why a write failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError {
    /// The target.
    pub path: PathBuf,
    /// What the system said.
    pub reason: String,
}

impl WriteError {
    /// The message in the user's language.
    pub fn message(&self, i18n: &I18n) -> String {
        let _ = i18n;
        format!("{}: {}", self.path.display(), self.reason)
    }
}

/// Writes a file atomically: a temporary file in the same folder, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let fail = |e: std::io::Error| WriteError {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
