//! The summary as one document model, built once in the core from the case: who must
//! act and what is asked, the IDs, the request to forward, why (the answers with their
//! sources), the evidence and its disagreements, the partner's own next actions, the
//! links, what changed, then the technical details once at the end.
//!
//! The Markdown ([`crate::summary::render`]) and the PDF (`crate::summary::pdf`, feature
//! `pdf`) are two renderings of this model, so the file and the attachment cannot
//! drift apart. The model is reader-first (issue 21): a Meraki engineer finds what is
//! asked of them, and the IDs to act on, on the first screen.
//!
//! Claim keys are redacted here, so both renderings get it. Text from outside (what
//! the user typed, what the Dashboard returned) is marked as such ([`SpanKind::User`]):
//! each rendering makes it safe in its own way (the Markdown escapes it; the PDF shows
//! control and invisible characters as `�`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::rc::Rc;

use jiff::Timestamp;

use crate::case::{Case, SCHEMA_VERSION};
use crate::i18n::{I18n, Lang};
use crate::procedure::rules::{Evaluation, evaluate};
use crate::procedure::validation::FieldError;
use crate::procedure::{Field, FieldKind, Outcome, Procedure};
use crate::summary::log::ChangeLog;
use crate::summary::swit::missing_fields;
use crate::summary::utc::time;

/// The fields a support engineer acts on, shown first, in this order.
const ID_FIELDS: [&str; 5] = [
    "meraki_org_id",
    "subscription_id",
    "smart_account_name",
    "smart_account_domain",
    "order_number",
];

/// A whole summary: its title and language, one part per language (the summary's
/// language first, then English when it is another), and the technical details once,
/// at the end, in the summary's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The title: the first heading, and the PDF's title.
    pub title: String,
    /// The summary's language (the document's main language).
    pub lang: Lang,
    /// One part per language, the main language first.
    pub parts: Vec<Part>,
    /// The technical details (generated, reference code, versions), once, in `lang`.
    pub technical: Part,
}

/// The blocks of one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The language of every block in this part.
    pub lang: Lang,
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading, level 1 (the title) to 6.
    Heading {
        /// The heading's level, 1 to 6.
        level: u8,
        /// Its text (from the catalogue, never user text).
        text: String,
    },
    /// A paragraph of inline spans.
    Paragraph(Vec<Span>),
    /// Labelled lines (`Who must act: Meraki Support`), shown as a list.
    Lines(Vec<Line>),
    /// A list of items, numbered or not.
    List {
        /// Whether the items are numbered.
        ordered: bool,
        /// The items, each a run of spans.
        items: Vec<Vec<Span>>,
    },
    /// The table of answers: question, answer, source.
    Answers(AnswerTable),
    /// The log of changes, one line each (a long case has thousands).
    Changes(Vec<ChangeLine>),
    /// The request to forward as it is (in English): one block, copied whole.
    Request(String),
    /// Text shown verbatim, line by line (the user's notes); already redacted.
    Literal(String),
    /// A thematic break between the two languages.
    Separator,
}

/// One labelled line: the label (with its colon, as the language writes it) and the
/// value.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The label with its colon: `Who must act:`, `Qui doit agir :`.
    pub label: String,
    /// The value.
    pub value: Vec<Span>,
}

/// One change of the log: `2026-11-24 09:05:00 — Subscription ID — Sub1 → Sub2`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeLine {
    /// When, in UTC.
    pub at: Timestamp,
    /// What changed: a question, a field.
    pub item: Span,
    /// The answer or value before.
    pub from: Span,
    /// The answer or value after.
    pub to: Span,
}

impl ChangeLine {
    /// The line as one run of spans, as a list item shows it.
    pub fn spans(&self) -> Vec<Span> {
        let mut at = time(self.at);
        at.push_str(CHANGE_AT);
        vec![
            Span::text(at),
            self.item.clone(),
            Span::text(CHANGE_AT),
            self.from.clone(),
            Span::text(CHANGE_TO),
            self.to.clone(),
        ]
    }
}

/// Between a change's time, its item and its values.
pub const CHANGE_AT: &str = " — ";

