//! Cases built from fuzz input through the summary renderer, in both languages.
//!
//! The input is either a RON `Case` (read without the loader's checks, so unknown ids,
//! invalid values and unclipped events get through) or, when it is not one, a list of
//! edits decoded with `arbitrary`: answers and fields set as the window sets them or
//! written straight into the case, hidden and unknown answers, raw events, and text made
//! of hostile pieces (Markdown and HTML, control and invisible characters, claim keys in
//! both cases, long runs that cross the event log's clipping).
//!
//! Rendering must never panic, no claim key may reach a summary or a SWIT request, a
//! summary ends with exactly one line break, and the default file name stays safe.

#![no_main]

#[path = "common.rs"]
mod common;

use arbitrary::{Arbitrary, Unstructured};
use common::{PROCEDURE, claim_key_in};
use cssm_assistant::case::{Case, Event};
use cssm_assistant::i18n::Lang;
use cssm_assistant::procedure::Procedure;
use cssm_assistant::summary::{default_file_stem, render, swit_request};
use jiff::{SignedDuration, Timestamp};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let p = &*PROCEDURE;
    let (case, generated) = match ron_case(data) {
        Some(case) => (case, Timestamp::UNIX_EPOCH),
        None => {
            let Ok(input) = Input::arbitrary_take_rest(Unstructured::new(data)) else {
                return;
            };
            input.build(p)
        }
    };
    check(p, &case, generated);
});

fn check(p: &Procedure, case: &Case, generated: Timestamp) {
    for lang in Lang::ALL {
        let text = render(p, case, lang, generated);
        if let Some(key) = claim_key_in(&text) {
            panic!("a claim key ({key}) in the {lang:?} summary:\n{text}");
        }
        assert!(
            text.ends_with('\n') && !text.ends_with("\n\n"),
            "the {lang:?} summary does not end with one line break"
        );
    }
    for outcome in &p.outcomes {
        if let Some(key) = &outcome.swit_request {
            let request = swit_request(p, case, key);
            if let Some(claim) = claim_key_in(&request) {
                panic!("a claim key ({claim}) in the SWIT request:\n{request}");
            }
        }
    }
    let stem = default_file_stem(case, generated);
    assert!(
        stem.starts_with("cssm-case-")
            && stem.len() <= 100
            && stem
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'),
        "an unsafe file name: {stem:?}"
    );
}

/// The input as a RON case, read as serde reads it (no loader checks).
fn ron_case(data: &[u8]) -> Option<Case> {
    let text = std::str::from_utf8(data).ok()?;
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(32)
        .from_str(text)
        .ok()
}

/// A case as a series of edits.
#[derive(Debug, Arbitrary)]
struct Input {
    french: bool,
    created: Time,
    generated: Time,
    edits: Vec<Edit>,
}

/// One change to the case.
#[derive(Debug, Arbitrary)]
enum Edit {
    /// Through `set_answer`, as the window does.
    Answer(QuestionId, Option<OptionId>),
    /// Through `set_field`, as the window does.
    Type(FieldId, Text),
    /// Through `set_escalated`.
    Escalate(bool),
    /// Straight into the answers, as a hand-written file could.
    RawAnswer(QuestionId, OptionId),
    /// Straight into the fields, unchecked.
    RawField(FieldId, Text),
    /// Straight into the log, unclipped.
    RawEvent {
        item: ItemId,
        from: Option<Text>,
        to: Option<Text>,
        at: Time,
    },
    /// Lets time pass, in seconds.
    Wait(u16),
}

#[derive(Debug, Arbitrary)]
enum QuestionId {
    Known(u8),
    Other(Text),
}

#[derive(Debug, Arbitrary)]
enum OptionId {
    Known(u8),
    Other(Text),
}

#[derive(Debug, Arbitrary)]
enum FieldId {
    Known(u8),
    Other(Text),
}

#[derive(Debug, Arbitrary)]
enum ItemId {
    Question(u8),
    Field(u8),
    Escalated,
    Other(Text),
}

/// A time anywhere in the range a timestamp can hold.
#[derive(Debug, Arbitrary)]
struct Time(i64);

/// Text made of pieces.
#[derive(Debug, Arbitrary)]
struct Text(Vec<Piece>);

#[derive(Debug, Arbitrary)]
enum Piece {
    Raw(String),
    Char(char),
    /// A claim key: four or five groups of five letters or digits, whole or with one of
    /// [`HOSTILE`] inside it (which the summary must not take out and so glue the key
    /// back together).
    ClaimKey {
        five_groups: bool,
        lower: bool,
        chars: [u8; 25],
        inside: Option<(u8, u8)>,
    },
    /// One of [`HOSTILE`].
    Hostile(u8),
    /// A character repeated (up to 511 times), for long values.
    Run(char, u16),
}

/// Pieces of text that have broken or could break a summary.
const HOSTILE: &[&str] = &[
    "S2345-6789A-BCDEF-GHJKM",
    "S2345-6789A-BC",
    "12345-",
    "-",
    "…",
    " ",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{7}",
    "\u{85}",
    "\u{2028}",
    "\u{200B}",
    "\u{202E}",
    "\u{FEFF}",
    "\u{AD}",
    "\u{212A}",
    "İ",
    "ß",
    "`",
    "```",
    "~~~",
    "*",
    "_",
    "#",
    "# ",
    "> ",
    "- ",
    "1. ",
    "    ",
    "|",
    "\\",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "&lt;",
    "&#60;",
    "{subscription_id}",
    "{id}",
    "{",
    "}",
    "@",
    ".",
    "acme.example",
    "xn--",
    "SR1234567",
    "2930418",
];

