//! Loading a procedure: parse its RON, then lint it, so a broken procedure never
//! reaches the user. Kept apart from the types (`procedure/mod.rs`) so that the lint,
//! which needs the rules, and the rules, which need the types, import in one direction:
//! `load` → `lint` → `rules` → the model.

use std::path::Path;

use crate::i18n::Catalogs;
use crate::procedure::lint::{LintProblem, lint};
use crate::procedure::{BUILTIN_SOURCE, Procedure};

/// Why a procedure could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The file could not be read.
    Io(String),
    /// The file is not a valid procedure document.
    Syntax(String),
    /// The procedure parsed but the lint found problems.
    Lint(Vec<LintProblem>),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(e) => write!(f, "cannot read the procedure: {e}"),
            LoadError::Syntax(e) => write!(f, "the procedure is not valid RON: {e}"),
            LoadError::Lint(problems) => {
                write!(f, "the procedure has {} problem(s):", problems.len())?;
                for p in problems {
                    write!(f, "\n- {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

impl Procedure {
    /// Parses a procedure from RON and lints it against the embedded locales.
    pub fn from_ron(text: &str) -> Result<Self, LoadError> {
        let procedure: Procedure = ron::Options::default()
            .from_str(text)
            .map_err(|e| LoadError::Syntax(e.to_string()))?;
        let problems = lint(&procedure, Catalogs::embedded());
        if problems.is_empty() {
            Ok(procedure)
        } else {
            Err(LoadError::Lint(problems))
        }
    }

    /// Loads and lints a procedure file.
    pub fn from_path(path: &Path) -> Result<Self, LoadError> {
        let text = std::fs::read_to_string(path).map_err(|e| LoadError::Io(e.to_string()))?;
        Self::from_ron(&text)
    }

    /// The built-in procedure (linted; the test suite guarantees it is clean).
    pub fn builtin() -> Result<Self, LoadError> {
        Self::from_ron(BUILTIN_SOURCE)
    }
}