/// Between a change's two values.
pub const CHANGE_TO: &str = " → ";

/// The answers given, with where each comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerTable {
    /// The column headers: number, question, answer, source.
    pub header: [String; 4],
    /// One row per answer on the path, in order.
    pub rows: Vec<AnswerRow>,
}

/// One answer of the path.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRow {
    /// The question as the procedure asks it.
    pub question: String,
    /// The option chosen.
    pub answer: String,
    /// Where the answer comes from (stated, confirmed, checked in the Dashboard).
    pub source: String,
}

/// A run of text with one kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text (claim keys already redacted), shared: a long log repeats its values.
    pub text: Rc<str>,
    /// What the text is, which decides how each rendering shows it.
    pub kind: SpanKind,
    /// Shown in bold.
    pub strong: bool,
}

/// What a span's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    /// Text of the catalogue or the procedure: trusted, shown as it is.
    Text,
    /// Text from outside (typed, or returned by the Dashboard): made safe by each
    /// rendering.
    User,
    /// An identifier (a reference code), shown as code.
    Code,
    /// A web address, shown as a link in Markdown.
    Link,
}

impl Span {
    /// Trusted text.
    pub fn text(text: impl Into<Rc<str>>) -> Span {
        Span {
            text: text.into(),
            kind: SpanKind::Text,
            strong: false,
        }
    }

    /// Text from outside.
    pub fn user(text: impl Into<Rc<str>>) -> Span {
        Span {
            text: text.into(),
            kind: SpanKind::User,
            strong: false,
        }
    }

    /// An identifier shown as code.
    pub fn code(text: impl Into<Rc<str>>) -> Span {
        Span {
            text: text.into(),
            kind: SpanKind::Code,
            strong: false,
        }
    }

    /// A web address.
    pub fn link(url: impl Into<Rc<str>>) -> Span {
        Span {
            text: url.into(),
            kind: SpanKind::Link,
            strong: false,
        }
    }

    /// The same span in bold.
    pub fn bold(mut self) -> Span {
        self.strong = true;
        self
    }
}

impl Document {
    /// Every block in reading order, with the language of its part.
    pub fn blocks(&self) -> impl Iterator<Item = (Lang, &Block)> {
        self.parts
            .iter()
            .chain(std::iter::once(&self.technical))
            .flat_map(|p| p.blocks.iter().map(move |b| (p.lang, b)))
    }
}

/// Builds the summary of `case` in `lang`, generated at `generated`.
///
/// Only validated, normalised field values appear; claim keys are redacted in every
/// text from outside. When `lang` is not English, the same facts follow in English.
pub fn build(procedure: &Procedure, case: &Case, lang: Lang, generated: Timestamp) -> Document {
    // A claim key split over two values (the end of the name, the start of the notes)
    // is removed first, with the marker of each language: each part is built from the
    // case as redacted in its language, the request (in English) from the English one.
    let cuts = split_cuts(case);
    let case_en = split_redacted(case, cuts.as_deref(), Lang::En);
    let case_lang = if lang == Lang::En {
        Cow::Borrowed(case_en.as_ref())
    } else {
        split_redacted(case, cuts.as_deref(), lang)
    };
    let eval = case.evaluate(procedure);
    let fields_en = case_en.validated_fields(procedure);
    let fields_lang = if lang == Lang::En {
        None
    } else {
        Some(case_lang.validated_fields(procedure))
    };
    // The log's values in English; shared with the other language when they are the
    // same (no claim key replaced by a marker).
    let log_en = ChangeLog::new(
        procedure,
        &case_en,
        I18n::new(Lang::En).tr("summary.redacted"),
    );
    let log_lang = (lang != Lang::En
        && (log_en.redacted || !std::ptr::eq(case_lang.as_ref(), case_en.as_ref())))
    .then(|| {
        ChangeLog::new(
            procedure,
            &case_lang,
            I18n::new(lang).tr("summary.redacted"),
        )
    });
    let facts_en = Facts {
        procedure,
        case: &case_en,
        eval: &eval,
        fields: &fields_en,
        fields_en: &fields_en,
        log: &log_en,
    };
    let facts = Facts {
        procedure,
        case: &case_lang,
        eval: &eval,
        fields: fields_lang.as_ref().unwrap_or(&fields_en),
        fields_en: &fields_en,
        log: log_lang.as_ref().unwrap_or(&log_en),
    };
    let i18n = I18n::new(lang);
    let title = if lang == Lang::En {
        i18n.trv("summary.title", &[("procedure", i18n.tr(&procedure.title))])
    } else {
        // The first line tells an English reader that their version follows.
        i18n.tr("summary.title.bilingual").to_owned()
    };
    let mut first = vec![Block::Heading {
        level: 1,
        text: title.clone(),
    }];
    body(&mut first, &facts, &i18n, 2);
    let mut parts = Vec::with_capacity(2);
    if lang != Lang::En {
        first.push(Block::Separator);
        first.push(Block::Paragraph(vec![Span::text(
            i18n.tr("summary.english.lead"),
        )]));
        parts.push(Part {
            lang,
            blocks: first,
        });
        let en = I18n::new(Lang::En);
        let mut english = vec![Block::Heading {
            level: 2,
            text: en.tr("summary.english.title").to_owned(),
        }];
        body(&mut english, &facts_en, &en, 3);
        parts.push(Part {
            lang: Lang::En,
            blocks: english,
        });
    } else {
        parts.push(Part {
            lang,
            blocks: first,
        });
    }
    let technical = Part {
        lang,
        blocks: technical(&facts, &i18n, generated),
    };
    Document {
        title,
        lang,
        parts,
        technical,
    }
}

