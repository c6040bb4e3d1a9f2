//! The case summary: a Markdown file the partner attaches to a Meraki support case, so
//! the support engineer can act without asking a question back.
//!
//! It holds the versions, the generation time and the reference code, the details given
//! (validated and normalised values only), the outcome with who acts, what is still
//! missing, the next actions, the links, the request for SWIT where there is one, the
//! answers of the path, the notes, and the event log when an answer was changed. A
//! summary in another language than English says so on its first line and ends with the
//! same facts in English, for Cisco and Meraki support.
//!
//! Everything the user typed is escaped so it cannot change the document's structure,
//! and claim keys are redacted wherever user text appears.

pub mod swit;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::tz::Offset;

use crate::case::{Case, SCHEMA_VERSION};
use crate::i18n::{I18n, Lang};
use crate::procedure::rules::{Evaluation, evaluate};
use crate::procedure::validation::{FieldError, normalize, validate_domain};
use crate::procedure::{Field, FieldKind, Outcome, Procedure, Question};
use crate::summary::swit::{fill_clauses, missing_fields};

/// The id of the field whose value names the default file.
const DOMAIN_FIELD: &str = "smart_account_domain";

/// The part of a file name standing for the domain when no valid one was typed.
const NO_DOMAIN: &str = "no-domain";

/// The longest domain kept in a file name, in characters (file names are limited to 255
/// bytes on most systems, and Windows paths to 260 characters by default).
const MAX_DOMAIN_IN_FILE_NAME: usize = 64;