const ALNUM: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

impl Time {
    fn get(&self) -> Timestamp {
        let min = Timestamp::MIN.as_second();
        let span = Timestamp::MAX.as_second() - min + 1;
        Timestamp::from_second(min + self.0.rem_euclid(span)).unwrap_or(Timestamp::UNIX_EPOCH)
    }
}

/// The longest text built, in bytes: past every field's limit (notes: 4,000
/// characters), short enough to keep the fuzzer fast.
const MAX_TEXT: usize = 8 * 1024;

impl Text {
    fn get(&self) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            if out.len() > MAX_TEXT {
                break;
            }
            match piece {
                Piece::Raw(s) => out.push_str(s),
                Piece::Char(c) => out.push(*c),
                Piece::ClaimKey {
                    five_groups,
                    lower,
                    chars,
                    inside,
                } => {
                    let groups = if *five_groups { 5 } else { 4 };
                    let mut key = String::new();
                    for (i, b) in chars.iter().take(groups * 5).enumerate() {
                        if i > 0 && i % 5 == 0 {
                            key.push('-');
                        }
                        let c = char::from(ALNUM[usize::from(*b) % ALNUM.len()]);
                        key.push(if *lower { c.to_ascii_lowercase() } else { c });
                    }
                    if let Some((at, piece)) = inside {
                        // The key is ASCII: every byte is a character boundary.
                        let at = usize::from(*at) % (key.len() + 1);
                        key.insert_str(at, HOSTILE[usize::from(*piece) % HOSTILE.len()]);
                    }
                    out.push_str(&key);
                }
                Piece::Hostile(i) => out.push_str(HOSTILE[usize::from(*i) % HOSTILE.len()]),
                Piece::Run(c, n) => out.extend(std::iter::repeat_n(*c, usize::from(*n % 512))),
            }
        }
        out
    }
}

/// The `i`-th of `ids`, wrapping around; an unknown id when there are none.
fn pick(ids: &[&str], i: u8) -> String {
    if ids.is_empty() {
        return "unknown".to_owned();
    }
    ids[usize::from(i) % ids.len()].to_owned()
}

impl Input {
    fn build(&self, p: &Procedure) -> (Case, Timestamp) {
        let questions: Vec<&str> = p.questions().map(|(_, q)| q.id.as_str()).collect();
        let fields: Vec<&str> = p.fields().map(|(_, f)| f.id.as_str()).collect();
        let question = |id: &QuestionId| match id {
            QuestionId::Known(i) => pick(&questions, *i),
            QuestionId::Other(t) => t.get(),
        };
        // An option of the question when it has one by that index, else of any question.
        let option = |question: &str, id: &OptionId| match id {
            OptionId::Known(i) => {
                let own: Vec<&str> = p
                    .question(question)
                    .map(|q| q.options.iter().map(|o| o.id.as_str()).collect())
                    .unwrap_or_default();
                if own.is_empty() {
                    pick(&["yes", "no", "not_yet", "active", "pending"], *i)
                } else {
                    pick(&own, *i)
                }
            }
            OptionId::Other(t) => t.get(),
        };
        let field = |id: &FieldId| match id {
            FieldId::Known(i) => pick(&fields, *i),
            FieldId::Other(t) => t.get(),
        };

        let lang = if self.french { Lang::Fr } else { Lang::En };
        let mut now = self.created.get();
        let mut case = Case::new(p, lang, now);
        for edit in &self.edits {
            match edit {
                Edit::Answer(q, o) => {
                    let q = question(q);
                    let o = o.as_ref().map(|o| option(&q, o));
                    case.set_answer(&q, o.as_deref(), now);
                }
                Edit::Type(f, t) => {
                    case.set_field(&field(f), &t.get(), now);
                }
                Edit::Escalate(on) => {
                    case.set_escalated(*on, now);
                }
                Edit::RawAnswer(q, o) => {
                    let q = question(q);
                    let o = option(&q, o);
                    case.answers.insert(q, o);
                }
                Edit::RawField(f, t) => {
                    case.fields.insert(field(f), t.get());
                }
                Edit::RawEvent { item, from, to, at } => {
                    let item = match item {
                        ItemId::Question(i) => pick(&questions, *i),
                        ItemId::Field(i) => pick(&fields, *i),
                        ItemId::Escalated => "escalated".to_owned(),
                        ItemId::Other(t) => t.get(),
                    };
                    case.events.push(Event {
                        at: at.get(),
                        item,
                        from: from.as_ref().map(Text::get),
                        to: to.as_ref().map(Text::get),
                    });
                }
                Edit::Wait(seconds) => {
                    now = now
                        .checked_add(SignedDuration::from_secs(i64::from(*seconds)))
                        .unwrap_or(now);
                }
            }
        }
        (case, self.generated.get())
    }
}