/// What one language's part of the summary is made of: the case and its validated
/// fields with a split claim key removed with that language's marker, and the fields
/// with the English marker for the request (always in English).
struct Facts<'a> {
    procedure: &'a Procedure,
    case: &'a Case,
    eval: &'a Evaluation,
    fields: &'a BTreeMap<String, Result<String, FieldError>>,
    fields_en: &'a BTreeMap<String, Result<String, FieldError>>,
    /// The changes of the log, values ready to show (see [`crate::summary::log`]).
    log: &'a ChangeLog<'a>,
}

impl Facts<'_> {
    fn outcome(&self) -> Option<&Outcome> {
        self.eval
            .outcome
            .as_deref()
            .and_then(|id| self.procedure.outcome(id))
    }

    /// A field's value as a summary shows it: the redacted value, a word saying it
    /// is invalid or missing, or `None` to leave the field out.
    fn field_value(&self, field: &Field, i18n: &I18n) -> Option<Span> {
        match self.fields.get(&field.id) {
            Some(Ok(v)) if !v.is_empty() => Some(Span::user(redact(v, i18n))),
            Some(Err(_)) => Some(Span::text(i18n.tr("summary.value.invalid"))),
            _ if field.required && self.eval.asks_field(field) => {
                Some(Span::text(i18n.tr("summary.value.not_provided")))
            }
            _ => None,
        }
    }
}

/// Everything below the title of one language, with sections at heading `level`.
fn body(out: &mut Vec<Block>, facts: &Facts, i18n: &I18n, level: u8) {
    ask(out, facts, i18n, level);
    why(out, facts, i18n, level);
    evidence(out, facts, i18n, level);
    other_details(out, facts, i18n, level);
    notes(out, facts, i18n, level);
    partner_actions(out, facts, i18n, level);
    events(out, facts, i18n, level);
}