/// Renders the summary of `case` in `lang`, generated at `generated`.
///
/// Pure and fast (it is rendered on every export and copy). Only validated, normalised
/// field values appear; user text is escaped and claim keys are redacted. When `lang`
/// is not English, the same facts follow in English.
pub fn render(procedure: &Procedure, case: &Case, lang: Lang, generated: Timestamp) -> String {
    let facts = Facts {
        procedure,
        case,
        eval: case.evaluate(procedure),
        fields: case.validated_fields(procedure),
        generated,
    };
    let mut out = String::with_capacity(8 * 1024 + 160 * case.events.len());
    let i18n = I18n::new(lang);
    if lang == Lang::En {
        heading(
            &mut out,
            1,
            &i18n.trv("summary.title", &[("procedure", i18n.tr(&procedure.title))]),
        );
    } else {
        // The first line tells an English reader that their version follows.
        heading(&mut out, 1, i18n.tr("summary.title.bilingual"));
    }
    body(&mut out, &facts, &i18n, 2);
    if lang != Lang::En {
        let en = I18n::new(Lang::En);
        out.push_str("---\n\n");
        paragraph(&mut out, i18n.tr("summary.english.lead"));
        heading(&mut out, 2, en.tr("summary.english.title"));
        body(&mut out, &facts, &en, 3);
    }
    // One line break at the end, as text files have.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The default name of an exported case, without extension:
/// `cssm-case-<domain>-<YYYYMMDD-HHMM>` with the time in UTC. The domain is the
/// Smart Account domain when a valid one was typed (lower-case letters, digits, `-` and
/// `.` only, so safe on every system), cut to a sensible length; otherwise `no-domain`.
pub fn default_file_stem(case: &Case, generated: Timestamp) -> String {
    default_file_stem_in(case, generated, &jiff::tz::TimeZone::UTC)
}

/// [`default_file_stem`] with the time in the time zone `tz`: the window proposes
/// names in the user's local time, the time their clock shows.
pub fn default_file_stem_in(case: &Case, generated: Timestamp, tz: &jiff::tz::TimeZone) -> String {
    let domain = normalize(FieldKind::Domain, case.field(DOMAIN_FIELD));
    let domain = if !domain.is_empty() && validate_domain(&domain).is_ok() {
        let cut: String = domain.chars().take(MAX_DOMAIN_IN_FILE_NAME).collect();
        cut.trim_end_matches(['.', '-']).to_owned()
    } else {
        NO_DOMAIN.to_owned()
    };
    let t = tz.to_datetime(generated);
    format!(
        "cssm-case-{domain}-{:04}{:02}{:02}-{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// What the summary is made of, computed once for both languages.
struct Facts<'a> {
    procedure: &'a Procedure,
    case: &'a Case,
    eval: Evaluation,
    fields: BTreeMap<String, Result<String, FieldError>>,
    generated: Timestamp,
}

impl Facts<'_> {
    fn outcome(&self) -> Option<&Outcome> {
        self.eval
            .outcome
            .as_deref()
            .and_then(|id| self.procedure.outcome(id))
    }
}

/// Everything below the title, with sections at heading `level`.
fn body(out: &mut String, facts: &Facts, i18n: &I18n, level: usize) {
    meta_section(out, facts, i18n);
    details_section(out, facts, i18n, level);
    outcome_section(out, facts, i18n, level);
    why_section(out, facts, i18n, level);
    evidence_section(out, facts, i18n, level);
    notes_section(out, facts, i18n, level);
    events_section(out, facts, i18n, level);
}

fn meta_section(out: &mut String, facts: &Facts, i18n: &I18n) {
    let p = facts.procedure;
    item(
        out,
        i18n,
        i18n.tr("summary.meta.generated"),
        &format!("{} UTC", time(facts.generated)),
    );
    let reference = match &facts.eval.outcome {
        Some(id) => format!("`{id}`"),
        None => i18n.tr("summary.meta.reference_none").to_owned(),
    };
    item(out, i18n, i18n.tr("summary.meta.reference"), &reference);
    let version = i18n.trv("summary.version", &[("version", &p.version.to_string())]);
    item(
        out,
        i18n,
        i18n.tr("summary.meta.procedure"),
        &format!("{} (`{}`, {version})", i18n.tr(&p.title), p.id),
    );
    item(
        out,
        i18n,
        i18n.tr("summary.meta.case_file"),
        &i18n.trv(
            "summary.version",
            &[("version", &SCHEMA_VERSION.to_string())],
        ),
    );
    item(
        out,
        i18n,
        i18n.tr("summary.meta.app"),
        concat!(env!("CARGO_PKG_NAME"), " ", env!("CARGO_PKG_VERSION")),
    );
    if let Some(created) = facts.case.created {
        item(
            out,
            i18n,
            i18n.tr("summary.meta.created"),
            &format!("{} UTC", time(created)),
        );
    }
    if let Some(updated) = facts.case.updated {
        item(
            out,
            i18n,
            i18n.tr("summary.meta.updated"),
            &format!("{} UTC", time(updated)),
        );
    }
    out.push('\n');
}

fn details_section(out: &mut String, facts: &Facts, i18n: &I18n, level: usize) {
    heading(out, level, i18n.tr("summary.details.title"));
    let redacted = i18n.tr("summary.redacted");
    let mut any = false;
    for (_, field) in facts.procedure.fields() {
        if field.kind == FieldKind::Multiline {
            continue; // Shown as notes, below.
        }
        let value = match facts.fields.get(&field.id) {
            Some(Ok(v)) if !v.is_empty() => escape(&redact(v, redacted)),
            Some(Err(_)) => i18n.tr("summary.value.invalid").to_owned(),
            _ if field.required && facts.eval.asks_field(field) => {
                i18n.tr("summary.value.not_provided").to_owned()
            }
            _ => continue,
        };
        item(out, i18n, &field_label(field, i18n), &value);
        any = true;
    }
    if !any {
        out.push_str(i18n.tr("summary.details.none"));
        out.push('\n');
    }
    out.push('\n');
}

fn outcome_section(out: &mut String, facts: &Facts, i18n: &I18n, level: usize) {
    heading(out, level, i18n.tr("summary.outcome.title"));
    let Some(id) = facts.eval.outcome.as_deref() else {
        return unfinished_section(out, facts, i18n);
    };
    let Some(outcome) = facts.outcome() else {
        // An outcome the procedure does not describe (the lint prevents it): its id
        // is all there is to say.
        paragraph(out, &format!("**`{id}`**"));
        return;
    };
    paragraph(out, &format!("**{}**", i18n.tr(&outcome.headline)));
    item(
        out,
        i18n,
        i18n.tr("summary.outcome.who"),
        &actor_label(outcome, i18n),
    );
    out.push('\n');
    paragraph(out, i18n.tr(&outcome.explanation));
    if outcome.swit_request.is_none() {
        // With a request for SWIT, what is missing is listed just above the request.
        let missing = missing_fields(facts.procedure, outcome, None, &facts.fields);
        if !missing.is_empty() {
            paragraph(
                out,
                &i18n.trv("summary.missing", &[("fields", &labels(&missing, i18n))]),
            );
        }
    }

    heading(out, level + 1, i18n.tr("summary.actions.title"));
    for (n, action) in outcome.actions.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", n + 1, i18n.tr(action));
    }
    out.push('\n');

    if !outcome.links.is_empty() {
        heading(out, level + 1, i18n.tr("summary.links.title"));
        for link in &outcome.links {
            let label = i18n.trv("summary.label", &[("label", i18n.tr(&link.label))]);
            let _ = writeln!(out, "- {label} <{}>", link.url);
        }
        out.push('\n');
    }

    if let Some(key) = &outcome.swit_request {
        swit_section(out, facts, i18n, level + 1, key);
    }
}

