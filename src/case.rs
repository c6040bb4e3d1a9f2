//! The case being worked on: answers, fields, language, times and an event log. It is
//! saved and reopened as the case file (RON) of the procedure spec.
//!
//! In memory, fields hold exactly what the user typed, so nothing typed is ever lost;
//! [`Case::for_export`] gives the case as written to disk, with validated, normalised
//! values and the outcome.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::i18n::{I18n, Lang};
use crate::procedure::Procedure;
use crate::rules::{Answers, Evaluation, evaluate};
use crate::validation::{FieldError, validate};

/// The case-file schema this program writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// The largest case file read; a larger one is refused before it is read.
pub const MAX_CASE_FILE_BYTES: u64 = 1024 * 1024;

/// How deeply nested a case file may be.
const RECURSION_LIMIT: usize = 32;

/// Most events kept in a case's log; older ones are dropped first.
pub const MAX_EVENTS: usize = 5_000;

/// Longest value kept in an event, in characters.
const MAX_EVENT_VALUE: usize = 200;

/// One change to the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// When (UTC).
    pub at: Timestamp,
    /// What changed: a question or field id, or `escalated`.
    pub item: String,
    /// The value before, if any.
    #[serde(default)]
    pub from: Option<String>,
    /// The value after, if any.
    #[serde(default)]
    pub to: Option<String>,
}

/// A case: what the user answered and typed, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Case-file schema version.
    #[serde(default = "current_schema")]
    pub schema_version: u32,
    /// The procedure id.
    pub procedure: String,
    /// The procedure version the case was answered with.
    #[serde(default)]
    pub procedure_version: Option<u32>,
    /// The language the case was worked in.
    #[serde(default)]
    pub language: Option<Lang>,
    /// When the case was started (UTC).
    #[serde(default)]
    pub created: Option<Timestamp>,
    /// When the case last changed (UTC).
    #[serde(default)]
    pub updated: Option<Timestamp>,
    /// The outcome when written (informative: it is always recomputed on load).
    #[serde(default)]
    pub outcome: Option<String>,
    /// Whether the user took the escape hatch ("I can't resolve this").
    #[serde(default)]
    pub escalated: bool,
    /// Choice answers: question id to option id.
    pub answers: Answers,
    /// Text fields: field id to value.
    pub fields: BTreeMap<String, String>,
    /// What changed, oldest first.
    #[serde(default)]
    pub events: Vec<Event>,
}

fn current_schema() -> u32 {
    SCHEMA_VERSION
}

/// Why a case file cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseError {
    /// The file is larger than [`MAX_CASE_FILE_BYTES`].
    TooLarge {
        /// Its size in bytes.
        size: u64,
    },
    /// The file could not be read.
    Unreadable(String),
    /// The file is empty.
    Empty,
    /// The file is binary, not text.
    Binary,
    /// The file is UTF-16 text (saved by some Windows editors).
    Utf16,
    /// The file is not valid UTF-8.
    NotUtf8,
    /// The file is written by a newer version of the program.
    NewerSchema {
        /// The version found.
        found: u32,
    },
    /// Not a RON case file, with the position of the problem.
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser says.
        message: String,
    },
    /// A case of another procedure.
    UnknownProcedure(String),
    /// An answer to a question the procedure does not have.
    UnknownQuestion(String),
    /// An answer with an option its question does not have.
    UnknownOption {
        /// The question.
        question: String,
        /// The option.
        option: String,
    },
    /// A field the procedure does not have.
    UnknownField(String),
    /// A field whose value breaks its rule.
    InvalidField {
        /// The field.
        field: String,
        /// The rule broken.
        error: FieldError,
    },
}