/// Who must act and what is asked of them, the IDs, then the request to forward.
fn ask(out: &mut Vec<Block>, facts: &Facts, i18n: &I18n, level: u8) {
    let outcome = facts.outcome();
    let headline = match (facts.eval.outcome.as_deref(), outcome) {
        (None, _) => Span::text(i18n.tr("summary.unfinished.headline")),
        (Some(_), Some(o)) => Span::text(i18n.tr(&o.headline)),
        // An outcome the procedure does not describe (the lint prevents it): its id
        // is all there is to say.
        (Some(id), None) => Span::code(id),
    };
    out.push(Block::Paragraph(vec![headline.bold()]));
    let mut lines = Vec::with_capacity(6);
    if let Some(o) = outcome {
        lines.push(Line {
            label: label(i18n, i18n.tr("summary.outcome.who")),
            value: vec![Span::text(actor_label(o, i18n))],
        });
    }
    for id in ID_FIELDS {
        let Some(field) = facts.procedure.field(id) else {
            continue;
        };
        if let Some(value) = facts.field_value(field, i18n) {
            lines.push(Line {
                label: label(i18n, &field_label(field, i18n)),
                value: vec![value],
            });
        }
    }
    if !lines.is_empty() {
        out.push(Block::Lines(lines));
    }
    if facts.eval.outcome.is_none() {
        out.push(Block::Paragraph(vec![Span::text(stopped_at(facts, i18n))]));
        return;
    }
    let Some(outcome) = outcome else { return };
    let request = crate::summary::request::outcome_request(
        facts.procedure,
        facts.case,
        facts.eval,
        facts.fields_en,
    );
    match request {
        Some(request) => request_section(out, facts, i18n, level, outcome, &request),
        None => {
            let missing = missing_fields(facts.procedure, outcome, None, facts.fields);
            if !missing.is_empty() {
                out.push(Block::Paragraph(vec![Span::text(i18n.trn(
                    // Cisco Licensing Support asks for the order; the others are Meraki's.
                    if outcome.actor == crate::procedure::Actor::CiscoLicensingSupport {
                        "summary.missing_licensing"
                    } else {
                        "summary.missing"
                    },
                    missing.len() as u64,
                    &[("fields", &labels(&missing, i18n))],
                ))]));
            }
        }
    }
}

/// The request an outcome carries: its heading, the lead (or what Meraki Support must
/// add before sending), what else is missing, the line telling Meraki Support to
/// confirm an answer that is not theirs, the disagreements of the Dashboard check and
/// how to resolve them, then the request itself (in English).
fn request_section(
    out: &mut Vec<Block>,
    facts: &Facts,
    i18n: &I18n,
    level: u8,
    outcome: &Outcome,
    request: &crate::summary::request::OutcomeRequest,
) {
    use crate::summary::request::Recipient;
    let (title, lead) = match request.recipient {
        Recipient::Swit => ("summary.swit.title", "summary.swit.lead"),
        Recipient::MerakiSupport => (
            "summary.meraki_request.title",
            "summary.meraki_request.lead",
        ),
    };
    out.push(Block::Heading {
        level,
        text: i18n.tr(title).to_owned(),
    });
    let lead = request
        .missing_ids_line(i18n)
        .unwrap_or_else(|| i18n.tr(lead).to_owned());
    out.push(Block::Paragraph(vec![Span::text(lead)]));
    // A request to SWIT may name the order number, which is worth adding; the optional
    // details (Virtual Account, earlier case) are not asked for.
    let template = match request.recipient {
        Recipient::Swit => {
            crate::summary::request::template_of(facts.procedure, outcome, facts.case, facts.eval)
                .map(|(_, key)| I18n::new(Lang::En).tr(key))
        }
        Recipient::MerakiSupport => None,
    };
    // The IDs the lead already asks for are not listed again.
    let missing: Vec<&Field> = missing_fields(facts.procedure, outcome, template, facts.fields)
        .into_iter()
        .filter(|f| {
            !request.missing_ids.contains(&f.id.as_str())
                && (outcome.needs.contains(&f.id) || ID_FIELDS.contains(&f.id.as_str()))
        })
        .collect();
    if !missing.is_empty() {
        let key = match request.recipient {
            Recipient::Swit => "summary.swit.missing",
            Recipient::MerakiSupport => "summary.missing",
        };
        out.push(Block::Paragraph(vec![Span::text(i18n.trn(
            key,
            missing.len() as u64,
            &[("fields", &labels(&missing, i18n))],
        ))]));
    }
    if let Some(confirm) = request.confirm {
        out.push(Block::Paragraph(vec![
            Span::text(confirm.line(i18n)).bold(),
        ]));
    }
    if !request.disagreements.is_empty() {
        out.push(Block::Paragraph(vec![
            Span::text(i18n.tr("request.disagree.lead")).bold(),
        ]));
        out.push(Block::List {
            ordered: false,
            items: request
                .disagreement_lines(i18n)
                .into_iter()
                .map(|line| vec![Span::user(redact(&line, i18n))])
                .collect(),
        });
        out.push(Block::Paragraph(vec![Span::text(
            i18n.tr("request.disagree.resolve"),
        )]));
    }
    out.push(Block::Request(request.text.clone()));
}