fn unfinished_section(out: &mut String, facts: &Facts, i18n: &I18n) {
    paragraph(
        out,
        &format!("**{}**", i18n.tr("summary.unfinished.headline")),
    );
    let next = facts.eval.next.as_ref().and_then(|n| {
        let step = facts.procedure.steps.get(n.step)?;
        let question = facts.procedure.question(&n.question)?;
        Some((step, question))
    });
    match next {
        Some((step, question)) => paragraph(
            out,
            &i18n.trv(
                "summary.unfinished.stopped",
                &[
                    ("step", i18n.tr(&step.title)),
                    ("question", i18n.tr(&question.label)),
                ],
            ),
        ),
        None => paragraph(out, i18n.tr("summary.unfinished.stopped_unknown")),
    }
}

/// The request Meraki Support forwards to SWIT for an outcome whose `swit_request` is
/// `key`, written to SWIT, with the case's validated details filled in (claim keys
/// redacted). A clause whose value is missing is left out. Always in English: SWIT and
/// Meraki Support work in English.
pub fn swit_request(procedure: &Procedure, case: &Case, key: &str) -> String {
    with_dashboard_check(
        swit_request_from(&case.validated_fields(procedure), key),
        case,
    )
}

/// The request for SWIT from validated fields.
fn swit_request_from(fields: &BTreeMap<String, Result<String, FieldError>>, key: &str) -> String {
    let en = I18n::new(Lang::En);
    let redacted = en.tr("summary.redacted");
    fill_clauses(en.tr(key), &|id| match fields.get(id) {
        Some(Ok(v)) if !v.is_empty() => Some(redact(v, redacted).into_owned()),
        _ => None,
    })
}

/// The fields' names in `i18n`'s language, joined by commas.
fn labels(fields: &[&Field], i18n: &I18n) -> String {
    let names: Vec<String> = fields.iter().map(|f| field_label(f, i18n)).collect();
    names.join(", ")
}

/// The request for SWIT in a fenced block ready to paste, with a lead-in in the
/// summary's language and, above it, what is still missing.
fn swit_section(out: &mut String, facts: &Facts, i18n: &I18n, level: usize, key: &str) {
    let request = with_dashboard_check(swit_request_from(&facts.fields, key), facts.case);
    heading(out, level, i18n.tr("summary.swit.title"));
    paragraph(out, i18n.tr("summary.swit.lead"));
    if let Some(outcome) = facts.outcome() {
        let template = I18n::new(Lang::En).tr(key);
        let missing = missing_fields(facts.procedure, outcome, Some(template), &facts.fields);
        if !missing.is_empty() {
            paragraph(
                out,
                &i18n.trv(
                    "summary.swit.missing",
                    &[("fields", &labels(&missing, i18n))],
                ),
            );
        }
    }
    code_block(out, &request);
}

