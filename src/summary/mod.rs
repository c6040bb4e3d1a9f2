//! The case summary as Markdown: a file the partner attaches to a Meraki support case,
//! so the support engineer can act without asking a question back.
//!
//! It renders the document model of [`crate::summary::document`] (the same one the PDF
//! renders): reader-first, who must act and what is asked with the IDs, the request to
//! forward, why, the evidence, the partner's next actions, what changed, and the
//! technical details once at the end. A summary in another language than English says
//! so on its first line and goes on with the same facts in English, for Cisco and
//! Meraki support.
//!
//! Everything from outside (typed, or returned by the Dashboard) is escaped so it cannot
//! change the document's structure; claim keys are redacted in the model.

pub mod document;
pub mod log;
pub mod markdown;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod request;
pub mod swit;
pub mod utc;

use std::borrow::Cow;
use std::fmt::Write as _;

use jiff::Timestamp;

use crate::case::Case;
use crate::i18n::Lang;
use crate::procedure::validation::{normalize, validate_domain};
use crate::procedure::{FieldKind, Procedure};
use crate::summary::document::{
    AnswerTable, Block, CHANGE_AT, CHANGE_TO, Document, Span, SpanKind, build,
};
use crate::summary::utc::Times;

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
    to_markdown(&build(procedure, case, lang, generated))
}

/// The Markdown of a summary's document model.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::with_capacity(8 * 1024);
    for (_, block) in doc.blocks() {
        markdown_block(&mut out, block);
    }
    // One line break at the end, as text files have.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Appends one block and the blank line after it.
fn markdown_block(out: &mut String, block: &Block) {
    match block {
        Block::Heading { level, text } => {
            for _ in 0..(*level).clamp(1, 6) {
                out.push('#');
            }
            out.push(' ');
            out.push_str(text);
            out.push('\n');
        }
        Block::Paragraph(spans) => {
            spans_into(out, spans);
            out.push('\n');
        }
        Block::Lines(lines) => {
            for line in lines {
                let _ = write!(out, "- **{}** ", line.label);
                spans_into(out, &line.value);
                out.push('\n');
            }
        }
        Block::List { ordered, items } => {
            for (n, item) in items.iter().enumerate() {
                if *ordered {
                    let _ = write!(out, "{}. ", n + 1);
                } else {
                    out.push_str("- ");
                }
                spans_into(out, item);
                out.push('\n');
            }
        }
        Block::Answers(table) => answers_table(out, table),
        Block::Changes(lines) => {
            let mut times = Times::default();
            for line in lines {
                out.push_str("- ");
                times.push(out, line.at);
                out.push_str(CHANGE_AT);
                spans_into(out, std::slice::from_ref(&line.item));
                out.push_str(CHANGE_AT);
                spans_into(out, std::slice::from_ref(&line.from));
                out.push_str(CHANGE_TO);
                spans_into(out, std::slice::from_ref(&line.to));
                out.push('\n');
            }
        }
        Block::Request(text) | Block::Literal(text) => {
            code_block(out, text);
            return;
        }
        Block::Separator => out.push_str("---\n"),
    }
    out.push('\n');
}

/// Appends inline spans: trusted text as it is, text from outside escaped, codes in
/// backticks, web addresses in angle brackets.
fn spans_into(out: &mut String, spans: &[Span]) {
    for span in spans {
        if span.strong {
            out.push_str("**");
        }
        match span.kind {
            SpanKind::Text => out.push_str(&span.text),
            SpanKind::User => escape_into(out, &span.text),
            SpanKind::Code => {
                out.push('`');
                out.push_str(&span.text);
                out.push('`');
            }
            SpanKind::Link => {
                out.push('<');
                out.push_str(&span.text);
                out.push('>');
            }
        }
        if span.strong {
            out.push_str("**");
        }
    }
}

/// The answers as a GFM table: number, question, answer (in bold), source.
fn answers_table(out: &mut String, table: &AnswerTable) {
    let cell = |text: &str| text.replace('|', "\\|");
    let [n, q, a, s] = &table.header;
    let _ = writeln!(out, "| {n} | {} | {} | {} |", cell(q), cell(a), cell(s));
    out.push_str("| ---: | --- | --- | --- |\n");
    for (i, row) in table.rows.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} | **{}** | {} |",
            i + 1,
            cell(&row.question),
            cell(&row.answer),
            cell(&row.source)
        );
    }
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

/// The request Meraki Support forwards to SWIT for an outcome whose `swit_request` is
/// `key`, written to SWIT, with the case's validated details filled in (claim keys
/// redacted), worded by who confirmed the claim answer and ending with what the current
/// Dashboard evidence says against it ([`request`]). A clause whose value is missing is
/// left out. Always in English: SWIT and Meraki Support work in English.
pub fn swit_request(procedure: &Procedure, case: &Case, key: &str) -> String {
    crate::summary::document::swit_request(procedure, case, key)
}

/// A fenced block of literal text: nothing in it is interpreted, and the fence is longer
/// than any run of backticks in the text, so the text cannot close it.
fn code_block(out: &mut String, text: &str) {
    // Literal, but nothing hidden nor reordered.
    let text = markdown::literal(text, false);
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

/// User text made safe for one line of Markdown (see [`markdown`]).
pub fn escape(text: &str) -> String {
    markdown::escape_inline(text)
}

/// Appends `text` escaped as [`escape`] does.
fn escape_into(out: &mut String, text: &str) {
    markdown::escape_inline_into(out, text);
}

/// Text from outside made safe for one line of plain text (the PDF): line and
/// paragraph breaks become ` ↵ `, and control or invisible characters
/// ([`markdown::is_hiding`]) become `�`, as in [`escape`], without Markdown's
/// backslashes.
pub fn plain_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push_str(" ↵ "),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push_str(" ↵ "),
            '\t' => out.push(' '),
            c if c.is_control() || markdown::is_hiding(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// User text with every claim key replaced by `replacement`, including the start of
/// one cut off at the end of a shortened event value (`S2345-6789A-BC…`).
pub fn redact<'a>(text: &'a str, replacement: &str) -> Cow<'a, str> {
    crate::secrets::redact(text, replacement)
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
        assert_eq!(
            escape("first_last@ex.com _x_"),
            "first_last\\@ex.com \\_x\\_"
        );
        assert_eq!(escape("AT&T &amp; &#60;"), "AT&T \\&amp; \\&\\#60;");
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