/// Where an unfinished procedure stopped.
fn stopped_at(facts: &Facts, i18n: &I18n) -> String {
    let next = facts.eval.next.as_ref().and_then(|n| {
        let step = facts.procedure.steps.get(n.step)?;
        let question = facts.procedure.question(&n.question)?;
        Some((step, question))
    });
    match next {
        Some((step, question)) => i18n.trv(
            "summary.unfinished.stopped",
            &[
                ("step", i18n.tr(&step.title)),
                ("question", i18n.tr(&question.label)),
            ],
        ),
        None => i18n.tr("summary.unfinished.stopped_unknown").to_owned(),
    }
}

/// Why: the outcome's explanation, the answers with their sources, and where the
/// partner gave up when they did.
fn why(out: &mut Vec<Block>, facts: &Facts, i18n: &I18n, level: u8) {
    out.push(Block::Heading {
        level,
        text: i18n.tr("summary.why.title").to_owned(),
    });
    if let Some(outcome) = facts.outcome() {
        out.push(Block::Paragraph(vec![Span::text(
            i18n.tr(&outcome.explanation),
        )]));
    }
    if facts.eval.path.is_empty() {
        out.push(Block::Paragraph(vec![Span::text(
            i18n.tr("summary.why.none"),
        )]));
    } else {
        let rows = facts
            .eval
            .path
            .iter()
            .filter_map(|entry| {
                let question = facts.procedure.question(&entry.question)?;
                let answer = question
                    .option(&entry.option)
                    .map_or(entry.option.as_str(), |o| i18n.tr(&o.label));
                Some(AnswerRow {
                    question: i18n.tr(&question.label).to_owned(),
                    answer: answer.to_owned(),
                    source: capitalized(&facts.case.source_label(&entry.question, i18n)),
                })
            })
            .collect();
        out.push(Block::Answers(AnswerTable {
            header: [
                i18n.tr("summary.answers.number").to_owned(),
                i18n.tr("summary.answers.question").to_owned(),
                i18n.tr("summary.answers.answer").to_owned(),
                i18n.tr("summary.answers.source").to_owned(),
            ],
            rows,
        }));
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
        out.push(Block::Paragraph(vec![Span::text(text)]));
    }
}