fn why_section(out: &mut String, facts: &Facts, i18n: &I18n, level: usize) {
    heading(out, level, i18n.tr("summary.why.title"));
    if facts.eval.path.is_empty() {
        paragraph(out, i18n.tr("summary.why.none"));
    } else {
        for (n, entry) in facts.eval.path.iter().enumerate() {
            let Some(question) = facts.procedure.question(&entry.question) else {
                continue;
            };
            let answer = question
                .option(&entry.option)
                .map_or(entry.option.as_str(), |o| i18n.tr(&o.label));
            let _ = writeln!(out, "{}. {} **{answer}**", n + 1, i18n.tr(&question.label));
        }
        out.push('\n');
    }
    if facts.eval.escalated {
        // Where the user was when they gave up tells support where to start.
        let without = evaluate(facts.procedure, &facts.case.answers, false);
        let text = if let Some(question) = without
            .next
            .and_then(|n| facts.procedure.question(&n.question))
        {
            i18n.trv(
                "summary.why.escalated_at",
                &[("question", i18n.tr(&question.label))],
            )
        } else if let Some(outcome) = without
            .outcome
            .as_deref()
            .and_then(|id| facts.procedure.outcome(id))
        {
            i18n.trv(
                "summary.why.escalated_after",
                &[("outcome", i18n.tr(&outcome.headline))],
            )
        } else {
            i18n.tr("summary.why.escalated").to_owned()
        };
        paragraph(out, &text);
    }
}

fn notes_section(out: &mut String, facts: &Facts, i18n: &I18n, level: usize) {
    let redacted = i18n.tr("summary.redacted");
    for (_, field) in facts.procedure.fields() {
        if field.kind != FieldKind::Multiline {
            continue;
        }
        match facts.fields.get(&field.id) {
            Some(Ok(v)) if !v.is_empty() => {
                heading(out, level, &field_label(field, i18n));
                code_block(out, &redact(v, redacted));
            }
            Some(Err(_)) => {
                heading(out, level, &field_label(field, i18n));
                paragraph(out, i18n.tr("summary.value.invalid"));
            }
            _ => {}
        }
    }
}

/// The event log, only when an answer or a detail was changed after it was first
/// given (or the escape hatch left): otherwise the sections above tell it all.
fn events_section(out: &mut String, facts: &Facts, i18n: &I18n, level: usize) {
    if !facts.case.events.iter().any(is_change) {
        return;
    }
    heading(out, level, i18n.tr("summary.events.title"));
    let redacted = i18n.tr("summary.redacted");
    let empty = i18n.tr("summary.event.empty");
    let p = facts.procedure;
    // What each item of the procedure is called, looked up once (a log can be long).
    let mut items: BTreeMap<&str, (String, Logged)> = BTreeMap::new();
    for (_, q) in p.questions() {
        items.insert(&q.id, (i18n.tr(&q.label).to_owned(), Logged::Question(q)));
    }
    for (_, f) in p.fields() {
        items.insert(&f.id, (field_label(f, i18n), Logged::Field(f)));
    }
    items.insert(
        "escalated",
        (
            i18n.tr("summary.event.escalated").to_owned(),
            Logged::Escalated,
        ),
    );
    items.insert(
        "dashboard_check",
        (i18n.tr("dashboard.event.check").to_owned(), Logged::Unknown),
    );
    for event in &facts.case.events {
        let (label, logged) = match items.get(event.item.as_str()) {
            Some((label, logged)) => (Cow::Borrowed(label.as_str()), *logged),
            None => (
                Cow::Owned(escape(&redact(&event.item, redacted))),
                Logged::Unknown,
            ),
        };
        out.push_str("- ");
        push_time(out, event.at);
        out.push_str(" — ");
        out.push_str(&label);
        out.push_str(" — ");
        push_event_value(out, event.from.as_deref(), logged, i18n, empty, redacted);
        out.push_str(" → ");
        push_event_value(out, event.to.as_deref(), logged, i18n, empty, redacted);
        out.push('\n');
    }
    out.push('\n');
}

/// Whether an event changes something given before: another answer or value, or
/// leaving the escape hatch.
fn is_change(event: &crate::case::Event) -> bool {
    match event.item.as_str() {
        "escalated" => event.from.as_deref() == Some("yes"),
        _ => event.from.is_some(),
    }
}