impl CaseError {
    /// The message in the user's language.
    pub fn message(&self, i18n: &I18n) -> String {
        match self {
            CaseError::TooLarge { size } => i18n.trv(
                "case_error.too_large",
                &[
                    ("size", &size.to_string()),
                    ("max", &MAX_CASE_FILE_BYTES.to_string()),
                ],
            ),
            CaseError::Unreadable(e) => i18n.trv("case_error.unreadable", &[("reason", e)]),
            CaseError::Empty => i18n.tr("case_error.empty").to_owned(),
            CaseError::Binary => i18n.tr("case_error.binary").to_owned(),
            CaseError::Utf16 => i18n.tr("case_error.utf16").to_owned(),
            CaseError::NotUtf8 => i18n.tr("case_error.not_utf8").to_owned(),
            CaseError::NewerSchema { found } => i18n.trv(
                "case_error.newer_schema",
                &[
                    ("found", &found.to_string()),
                    ("supported", &SCHEMA_VERSION.to_string()),
                ],
            ),
            CaseError::Syntax {
                line,
                column,
                message,
            } => i18n.trv(
                "case_error.syntax",
                &[
                    ("line", &line.to_string()),
                    ("column", &column.to_string()),
                    ("reason", message),
                ],
            ),
            CaseError::UnknownProcedure(id) => {
                i18n.trv("case_error.unknown_procedure", &[("id", id)])
            }
            CaseError::UnknownQuestion(id) => {
                i18n.trv("case_error.unknown_question", &[("id", id)])
            }
            CaseError::UnknownOption { question, option } => i18n.trv(
                "case_error.unknown_option",
                &[("question", question), ("option", option)],
            ),
            CaseError::UnknownField(id) => i18n.trv("case_error.unknown_field", &[("id", id)]),
            CaseError::InvalidField { field, error } => {
                let vars: Vec<(&str, String)> = error.vars();
                let refs: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let reason = i18n.trv(error.key(), &refs);
                i18n.trv(
                    "case_error.invalid_field",
                    &[
                        ("field", field),
                        ("rule", error.rule()),
                        ("reason", &reason),
                    ],
                )
            }
        }
    }
}

/// Something the user should know about a case that did open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadNotice {
    /// The case was answered with another version of the procedure; its answers were
    /// checked again against the current one.
    ProcedureVersionChanged {
        /// The version in the file.
        from: u32,
        /// The current version.
        to: u32,
    },
    /// An answer or field of an older procedure version that the current one does not
    /// accept, and which was left out (id, value).
    Dropped {
        /// The question or field id.
        id: String,
        /// The value left out.
        value: String,
    },
}

impl LoadNotice {
    /// The notice in the user's language.
    pub fn message(&self, i18n: &I18n) -> String {
        match self {
            LoadNotice::ProcedureVersionChanged { from, to } => i18n.trv(
                "notice.procedure_version",
                &[("from", &from.to_string()), ("to", &to.to_string())],
            ),
            LoadNotice::Dropped { id, value } => {
                i18n.trv("notice.dropped", &[("id", id), ("value", value)])
            }
        }
    }
}

/// A case read from a file, with what the user should be told about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedCase {
    /// The case.
    pub case: Case,
    /// Notices (procedure version changes, values left out).
    pub notices: Vec<LoadNotice>,
}

/// Whether values that do not fit the procedure are errors or kept as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// A case file from outside: invalid field values are errors.
    Strict,
    /// The program's own draft: field values are kept as typed, valid or not.
    Draft,
}

impl Case {
    /// A new, empty case of this procedure.
    pub fn new(procedure: &Procedure, language: Lang, now: Timestamp) -> Case {
        Case {
            schema_version: SCHEMA_VERSION,
            procedure: procedure.id.clone(),
            procedure_version: Some(procedure.version),
            language: Some(language),
            created: Some(now),
            updated: Some(now),
            outcome: None,
            escalated: false,
            answers: Answers::new(),
            fields: BTreeMap::new(),
            events: Vec::new(),
        }
    }

    /// Evaluates the case's answers.
    pub fn evaluate(&self, procedure: &Procedure) -> Evaluation {
        evaluate(procedure, &self.answers, self.escalated)
    }

    /// The raw value of a field (empty when never typed).
    pub fn field(&self, id: &str) -> &str {
        self.fields.get(id).map(String::as_str).unwrap_or("")
    }

    /// Sets or clears the answer to a question; logs the change. Returns whether
    /// anything changed.
    pub fn set_answer(&mut self, question: &str, option: Option<&str>, now: Timestamp) -> bool {
        let before = self.answers.get(question).cloned();
        if before.as_deref() == option {
            return false;
        }
        match option {
            Some(o) => self.answers.insert(question.to_owned(), o.to_owned()),
            None => self.answers.remove(question),
        };
        self.log(question, before, option.map(str::to_owned), now, false);
        true
    }

    /// Sets a field to what the user typed; logs the change, merging consecutive edits
    /// of one field into one event. Returns whether anything changed.
    pub fn set_field(&mut self, field: &str, value: &str, now: Timestamp) -> bool {
        let before = self.fields.get(field).cloned();
        if before.as_deref().unwrap_or("") == value {
            return false;
        }
        if value.is_empty() {
            self.fields.remove(field);
        } else {
            self.fields.insert(field.to_owned(), value.to_owned());
        }
        let to = (!value.is_empty()).then(|| value.to_owned());
        self.log(field, before, to, now, true);
        true
    }