/// The evidence of a Meraki Dashboard check: when, where, the request ids, the facts,
/// the findings, the proposals and every disagreement with the answers. Left out for
/// a case never checked whose answers all have their usual source (the table of
/// answers already says where each comes from).
fn evidence(out: &mut Vec<Block>, facts: &Facts, i18n: &I18n, level: u8) {
    let case = facts.case;
    if case.evidence.is_none() && case.answer_sources.is_empty() {
        return;
    }
    out.push(Block::Heading {
        level,
        text: i18n.tr("dashboard.title").to_owned(),
    });
    if let Some(stale) = case.stale_evidence() {
        // Checked for other IDs than the case names now: nothing is drawn from it.
        out.push(Block::Paragraph(vec![
            Span::user(redact(&crate::evidence::stale_line(stale, i18n), i18n)).bold(),
        ]));
        return;
    }
    let Some(e) = case.current_evidence() else {
        out.push(Block::Paragraph(vec![Span::text(
            i18n.tr("dashboard.summary.not_checked"),
        )]));
        return;
    };
    // The Dashboard's texts are from outside: a claim key in them is redacted like one
    // in the user's own text.
    let redacted = i18n.tr("summary.redacted");
    let shown = e
        .clone()
        .map_texts(|text| crate::secrets::redact(text, redacted).into_owned());
    out.push(Block::Paragraph(vec![Span::user(
        crate::evidence::provenance_line(&shown, i18n),
    )]));
    let facts_list: Vec<Vec<Span>> = crate::evidence::fact_lines(&shown, i18n)
        .iter()
        .map(|line| vec![Span::user(redact(line, i18n))])
        .collect();
    if !facts_list.is_empty() {
        out.push(Block::List {
            ordered: false,
            items: facts_list,
        });
    }
    let analysis = crate::evidence::analyse(e, &case.answers, &case.fields);
    let findings: Vec<Vec<Span>> = analysis
        .findings
        .iter()
        .filter(|f| !f.is_conflict())
        .map(|f| vec![Span::user(redact(&f.message(i18n), i18n))])
        .collect();
    if !findings.is_empty() {
        out.push(Block::Heading {
            level: level + 1,
            text: i18n.tr("dashboard.findings").to_owned(),
        });
        out.push(Block::List {
            ordered: false,
            items: findings,
        });
    }
    if !analysis.proposals.is_empty() {
        out.push(Block::Heading {
            level: level + 1,
            text: i18n.tr("dashboard.proposals").to_owned(),
        });
        let items = analysis
            .proposals
            .iter()
            .map(|p| vec![Span::text(crate::evidence::proposal_text(p, i18n))])
            .collect();
        out.push(Block::List {
            ordered: false,
            items,
        });
    }
    out.push(Block::Heading {
        level: level + 1,
        text: i18n.tr("dashboard.conflicts").to_owned(),
    });
    let conflicts: Vec<Vec<Span>> = analysis
        .conflicts()
        .map(|f| vec![Span::user(redact(&f.message(i18n), i18n)).bold()])
        .collect();
    if conflicts.is_empty() {
        out.push(Block::Paragraph(vec![Span::text(
            i18n.tr("dashboard.none.conflicts"),
        )]));
    } else {
        out.push(Block::List {
            ordered: false,
            items: conflicts,
        });
    }
}

/// The details given that are not IDs nor notes.
fn other_details(out: &mut Vec<Block>, facts: &Facts, i18n: &I18n, level: u8) {
    let lines: Vec<Line> = facts
        .procedure
        .fields()
        .map(|(_, f)| f)
        .filter(|f| f.kind != FieldKind::Multiline && !ID_FIELDS.contains(&f.id.as_str()))
        .filter_map(|f| {
            Some(Line {
                label: label(i18n, &field_label(f, i18n)),
                value: vec![facts.field_value(f, i18n)?],
            })
        })
        .collect();
    if lines.is_empty() {
        return;
    }
    out.push(Block::Heading {
        level,
        text: i18n.tr("summary.details.other").to_owned(),
    });
    out.push(Block::Lines(lines));
}

/// The multi-line fields (notes), verbatim.
fn notes(out: &mut Vec<Block>, facts: &Facts, i18n: &I18n, level: u8) {
    for (_, field) in facts.procedure.fields() {
        if field.kind != FieldKind::Multiline {
            continue;
        }
        match facts.fields.get(&field.id) {
            Some(Ok(v)) if !v.trim().is_empty() => {
                out.push(Block::Heading {
                    level,
                    text: field_label(field, i18n),
                });
                out.push(Block::Literal(redact(v, i18n)));
            }
            _ => {}
        }
    }
}

/// The partner's own next actions, marked as theirs, and the links.
fn partner_actions(out: &mut Vec<Block>, facts: &Facts, i18n: &I18n, level: u8) {
    let Some(outcome) = facts.outcome() else {
        return;
    };
    if !outcome.actions.is_empty() {
        out.push(Block::Heading {
            level,
            text: i18n.tr("summary.partner_actions.title").to_owned(),
        });
        out.push(Block::List {
            ordered: true,
            items: outcome
                .actions
                .iter()
                .map(|a| vec![Span::text(i18n.tr(a))])
                .collect(),
        });
    }
    if !outcome.links.is_empty() {
        out.push(Block::Heading {
            level,
            text: i18n.tr("summary.links.title").to_owned(),
        });
        out.push(Block::List {
            ordered: false,
            items: outcome
                .links
                .iter()
                .map(|link| {
                    vec![
                        Span::text(format!(
                            "{} ",
                            i18n.trv("summary.label", &[("label", i18n.tr(&link.label))])
                        )),
                        Span::link(link.url.clone()),
                    ]
                })
                .collect(),
        });
    }
}