/// Appends one side of a logged change, written the way the rest of the summary
/// writes that item (an option's label, a field as stored), escaped and redacted.
fn push_event_value(
    out: &mut String,
    value: Option<&str>,
    logged: Logged,
    i18n: &I18n,
    empty: &str,
    redacted: &str,
) {
    let Some(v) = value else {
        out.push_str(empty);
        return;
    };
    match logged {
        Logged::Question(q) => {
            if let Some(option) = q.option(v) {
                out.push_str(i18n.tr(&option.label));
                return;
            }
        }
        // As it would be stored (trimmed, domains lower-cased), so the log and the
        // details agree.
        Logged::Field(f) => {
            let stored = match f.kind {
                FieldKind::Domain | FieldKind::Email => Cow::Owned(normalize(f.kind, v)),
                _ => Cow::Borrowed(v.trim()),
            };
            escape_into(out, &redact(&stored, redacted));
            return;
        }
        Logged::Escalated if v == "yes" => {
            out.push_str(i18n.tr("option.yes"));
            return;
        }
        Logged::Escalated if v == "no" => {
            out.push_str(i18n.tr("option.no"));
            return;
        }
        Logged::Escalated | Logged::Unknown => {}
    }
    escape_into(out, &redact(v, redacted));
}

/// What an event of the log is about.
#[derive(Clone, Copy)]
enum Logged<'a> {
    Question(&'a Question),
    Field(&'a Field),
    Escalated,
    Unknown,
}

/// A field's name in a summary: its summary label when the locale has one (the form's
/// label may carry typing hints), else its form label.
fn field_label(field: &Field, i18n: &I18n) -> String {
    let key = format!("summary.field.{}", field.id);
    let label = i18n.tr(&key);
    if label == key {
        i18n.tr(&field.label).to_owned()
    } else {
        label.to_owned()
    }
}

/// Who acts, as a summary names them: its summary label when the locale has one (the
/// app says "You" to the partner, a summary is read by support too).
fn actor_label(outcome: &Outcome, i18n: &I18n) -> String {
    let key = outcome.actor.key();
    let summary_key = format!("summary.{key}");
    let label = i18n.tr(&summary_key);
    if label == summary_key {
        i18n.tr(key).to_owned()
    } else {
        label.to_owned()
    }
}

/// A time in UTC, to the second: `2026-11-24 09:05:00`.
fn time(t: Timestamp) -> String {
    let mut out = String::with_capacity(19);
    push_time(&mut out, t);
    out
}

/// Appends a time in UTC, to the second: `2026-11-24 09:05:00`.
fn push_time(out: &mut String, t: Timestamp) {
    let t = Offset::UTC.to_datetime(t);
    let year = t.year();
    if (0..10_000).contains(&year) {
        push_digits(out, (year / 100) as u8);
        push_digits(out, (year % 100) as u8);
    } else {
        let _ = write!(out, "{year:04}");
    }
    for (sep, n) in [
        ('-', t.month()),
        ('-', t.day()),
        (' ', t.hour()),
        (':', t.minute()),
        (':', t.second()),
    ] {
        out.push(sep);
        push_digits(out, n.unsigned_abs());
    }
}

/// Appends a number below 100 as two digits.
fn push_digits(out: &mut String, n: u8) {
    out.push(char::from(b'0' + (n / 10) % 10));
    out.push(char::from(b'0' + n % 10));
}

fn heading(out: &mut String, level: usize, text: &str) {
    for _ in 0..level.clamp(1, 6) {
        out.push('#');
    }
    out.push(' ');
    out.push_str(text);
    out.push_str("\n\n");
}

fn paragraph(out: &mut String, text: &str) {
    out.push_str(text);
    out.push_str("\n\n");
}

/// A list item `- **label:** value` (French puts a space before the colon); the value must already be escaped if it is user
/// text.
fn item(out: &mut String, i18n: &I18n, label: &str, value: &str) {
    let label = i18n.trv("summary.label", &[("label", label)]);
    let _ = writeln!(out, "- **{label}** {value}");
}

/// A fenced block of literal text: nothing in it is interpreted, and the fence is longer
/// than any run of backticks in the text, so the text cannot close it.
fn code_block(out: &mut String, text: &str) {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    let _ = writeln!(out, "{fence}text");
    for line in text.lines() {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&fence);
    out.push_str("\n\n");
}

/// User text made safe for one line of Markdown: every character that could start
/// emphasis, code, a link, HTML, an entity, a table cell or strike-through is
/// backslash-escaped (so it shows as typed), line breaks become ` ↵ `, and control or
/// invisible characters become `�`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

/// Appends `text` escaped as [`escape`] does.
fn escape_into(out: &mut String, text: &str) {
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let rest = &text[i + c.len_utf8()..];
        let next = rest.chars().next();
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // An underscore between two letters or digits never makes emphasis
            // (`first_last@example.com`); elsewhere it might.
            '_' if is_word(prev) && is_word(next) => out.push('_'),
            '_' => out.push_str("\\_"),
            '&' if starts_entity(rest) => out.push_str("\\&"),
            '\n' => out.push_str(" ↵ "),
            '\r' if next == Some('\n') => {}
            '\r' => out.push_str(" ↵ "),
            '\t' => out.push(' '),
            c if c.is_control() || is_invisible_format(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
        prev = Some(c);
    }
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Whether `rest` (the text after a `&`) makes an HTML entity such as `&lt;` or `&#60;`.
fn starts_entity(rest: &str) -> bool {
    let name_len = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .count();
    name_len > 0 && rest[name_len..].starts_with(';')
}

/// Characters that are invisible but change how text shows (bidirectional overrides,
/// zero-width characters), which could disguise a value.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// User text with every claim key replaced by `replacement`, including the start of
/// one cut off at the end of a shortened event value (`S2345-6789A-BC…`).
fn redact<'a>(text: &'a str, replacement: &str) -> Cow<'a, str> {
    crate::secrets::redact(text, replacement)
}