    /// Takes or leaves the escape hatch; logs the change.
    pub fn set_escalated(&mut self, escalated: bool, now: Timestamp) -> bool {
        if self.escalated == escalated {
            return false;
        }
        self.escalated = escalated;
        let (from, to) = if escalated {
            ("no", "yes")
        } else {
            ("yes", "no")
        };
        self.log(
            "escalated",
            Some(from.to_owned()),
            Some(to.to_owned()),
            now,
            false,
        );
        true
    }

    fn log(
        &mut self,
        item: &str,
        from: Option<String>,
        to: Option<String>,
        now: Timestamp,
        merge: bool,
    ) {
        self.updated = Some(now);
        let from = from.map(|v| clip(&v));
        let to = to.map(|v| clip(&v));
        if merge && let Some(last) = self.events.last_mut().filter(|e| e.item == item) {
            last.at = now;
            last.to = to;
            if last.from == last.to {
                self.events.pop();
            }
            return;
        }
        self.events.push(Event {
            at: now,
            item: item.to_owned(),
            from,
            to,
        });
        if self.events.len() > MAX_EVENTS {
            let excess = self.events.len() - MAX_EVENTS;
            self.events.drain(..excess);
        }
    }

    /// Each field's validated value, or why it is refused (fields never typed are
    /// left out).
    pub fn validated_fields(
        &self,
        procedure: &Procedure,
    ) -> BTreeMap<String, Result<String, FieldError>> {
        procedure
            .fields()
            .filter_map(|(_, f)| {
                let raw = self.fields.get(&f.id)?;
                Some((f.id.clone(), validate(f, raw)))
            })
            .collect()
    }

    /// The case as written to a file: valid fields normalised (invalid or empty ones
    /// left out), the outcome recorded, the procedure version and language set.
    pub fn for_export(&self, procedure: &Procedure) -> Case {
        let mut out = self.clone();
        out.schema_version = SCHEMA_VERSION;
        out.procedure_version = Some(procedure.version);
        out.fields = self
            .validated_fields(procedure)
            .into_iter()
            .filter_map(|(id, v)| v.ok().filter(|v| !v.is_empty()).map(|v| (id, v)))
            .collect();
        out.outcome = self.evaluate(procedure).outcome;
        out
    }