/// What changed: only the events that change something given before (another answer
/// or value, or leaving the escape hatch), from → to, with when (see
/// [`crate::summary::log`]). Left out when nothing changed.
fn events(out: &mut Vec<Block>, facts: &Facts, i18n: &I18n, level: u8) {
    let log = facts.log;
    if log.changes.is_empty() {
        return;
    }
    out.push(Block::Heading {
        level,
        text: i18n.tr("summary.events.title").to_owned(),
    });
    let empty = Span::text(i18n.tr("summary.event.empty"));
    let p = facts.procedure;
    // What each item of the procedure is called, and the words of its options (an
    // option's label, yes or no), looked up once: a log can be long.
    let mut items: BTreeMap<&str, (Span, Vec<OptionWord>)> = BTreeMap::new();
    for (_, q) in p.questions() {
        let options = q
            .options
            .iter()
            .map(|o| (o.id.as_str(), Span::text(i18n.tr(&o.label))))
            .collect();
        items.insert(&q.id, (Span::text(i18n.tr(&q.label)), options));
    }
    for (_, f) in p.fields() {
        items.insert(&f.id, (Span::text(field_label(f, i18n)), Vec::new()));
    }
    items.insert(
        "escalated",
        (
            Span::text(i18n.tr("summary.event.escalated")),
            vec![
                ("yes", Span::text(i18n.tr("option.yes"))),
                ("no", Span::text(i18n.tr("option.no"))),
            ],
        ),
    );
    items.insert(
        "dashboard_check",
        (Span::text(i18n.tr("dashboard.event.check")), Vec::new()),
    );
    // Each item that changed, with its words, by its place in the log.
    let known: Vec<Option<&(Span, Vec<OptionWord>)>> =
        log.items.iter().map(|name| items.get(name)).collect();
    let mut lines = Vec::with_capacity(log.changes.len());
    for change in &log.changes {
        let known = known.get(change.item).copied().flatten();
        let item = match known {
            Some((label, _)) => label.clone(),
            None => Span::user(redact(&change.event.item, i18n)),
        };
        let options = known.map_or(&[][..], |(_, options)| options.as_slice());
        // An option's word when the value is one, else the value as the log shows it.
        let value = |raw: Option<&str>, shown: &Option<Rc<str>>| match (raw, shown) {
            (Some(raw), Some(shown)) => options
                .iter()
                .find(|(id, _)| *id == raw)
                .map_or_else(|| Span::user(shown.clone()), |(_, word)| word.clone()),
            _ => empty.clone(),
        };
        lines.push(ChangeLine {
            at: change.event.at,
            item,
            from: value(change.event.from.as_deref(), &change.from),
            to: value(change.event.to.as_deref(), &change.to),
        });
    }
    out.push(Block::Changes(lines));
}

/// An option's id and the word the log writes for it.
type OptionWord<'a> = (&'a str, Span);