/// The request for SWIT with, when the case was checked in the Meraki Dashboard, what
/// the check found (in English, as the request).
fn with_dashboard_check(request: String, case: &Case) -> String {
    let Some(e) = &case.evidence else {
        return request;
    };
    let en = I18n::new(Lang::En);
    let unknown = en.tr("dashboard.fact.unknown");
    let when = format!("{} UTC", time(e.checked_at));
    let request_id = e.request_ids.last().map_or(unknown, String::as_str);
    let note = match &e.subscription {
        Some(sub) => {
            let sa = match (&sub.smart_account_name, &sub.smart_account_domain) {
                (Some(n), Some(d)) => format!("\"{n}\" ({d})"),
                (Some(n), None) => format!("\"{n}\""),
                (None, Some(d)) => d.clone(),
                (None, None) => unknown.to_owned(),
            };
            let networks = sub.networks.map(|n| n.to_string());
            en.trv(
                "dashboard.swit.checked",
                &[
                    ("when", &when),
                    ("status", sub.status.as_deref().unwrap_or(unknown)),
                    ("networks", networks.as_deref().unwrap_or(unknown)),
                    ("smart_account", &sa),
                    ("request_id", request_id),
                ],
            )
        }
        // Only a listing read in full says "not listed" (issue 18).
        None if e.subscription_id.is_some() && e.listing_certain() => en.trv(
            "dashboard.swit.checked_not_listed",
            &[
                ("when", &when),
                ("org", &e.organization_id),
                ("request_id", request_id),
            ],
        ),
        None => return request,
    };
    let note = redact(&note, en.tr("summary.redacted")).into_owned();
    format!("{request}\n{note}")
}

