//! The case being worked on: answers, fields, language, times and an event log. It is
//! saved and reopened as the case file (RON) of the procedure spec.
//!
//! In memory, fields hold exactly what the user typed, so nothing typed is ever lost;
//! [`Case::for_export`] gives the case as written to disk, with validated, normalised
//! values and the outcome.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::evidence::Evidence;
use crate::i18n::{I18n, Lang};
use crate::platform::os_error::OsProblem;
use crate::procedure::Procedure;
use crate::procedure::rules::{Answers, Evaluation, evaluate};
use crate::procedure::validation::{FieldError, validate};

/// The case-file schema this program writes and reads. Version 2 adds the optional
/// keys `evidence` and `answer_sources`; version 1 files load unchanged.
pub const SCHEMA_VERSION: u32 = 2;

/// The field of the Meraki organization ID (the Dashboard evidence is tied to it).
pub const ORG_FIELD: &str = "meraki_org_id";

/// The field of the subscription ID (the Dashboard evidence is tied to it).
pub const SUBSCRIPTION_FIELD: &str = "subscription_id";

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

/// Where an answer comes from.
///
/// Written as a string in case files, like the option ids of `answers`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum AnswerSource {
    /// The user said so.
    Stated,
    /// The user says Meraki Support confirmed it.
    MerakiSupport,
    /// Accepted from the evidence of a Meraki Dashboard check.
    DashboardApi,
}

impl AnswerSource {
    /// The id written in case files (`stated`, `meraki_support`, `dashboard_api`).
    pub fn id(self) -> &'static str {
        match self {
            AnswerSource::Stated => "stated",
            AnswerSource::MerakiSupport => "meraki_support",
            AnswerSource::DashboardApi => "dashboard_api",
        }
    }

    /// The source of an id, if it is one.
    pub fn from_id(id: &str) -> Option<AnswerSource> {
        [
            AnswerSource::Stated,
            AnswerSource::MerakiSupport,
            AnswerSource::DashboardApi,
        ]
        .into_iter()
        .find(|s| s.id() == id)
    }

    /// The source in plain words, in a language.
    pub fn label(self, i18n: &I18n) -> String {
        i18n.tr(&format!("dashboard.source.{}", self.id()))
            .to_owned()
    }
}

impl From<AnswerSource> for String {
    fn from(source: AnswerSource) -> String {
        source.id().to_owned()
    }
}

impl TryFrom<String> for AnswerSource {
    type Error = String;