/// The technical details, once: generated, reference code, procedure and its version,
/// case file format, program version, when the case started and last changed.
fn technical(facts: &Facts, i18n: &I18n, generated: Timestamp) -> Vec<Block> {
    let p = facts.procedure;
    let mut lines = Vec::with_capacity(7);
    let mut line = |key: &str, value: Vec<Span>| {
        lines.push(Line {
            label: label(i18n, i18n.tr(key)),
            value,
        });
    };
    line(
        "summary.meta.generated",
        vec![Span::text(format!("{} UTC", time(generated)))],
    );
    line(
        "summary.meta.reference",
        vec![match &facts.eval.outcome {
            Some(id) => Span::code(id.clone()),
            None => Span::text(i18n.tr("summary.meta.reference_none")),
        }],
    );
    let version = i18n.trv("summary.version", &[("version", &p.version.to_string())]);
    line(
        "summary.meta.procedure",
        vec![
            Span::text(format!("{} (", i18n.tr(&p.title))),
            Span::code(p.id.clone()),
            Span::text(format!(", {version})")),
        ],
    );
    line(
        "summary.meta.case_file",
        vec![Span::text(i18n.trv(
            "summary.version",
            &[("version", &SCHEMA_VERSION.to_string())],
        ))],
    );
    line(
        "summary.meta.app",
        vec![Span::text(concat!(
            env!("CARGO_PKG_NAME"),
            " ",
            env!("CARGO_PKG_VERSION")
        ))],
    );
    if let Some(created) = facts.case.created {
        line(
            "summary.meta.created",
            vec![Span::text(format!("{} UTC", time(created)))],
        );
    }
    if let Some(updated) = facts.case.updated {
        line(
            "summary.meta.updated",
            vec![Span::text(format!("{} UTC", time(updated)))],
        );
    }
    vec![
        Block::Heading {
            level: 2,
            text: i18n.tr("summary.technical.title").to_owned(),
        },
        Block::Lines(lines),
    ]
}

/// `text` with its first letter in upper case (a table cell starts a sentence).
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `label` with its colon, as `i18n`'s language writes it.
fn label(i18n: &I18n, label: &str) -> String {
    i18n.trv("summary.label", &[("label", label)])
}

/// The missing fields' names in `i18n`'s language, as written inside a sentence (lower
/// case but for names and IDs), joined by commas.
fn labels(fields: &[&Field], i18n: &I18n) -> String {
    let names: Vec<String> = fields
        .iter()
        .map(|f| {
            let key = format!("summary.missing_field.{}", f.id);
            match i18n.tr(&key) {
                label if label == key => field_label(f, i18n),
                label => label.to_owned(),
            }
        })
        .collect();
    names.join(", ")
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

/// Text from outside with every claim key replaced by the catalogue's word for it.
fn redact(text: &str, i18n: &I18n) -> String {
    crate::secrets::redact(text, i18n.tr("summary.redacted")).into_owned()
}

/// The request Meraki Support forwards to SWIT for the request template `key`, in
/// English, with the case's validated details filled in (claim keys redacted), worded
/// by who confirmed the claim answer, with what the current Dashboard evidence says
/// against it (see [`crate::summary::request`]).
pub fn swit_request(procedure: &Procedure, case: &Case, key: &str) -> String {
    let fields =
        split_redacted(case, split_cuts(case).as_deref(), Lang::En).validated_fields(procedure);
    crate::summary::request::build(crate::summary::request::Recipient::Swit, key, case, &fields)
        .text
}

/// Where a claim key is split over two of the case's values (fields, then logged
/// values, in that order), if anywhere: each value's index in that order, and what to
/// cut from it.
fn split_cuts(case: &Case) -> Option<Vec<(usize, crate::secrets::SplitCut)>> {
    let mut texts: Vec<&str> = case.fields.values().map(String::as_str).collect();
    for event in &case.events {
        texts.extend(event.from.as_deref());
        texts.extend(event.to.as_deref());
    }
    let cuts = crate::secrets::find_split(&texts);
    (!cuts.is_empty()).then_some(cuts)
}

/// The case with the parts of a claim key split over two of its values (`cuts`, from
/// [`split_cuts`]) replaced by the marker of `lang`; the case itself when there is none.
fn split_redacted<'c>(
    case: &'c Case,
    cuts: Option<&[(usize, crate::secrets::SplitCut)]>,
    lang: Lang,
) -> Cow<'c, Case> {
    let Some(cuts) = cuts else {
        return Cow::Borrowed(case);
    };
    let marker = I18n::new(lang).tr("summary.redacted");
    let mut case = case.clone();
    let mut texts: Vec<&mut String> = case.fields.values_mut().collect();
    for event in &mut case.events {
        texts.extend(event.from.as_mut());
        texts.extend(event.to.as_mut());
    }
    for (i, cut) in cuts {
        if let Some(text) = texts.get_mut(*i) {
            crate::secrets::apply_split(text, cut, marker);
        }
    }
    Cow::Owned(case)
}