    /// The case as RON text.
    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(3)
            .struct_names(false)
            .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
            // LF everywhere, as the summary: ron's default is CRLF on Windows, which made
            // the same case's file differ between the Windows and the Linux binary.
            .new_line("\n");
        // Serialising plain strings, maps and numbers cannot fail; an empty string
        // would be refused by the loader, never silently accepted.
        ron::ser::to_string_pretty(self, config).unwrap_or_default()
    }

    /// Reads a case from bytes: refuses binary, UTF-16, oversized and newer-schema files,
    /// then checks every id and value against the procedure.
    pub fn from_bytes(
        bytes: &[u8],
        procedure: &Procedure,
        strictness: Strictness,
    ) -> Result<LoadedCase, CaseError> {
        if bytes.len() as u64 > MAX_CASE_FILE_BYTES {
            return Err(CaseError::TooLarge {
                size: bytes.len() as u64,
            });
        }
        let text = decode(bytes)?;
        Self::from_text(text, procedure, strictness)
    }

    /// Reads a case file from disk, checking its size before reading it.
    pub fn from_path(
        path: &std::path::Path,
        procedure: &Procedure,
        strictness: Strictness,
    ) -> Result<LoadedCase, CaseError> {
        use std::io::Read;
        let file = std::fs::File::open(path).map_err(|e| CaseError::Unreadable(e.to_string()))?;
        let meta = file
            .metadata()
            .map_err(|e| CaseError::Unreadable(e.to_string()))?;
        if meta.is_dir() {
            return Err(CaseError::Unreadable(
                std::io::Error::from(std::io::ErrorKind::IsADirectory).to_string(),
            ));
        }
        if meta.len() > MAX_CASE_FILE_BYTES {
            return Err(CaseError::TooLarge { size: meta.len() });
        }
        let mut bytes = Vec::new();
        // Read one byte more than allowed, in case the file grew since its size was read.
        file.take(MAX_CASE_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| CaseError::Unreadable(e.to_string()))?;
        Self::from_bytes(&bytes, procedure, strictness)
    }

    fn from_text(
        text: &str,
        procedure: &Procedure,
        strictness: Strictness,
    ) -> Result<LoadedCase, CaseError> {
        if text.trim().is_empty() {
            return Err(CaseError::Empty);
        }
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .with_recursion_limit(RECURSION_LIMIT);

        // A newer schema is told as such, not as an unknown key it happens to add.
        #[derive(Deserialize)]
        struct Probe {
            #[serde(default)]
            schema_version: Option<u32>,
        }
        if let Ok(Probe {
            schema_version: Some(found),
        }) = options.from_str::<Probe>(text)
            && found > SCHEMA_VERSION
        {
            return Err(CaseError::NewerSchema { found });
        }

        let mut case: Case = options.from_str(text).map_err(|e| CaseError::Syntax {
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
        if case.procedure != procedure.id {
            return Err(CaseError::UnknownProcedure(case.procedure));
        }
        let mut notices = Vec::new();
        let other_version = case.procedure_version.filter(|v| *v != procedure.version);
        if let Some(from) = other_version {
            notices.push(LoadNotice::ProcedureVersionChanged {
                from,
                to: procedure.version,
            });
        }
        // Ids and values that an older procedure version accepted are left out with a
        // notice; in a file of the current version they are errors.
        let lenient = other_version.is_some();
        let mut drop_or_fail = |id: &str, value: &str, error: CaseError| {
            if lenient {
                notices.push(LoadNotice::Dropped {
                    id: id.to_owned(),
                    value: value.to_owned(),
                });
                Ok(false)
            } else {
                Err(error)
            }
        };

        let mut answers = Answers::new();
        for (q, o) in std::mem::take(&mut case.answers) {
            let keep = match procedure.question(&q) {
                None => drop_or_fail(&q, &o, CaseError::UnknownQuestion(q.clone()))?,
                Some(question) if !question.has_option(&o) => drop_or_fail(
                    &q,
                    &o,
                    CaseError::UnknownOption {
                        question: q.clone(),
                        option: o.clone(),
                    },
                )?,
                Some(_) => true,
            };
            if keep {
                answers.insert(q, o);
            }
        }
        case.answers = answers;

        let mut fields = BTreeMap::new();
        for (id, raw) in std::mem::take(&mut case.fields) {
            let Some(field) = procedure.field(&id) else {
                drop_or_fail(&id, &raw, CaseError::UnknownField(id.clone()))?;
                continue;
            };
            match (validate(field, &raw), strictness) {
                (Ok(value), _) if value.is_empty() => {}
                (Ok(value), Strictness::Strict) => {
                    fields.insert(id, value);
                }
                (Ok(_), Strictness::Draft) => {
                    fields.insert(id, raw);
                }
                (Err(_), Strictness::Draft) if raw.chars().count() <= 4 * field.max_len => {
                    fields.insert(id, raw);
                }
                (Err(error), _) => {
                    let failure = CaseError::InvalidField {
                        field: id.clone(),
                        error,
                    };
                    drop_or_fail(&id, &raw, failure)?;
                }
            }
        }
        case.fields = fields;

        for event in &mut case.events {
            event.from = event.from.as_deref().map(clip);
            event.to = event.to.as_deref().map(clip);
        }
        if case.events.len() > MAX_EVENTS {
            let excess = case.events.len() - MAX_EVENTS;
            case.events.drain(..excess);
        }
        case.schema_version = SCHEMA_VERSION;
        case.procedure_version = Some(procedure.version);
        case.outcome = case.evaluate(procedure).outcome;
        Ok(LoadedCase { case, notices })
    }
}

/// Text from bytes, with a UTF-8 byte-order mark removed and binary or UTF-16 files
/// recognised.
fn decode(bytes: &[u8]) -> Result<&str, CaseError> {
    if bytes.is_empty() {
        return Err(CaseError::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(CaseError::Utf16);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if bytes.contains(&0) {
        // UTF-16 without a byte-order mark has a zero in every other byte of ASCII text.
        let zeros_at_odd = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        let zeros_at_even = bytes.iter().step_by(2).filter(|b| **b == 0).count();
        let half = bytes.len() / 4;
        return Err(if zeros_at_odd > half || zeros_at_even > half {
            CaseError::Utf16
        } else {
            CaseError::Binary
        });
    }
    std::str::from_utf8(bytes).map_err(|_| CaseError::NotUtf8)
}

fn clip(value: &str) -> String {
    if value.chars().count() <= MAX_EVENT_VALUE {
        value.to_owned()
    } else {
        let mut s: String = value.chars().take(MAX_EVENT_VALUE).collect();
        s.push('…');
        s
    }
}