    fn try_from(id: String) -> Result<AnswerSource, String> {
        AnswerSource::from_id(&id).ok_or_else(|| {
            format!(
                "unknown answer source `{id}` (expected stated, meraki_support or dashboard_api)"
            )
        })
    }
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
    /// What the last Meraki Dashboard check found (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// Where answers come from, by question id, when not the default (version 2; see
    /// [`Case::answer_source`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answer_sources: BTreeMap<String, AnswerSource>,
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
    Unreadable(OsProblem),
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
                    ("size", &i18n.number(*size)),
                    ("max", &i18n.number(MAX_CASE_FILE_BYTES)),
                ],
            ),
            CaseError::Unreadable(problem) => {
                i18n.trv("case_error.unreadable", &[("reason", &problem.text(i18n))])
            }
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
                let reason = error.message(i18n);
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
            evidence: None,
            answer_sources: BTreeMap::new(),
        }
    }

    /// Where the answer to `question` comes from: as recorded, else `meraki_support`
    /// for a `claimed_bound` of yes or no (its options say Meraki Support confirmed),
    /// else `stated`.
    pub fn answer_source(&self, question: &str) -> AnswerSource {
        if let Some(source) = self.answer_sources.get(question) {
            return *source;
        }
        match (question, self.answers.get(question).map(String::as_str)) {
            ("claimed_bound", Some("yes" | "no")) => AnswerSource::MerakiSupport,
            _ => AnswerSource::Stated,
        }
    }

    /// Whether the answer to `question` claims the Dashboard as its source
    /// (`dashboard_api`, e.g. in a hand-edited file) without evidence backing it: no
    /// evidence, evidence checked for other IDs than the case's, or evidence that does
    /// not support that answer. Its value stays, as the user's; it is shown as "source
    /// not backed by evidence".
    pub fn source_unbacked(&self, question: &str) -> bool {
        if self.answer_source(question) != AnswerSource::DashboardApi {
            return false;
        }
        // Only evidence checked for the case's IDs can back it (`current_evidence`).
        let Some(evidence) = self.current_evidence() else {
            return true;
        };
        let supported = question == crate::evidence::CLAIMED_BOUND
            && crate::evidence::claim_proposal(evidence).is_some_and(|option| {
                self.answers.get(question).map(String::as_str) == Some(option)
            });
        !supported
    }

    /// Where the answer to `question` comes from, in plain words, in a language:
    /// [`AnswerSource::label`], or "source not backed by evidence" (see
    /// [`Case::source_unbacked`]).
    pub fn source_label(&self, question: &str, i18n: &I18n) -> String {
        if self.source_unbacked(question) {
            i18n.tr("dashboard.source.unbacked").to_owned()
        } else {
            self.answer_source(question).label(i18n)
        }
    }

    /// Sets an answer accepted from the Dashboard's evidence (source `dashboard_api`);
    /// logs the change. Returns whether anything changed.
    pub fn accept_from_dashboard(&mut self, question: &str, option: &str, now: Timestamp) -> bool {
        let changed = self.set_answer(question, Some(option), now);
        let before = self
            .answer_sources
            .insert(question.to_owned(), AnswerSource::DashboardApi);
        changed || before != Some(AnswerSource::DashboardApi)
    }

    /// The evidence of the last Dashboard check if it was checked for the organization
    /// and subscription this case names now (see [`Evidence::is_for`]); `None` when
    /// there is none or it is stale. Every use of the evidence goes through here or
    /// [`Case::stale_evidence`].
    pub fn current_evidence(&self) -> Option<&Evidence> {
        self.evidence
            .as_ref()
            .filter(|e| e.is_for(self.field(ORG_FIELD), self.field(SUBSCRIPTION_FIELD)))
    }

    /// The evidence of the last check when it was checked for other IDs than the case
    /// names now (edited, typed, loaded or set by `check`): shown only as such, with
    /// "check again".
    pub fn stale_evidence(&self) -> Option<&Evidence> {
        self.evidence
            .as_ref()
            .filter(|_| self.current_evidence().is_none())
    }

    /// Records the evidence of a Dashboard check (replacing an earlier one); logs it.
    pub fn set_evidence(&mut self, evidence: Evidence, now: Timestamp) {
        let to = format!(
            "{} {}",
            evidence.base_url,
            evidence.checked_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        );
        self.evidence = Some(evidence);
        self.log("dashboard_check", None, Some(to), now, false);
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
        // An answer set by hand is the user's (or Meraki Support's) again.
        self.answer_sources.remove(question);
        // Answers to one question in quick succession (arrow keys on a radio group)
        // are one change in the log; none if they come back to where they started.
        let browsing = self.events.last().is_some_and(|last| {
            last.item == question
                && now.duration_since(last.at) <= jiff::SignedDuration::from_secs(2)
        });
        self.log(question, before, option.map(str::to_owned), now, browsing);
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
        // A value that holds a secret is written without it, if it is still valid so.
        out.redact_secrets();
        out.fields.retain(|id, value| {
            procedure
                .field(id)
                .is_some_and(|f| validate(f, value).is_ok_and(|v| v == *value))
        });
        out
    }

    /// Replaces every claim key or licence key in the case's free text (field values,
    /// event values, the Dashboard evidence's texts) by the short "removed" marker of the case's language: a secret is
    /// never written to a file, nor read back from one. The marker is shorter than any
    /// key, so no value grows past its limit by it.
    pub fn redact_secrets(&mut self) {
        let i18n = I18n::new(self.language.unwrap_or(Lang::En));
        let marker = i18n.tr("lost.redacted_in_file");
        let redact = |text: &mut String| {
            if let std::borrow::Cow::Owned(clean) = crate::secrets::redact(text, marker) {
                *text = clean;
            }
        };
        // A key split over two values (the end of the name, the start of the notes) is
        // found across every field value and every logged value.
        {
            let mut texts: Vec<&mut String> = self.fields.values_mut().collect();
            for event in &mut self.events {
                texts.extend(event.from.as_mut());
                texts.extend(event.to.as_mut());
            }
            crate::secrets::redact_split(&mut texts, marker);
        }
        self.fields.values_mut().for_each(redact);
        // The start of a key cut off at the end of a logged value is replaced too, which
        // can lengthen the value: it is clipped again to the log's limit.
        let redact_clipped = |text: &mut String| {
            if let std::borrow::Cow::Owned(clean) = crate::secrets::redact(text, marker) {
                *text = clip(&clean);
            }
        };
        for event in &mut self.events {
            redact(&mut event.item);
            event.from.as_mut().map(redact_clipped);
            event.to.as_mut().map(redact_clipped);
        }
        // The Dashboard's texts (organization, subscription, Smart Account names) are
        // from outside and may hold a key too; clipped again to the evidence's limit.
        self.evidence = self.evidence.take().map(|evidence| {
            evidence.map_texts(|text| match crate::secrets::redact(text, marker) {
                std::borrow::Cow::Owned(clean) => crate::evidence::clean(&clean),
                std::borrow::Cow::Borrowed(text) => text.to_owned(),
            })
        });
    }

    /// The case as RON text, as every file the program writes holds it (see
    /// [`Case::for_disk`]), with LF line ends on every system (see
    /// [`crate::platform::storage::LINE_END`]).
    pub fn to_ron(&self) -> String {
        self.bounded().1
    }

    /// The case as written to a file: without secrets (see [`Case::redact_secrets`]),
    /// and small enough to be read again: when its text would pass
    /// [`MAX_CASE_FILE_BYTES`], the oldest events are left out until it fits (fields
    /// are bounded by what the window lets one type). Reading [`Case::to_ron`] back
    /// gives this case.
    pub fn for_disk(&self) -> Case {
        self.bounded().0
    }

    /// [`Case::for_disk`] and its text.
    fn bounded(&self) -> (Case, String) {
        let mut case = self.clone();
        case.redact_secrets();
        // Written as it reads back: reading clips the logged values, then removes
        // secrets. Both again until neither changes anything: a marker can lengthen a
        // value past the log's limit (a key split over two values), a clip can cut a
        // key's start off.
        for _ in 0..4 {
            let mut again = case.clone();
            again.clip_events();
            again.redact_secrets();
            if again == case {
                break;
            }
            case = again;
        }
        loop {
            let text = case.to_ron_as_is();
            let excess = text.len().saturating_sub(MAX_CASE_FILE_BYTES as usize);
            if excess == 0 || case.events.is_empty() {
                return (case, text);
            }
            case.drop_oldest_events(excess);
        }
    }

    /// Every logged value cut to the log's limit.
    fn clip_events(&mut self) {
        for event in &mut self.events {
            event.from = event.from.as_deref().map(clip);
            event.to = event.to.as_deref().map(clip);
        }
    }

    /// Drops the oldest events whose text adds up to at least `bytes` (and a little
    /// more, so that the next try usually fits).
    fn drop_oldest_events(&mut self, bytes: usize) {
        let config = ron::ser::PrettyConfig::new()
            .new_line(crate::platform::storage::LINE_END)
            .depth_limit(3)
            .struct_names(false)
            .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
        let target = bytes + bytes / 64 + 256;
        let mut dropped = 0;
        let mut count = 0;
        for event in &self.events {
            if dropped >= target {
                break;
            }
            // Each event's own text, plus its indentation in the file.
            dropped +=
                ron::ser::to_string_pretty(event, config.clone()).map_or(64, |t| t.len() + 32);
            count += 1;
        }
        self.events.drain(..count.max(1));
    }

    /// The case as RON text, exactly as it is.
    fn to_ron_as_is(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .new_line(crate::platform::storage::LINE_END)
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
        let unreadable = |e: std::io::Error| CaseError::Unreadable(OsProblem::from_io(&e));
        // A pipe (FIFO) would keep `open` waiting for a writer forever, and a device
        // may never end: only regular files (and folders, said as such below) are
        // opened.
        if let Ok(meta) = std::fs::metadata(path)
            && !meta.is_file()
            && !meta.is_dir()
        {
            return Err(CaseError::Unreadable(OsProblem::NotAFile));
        }
        // Windows refuses to open a folder ("access denied") where Linux opens it: say
        // the same on both.
        let file = std::fs::File::open(path).map_err(|e| match path.is_dir() {
            true => CaseError::Unreadable(OsProblem::IsAFolder),
            false => unreadable(e),
        })?;
        let meta = file.metadata().map_err(unreadable)?;
        if meta.is_dir() {
            return Err(CaseError::Unreadable(OsProblem::IsAFolder));
        }
        if meta.len() > MAX_CASE_FILE_BYTES {
            return Err(CaseError::TooLarge { size: meta.len() });
        }
        let mut bytes = Vec::new();
        // Read one byte more than allowed, in case the file grew since its size was read.
        file.take(MAX_CASE_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
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

        let mut sources = BTreeMap::new();
        for (q, source) in std::mem::take(&mut case.answer_sources) {
            if procedure.question(&q).is_none() {
                drop_or_fail(&q, source.id(), CaseError::UnknownQuestion(q.clone()))?;
            } else if case.answers.contains_key(&q) {
                sources.insert(q, source);
            }
        }
        case.answer_sources = sources;
        case.evidence = case.evidence.take().map(Evidence::cleaned);

        // Nothing secret is read back (clip first: a clipped value could end in the
        // start of a key).
        case.clip_events();
        case.redact_secrets();

        let mut fields = BTreeMap::new();
        for (id, raw) in std::mem::take(&mut case.fields) {
            let Some(field) = procedure.field(&id) else {
                drop_or_fail(&id, &raw, CaseError::UnknownField(id.clone()))?;
                continue;
            };
            match (validate(field, &raw), strictness) {
                // A draft keeps what was typed, even blanks.
                (Ok(value), Strictness::Strict) if value.is_empty() => {}
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

/// A logged value cut to [`MAX_EVENT_VALUE`] characters and `…`; one cut already (its
/// limit and `…`) stays as it is.
fn clip(value: &str) -> String {
    let count = value.chars().count();
    if count <= MAX_EVENT_VALUE || (count == MAX_EVENT_VALUE + 1 && value.ends_with('…')) {
        value.to_owned()
    } else {
        let mut s: String = value.chars().take(MAX_EVENT_VALUE).collect();
        s.push('…');
        s
    }
}
