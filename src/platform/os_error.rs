//! Errors of the operating system told in the user's language: the system's own text
//! ("No such file or directory (os error 2)", "Le fichier spécifié est introuvable.")
//! differs between systems and follows neither `--lang` nor the program's words, so the
//! common kinds get a sentence of the catalogs and only rare ones keep the system's text.

use std::io;

use crate::i18n::I18n;

/// What went wrong in the system, kept as a kind so it can be told in any language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OsProblem {
    /// The file or folder does not exist.
    NotFound,
    /// The user may not read or write it.
    PermissionDenied,
    /// A folder was given where a file is wanted.
    IsAFolder,
    /// The name is not valid on this system.
    InvalidName,
    /// Another program holds the file.
    InUse,
    /// The disk is full.
    DiskFull,
    /// Not a regular file: a pipe (FIFO), a device or a socket, which could keep a
    /// reader waiting forever.
    NotAFile,
    /// Anything else, with the system's own text.
    Other(String),
}

impl OsProblem {
    /// Classifies an I/O error.
    pub fn from_io(error: &io::Error) -> OsProblem {
        match error.kind() {
            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory => OsProblem::NotFound,
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                OsProblem::PermissionDenied
            }
            io::ErrorKind::IsADirectory => OsProblem::IsAFolder,
            io::ErrorKind::InvalidFilename => OsProblem::InvalidName,
            io::ErrorKind::ResourceBusy => OsProblem::InUse,
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => OsProblem::DiskFull,
            _ => OsProblem::Other(error.to_string()),
        }
    }

    /// The problem in the user's language: the end of a sentence, with its full stop.
    pub fn text(&self, i18n: &I18n) -> String {
        match self {
            OsProblem::NotFound => i18n.tr("os_error.not_found").to_owned(),
            OsProblem::PermissionDenied => i18n.tr("os_error.permission_denied").to_owned(),
            OsProblem::IsAFolder => i18n.tr("os_error.is_a_folder").to_owned(),
            OsProblem::InvalidName => i18n.tr("os_error.invalid_name").to_owned(),
            OsProblem::InUse => i18n.tr("os_error.in_use").to_owned(),
            OsProblem::DiskFull => i18n.tr("os_error.disk_full").to_owned(),
            OsProblem::NotAFile => i18n.tr("os_error.not_a_file").to_owned(),
            OsProblem::Other(reason) => i18n.trv("os_error.other", &[("reason", reason)]),
        }
    }
}