/// The evidence of a Meraki Dashboard check: when, where, the request ids, the facts,
/// the findings, every conflict with the answers, and where each answer comes from.
/// Left out for a case never checked whose answers all have their usual source.
fn evidence_section(out: &mut String, facts: &Facts, i18n: &I18n, level: usize) {
    let case = facts.case;
    if case.evidence.is_none() && case.answer_sources.is_empty() {
        return;
    }
    heading(out, level, i18n.tr("dashboard.title"));
    match &case.evidence {
        None => paragraph(out, i18n.tr("dashboard.summary.not_checked")),
        Some(e) => {
            // The Dashboard's texts are from outside: a claim key in them is redacted
            // like one in the user's own text.
            let redacted = i18n.tr("summary.redacted");
            let shown = e
                .clone()
                .map_texts(|text| redact(text, redacted).into_owned());
            paragraph(
                out,
                &escape(&crate::evidence::provenance_line(&shown, i18n)),
            );
            for line in crate::evidence::fact_lines(&shown, i18n) {
                let _ = writeln!(out, "- {}", escape(&redact(&line, redacted)));
            }
            out.push('\n');
            let analysis = crate::evidence::analyse(e, &case.answers, &case.fields);
            let findings: Vec<String> = analysis
                .findings
                .iter()
                .filter(|f| !f.is_conflict())
                .map(|f| redact(&f.message(i18n), redacted).into_owned())
                .collect();
            if !findings.is_empty() {
                heading(out, level + 1, i18n.tr("dashboard.findings"));
                for f in findings {
                    let _ = writeln!(out, "- {}", escape(&f));
                }
                out.push('\n');
            }
            if !analysis.proposals.is_empty() {
                heading(out, level + 1, i18n.tr("dashboard.proposals"));
                for p in &analysis.proposals {
                    let _ = writeln!(out, "- {}", crate::evidence::proposal_text(p, i18n));
                }
                out.push('\n');
            }
            heading(out, level + 1, i18n.tr("dashboard.conflicts"));
            let conflicts: Vec<String> = analysis
                .conflicts()
                .map(|f| redact(&f.message(i18n), redacted).into_owned())
                .collect();
            if conflicts.is_empty() {
                paragraph(out, i18n.tr("dashboard.none"));
            } else {
                for c in conflicts {
                    let _ = writeln!(out, "- **{}**", escape(&c));
                }
                out.push('\n');
            }
        }
    }
    heading(out, level + 1, i18n.tr("dashboard.summary.sources"));
    for entry in &facts.eval.path {
        let Some(question) = facts.procedure.question(&entry.question) else {
            continue;
        };
        let answer = question
            .option(&entry.option)
            .map_or(entry.option.as_str(), |o| i18n.tr(&o.label));
        let source = case.source_label(&entry.question, i18n);
        let _ = writeln!(
            out,
            "- {}",
            i18n.trv(
                "dashboard.summary.source_line",
                &[
                    ("question", i18n.tr(&question.label)),
                    ("answer", answer),
                    ("source", &source),
                ]
            )
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markdown_and_html() {
        assert_eq!(
            escape("a|b <b>x</b> [l](u) *e* `c` ~s~ \\"),
            "a\\|b \\<b\\>x\\</b\\> \\[l\\](u) \\*e\\* \\`c\\` \\~s\\~ \\\\"
        );
        assert_eq!(escape("first_last@ex.com _x_"), "first_last@ex.com \\_x\\_");
        assert_eq!(escape("AT&T &amp; &#60;"), "AT&T \\&amp; \\&#60;");
        assert_eq!(escape("one\r\ntwo\nthree"), "one ↵ two ↵ three");
        assert_eq!(escape("a\u{202E}b\u{7}"), "a\u{FFFD}b\u{FFFD}");
    }

    #[test]
    fn redact_catches_whole_and_cut_off_claim_keys() {
        let r = "(removed)";
        assert_eq!(
            redact("key S2345-6789A-BCDEF-GHJKM ok", r),
            "key (removed) ok"
        );
        assert_eq!(redact("then S2345-6789A-BC…", r), "then (removed)…");
        assert_eq!(redact("then S2345…", r), "then S2345…");
        assert_eq!(redact("order 12345-67…", r), "order (removed)…");
        assert_eq!(redact("plain words…", r), "plain words…");
    }

    #[test]
    fn code_blocks_cannot_be_closed_by_their_content() {
        let mut out = String::new();
        code_block(&mut out, "a\n```\n````b");
        assert_eq!(out, "`````text\na\n```\n````b\n`````\n\n");
    }
}
