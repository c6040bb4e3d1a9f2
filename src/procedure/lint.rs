//! The procedure lint: every problem that would strand a user, named by its ids.
//!
//! It runs whenever a procedure is loaded. It checks duplicate ids, conditions and rules
//! naming unknown ids or options, cycles and forward references between conditions,
//! unreachable steps, questions and outcomes, paths that end with no outcome, text keys
//! missing from a language, and links outside [`ALLOWED_LINKS`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::i18n::{Catalogs, Lang};
use crate::procedure::rules::enumerate_paths;
use crate::procedure::{ALLOWED_LINKS, Condition, Item, Procedure};

/// Paths explored before the lint gives up on a procedure as too large.
pub const PATH_LIMIT: usize = 10_000;

/// One problem found in a procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LintProblem {
    /// Two things of the same kind share an id (`kind` is step, item, option or outcome).
    DuplicateId {
        /// What kind of thing.
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// A condition names a question that does not exist.
    UnknownQuestion {
        /// Where the condition is (a question id or `rule N`).
        at: String,
        /// The unknown id.
        question: String,
    },
    /// A condition names an option the question does not have.
    UnknownOption {
        /// Where the condition is.
        at: String,
        /// The question.
        question: String,
        /// The unknown option.
        option: String,
    },
    /// A rule or the escape hatch names an outcome that does not exist.
    UnknownOutcome {
        /// Where (`rule N` or `escape_outcome`).
        at: String,
        /// The unknown id.
        outcome: String,
    },
    /// Conditions depend on each other in a circle.
    Cycle {
        /// The questions in the circle.
        questions: Vec<String>,
    },
    /// A condition names a question asked later (or the question itself).
    ForwardReference {
        /// The question holding the condition.
        question: String,
        /// The question it names.
        names: String,
    },
    /// A path through the procedure ends with no outcome.
    DeadEnd {
        /// The answers of that path.
        answers: Vec<(String, String)>,
    },
    /// No path asks this question.
    UnreachableQuestion(String),
    /// No path shows this step.
    UnreachableStep(String),
    /// No path (nor the escape hatch) reaches this outcome.
    UnreachableOutcome(String),
    /// A text key is missing from a language.
    MissingText {
        /// The key.
        key: String,
        /// The language that lacks it.
        lang: Lang,
    },
    /// A link is not one of the allowed URLs.
    LinkNotAllowed {
        /// The outcome holding it.
        outcome: String,
        /// The URL.
        url: String,
    },
    /// A question has no options.
    NoOptions(String),
    /// An outcome names a field it needs that does not exist.
    UnknownField {
        /// The outcome.
        outcome: String,
        /// The unknown id.
        field: String,
    },
    /// Too many paths to check.
    TooManyPaths,
}

impl fmt::Display for LintProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LintProblem::DuplicateId { kind, id } => write!(f, "duplicate {kind} id `{id}`"),
            LintProblem::UnknownQuestion { at, question } => {
                write!(f, "{at}: unknown question `{question}`")
            }
            LintProblem::UnknownOption {
                at,
                question,
                option,
            } => write!(f, "{at}: question `{question}` has no option `{option}`"),
            LintProblem::UnknownOutcome { at, outcome } => {
                write!(f, "{at}: unknown outcome `{outcome}`")
            }
            LintProblem::Cycle { questions } => {
                write!(f, "conditions form a cycle: {}", questions.join(" -> "))
            }
            LintProblem::ForwardReference { question, names } => write!(
                f,
                "question `{question}` depends on `{names}`, which is not asked before it"
            ),
            LintProblem::DeadEnd { answers } => {
                let path: Vec<String> = answers.iter().map(|(q, o)| format!("{q}={o}")).collect();
                write!(f, "path ends with no outcome: {}", path.join(", "))
            }
            LintProblem::UnreachableQuestion(id) => write!(f, "question `{id}` is never asked"),
            LintProblem::UnreachableStep(id) => write!(f, "step `{id}` is never shown"),
            LintProblem::UnreachableOutcome(id) => write!(f, "outcome `{id}` is never reached"),
            LintProblem::MissingText { key, lang } => {
                write!(f, "text key `{key}` is missing from {}", lang.code())
            }
            LintProblem::LinkNotAllowed { outcome, url } => {
                write!(
                    f,
                    "outcome `{outcome}` links to `{url}`, which is not allowed"
                )
            }
            LintProblem::NoOptions(id) => write!(f, "question `{id}` has no options"),
            LintProblem::UnknownField { outcome, field } => {
                write!(f, "outcome `{outcome}` needs unknown field `{field}`")
            }
            LintProblem::TooManyPaths => {
                write!(
                    f,
                    "more than {PATH_LIMIT} paths: the procedure is too large"
                )
            }
        }
    }
}

/// Lints a procedure; an empty list means it is sound.
pub fn lint(procedure: &Procedure, catalogs: &Catalogs) -> Vec<LintProblem> {
    let mut problems = Vec::new();
    duplicates(procedure, &mut problems);
    references(procedure, &mut problems);
    order(procedure, &mut problems);
    texts(procedure, catalogs, &mut problems);
    links(procedure, &mut problems);
    if problems.is_empty() {
        // Walking paths only makes sense once every reference resolves.
        reachability(procedure, &mut problems);
    }
    problems
}

fn duplicates(p: &Procedure, out: &mut Vec<LintProblem>) {
    fn check<'a>(
        kind: &'static str,
        ids: impl Iterator<Item = &'a str>,
        out: &mut Vec<LintProblem>,
    ) {
        let mut seen = BTreeSet::new();
        for id in ids {
            if !seen.insert(id) {
                out.push(LintProblem::DuplicateId {
                    kind,
                    id: id.to_owned(),
                });
            }
        }
    }
    check("step", p.steps.iter().map(|s| s.id.as_str()), out);
    check(
        "item",
        p.steps.iter().flat_map(|s| s.items.iter().map(Item::id)),
        out,
    );
    for (_, q) in p.questions() {
        if q.options.is_empty() {
            out.push(LintProblem::NoOptions(q.id.clone()));
        }
        check("option", q.options.iter().map(|o| o.id.as_str()), out);
    }
    check("outcome", p.outcomes.iter().map(|o| o.id.as_str()), out);
}

fn check_condition(p: &Procedure, at: &str, c: &Condition, out: &mut Vec<LintProblem>) {
    for (q, o) in c.atoms() {
        match p.question(q) {
            None => out.push(LintProblem::UnknownQuestion {
                at: at.to_owned(),
                question: q.to_owned(),
            }),
            Some(question) if !question.has_option(o) => out.push(LintProblem::UnknownOption {
                at: at.to_owned(),
                question: q.to_owned(),
                option: o.to_owned(),
            }),
            Some(_) => {}
        }
    }
}

fn references(p: &Procedure, out: &mut Vec<LintProblem>) {
    for (_, q) in p.questions() {
        if let Some(c) = &q.when {
            check_condition(p, &format!("question `{}`", q.id), c, out);
        }
    }
    for (_, field) in p.fields() {
        if let Some(c) = &field.when {
            check_condition(p, &format!("field `{}`", field.id), c, out);
        }
    }
    for o in &p.outcomes {
        for id in &o.needs {
            if p.field(id).is_none() {
                out.push(LintProblem::UnknownField {
                    outcome: o.id.clone(),
                    field: id.clone(),
                });
            }
        }
    }
    for (i, rule) in p.rules.iter().enumerate() {
        let at = format!("rule {}", i + 1);
        check_condition(p, &at, &rule.when, out);
        if p.outcome(&rule.outcome).is_none() {
            out.push(LintProblem::UnknownOutcome {
                at,
                outcome: rule.outcome.clone(),
            });
        }
    }
    if p.outcome(&p.escape_outcome).is_none() {
        out.push(LintProblem::UnknownOutcome {
            at: "escape_outcome".to_owned(),
            outcome: p.escape_outcome.clone(),
        });
    }
}

/// Cycles in the "depends on" graph of conditions, and conditions naming a question
/// that is not asked before the one they guard.
fn order(p: &Procedure, out: &mut Vec<LintProblem>) {
    let position: BTreeMap<&str, usize> = p
        .questions()
        .enumerate()
        .map(|(i, (_, q))| (q.id.as_str(), i))
        .collect();
    let deps: BTreeMap<&str, Vec<&str>> = p
        .questions()
        .map(|(_, q)| {
            let names = q
                .when
                .as_ref()
                .map(|c| c.atoms().into_iter().map(|(n, _)| n).collect())
                .unwrap_or_default();
            (q.id.as_str(), names)
        })
        .collect();

    let mut colour: BTreeMap<&str, Colour> = BTreeMap::new();
    let mut stack = Vec::new();
    for start in deps.keys() {
        if !colour.contains_key(start) {
            find_cycles(start, &deps, &mut colour, &mut stack, out);
        }
    }

    for (q, names) in &deps {
        for n in names {
            if let (Some(a), Some(b)) = (position.get(q), position.get(n))
                && b >= a
            {
                out.push(LintProblem::ForwardReference {
                    question: (*q).to_owned(),
                    names: (*n).to_owned(),
                });
            }
        }
    }

    // A field's condition may only name questions shown before the field.
    let items: Vec<&Item> = p.steps.iter().flat_map(|s| s.items.iter()).collect();
    let item_position = |id: &str| items.iter().position(|i| i.id() == id);
    for (_, field) in p.fields() {
        let Some(c) = &field.when else { continue };
        for (n, _) in c.atoms() {
            if let (Some(a), Some(b)) = (item_position(&field.id), item_position(n))
                && b >= a
            {
                out.push(LintProblem::ForwardReference {
                    question: field.id.clone(),
                    names: n.to_owned(),
                });
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Colour {
    OnStack,
    Done,
}

/// Depth-first search reporting every back edge as a cycle.
fn find_cycles<'a>(
    node: &'a str,
    deps: &BTreeMap<&'a str, Vec<&'a str>>,
    colour: &mut BTreeMap<&'a str, Colour>,
    stack: &mut Vec<&'a str>,
    out: &mut Vec<LintProblem>,
) {
    colour.insert(node, Colour::OnStack);
    stack.push(node);
    for &child in deps.get(node).map(Vec::as_slice).unwrap_or(&[]) {
        match colour.get(child) {
            None if deps.contains_key(child) => find_cycles(child, deps, colour, stack, out),
            Some(Colour::OnStack) => {
                let from = stack.iter().position(|n| *n == child).unwrap_or(0);
                let mut questions: Vec<String> =
                    stack[from..].iter().map(|n| (*n).to_owned()).collect();
                questions.push(child.to_owned());
                out.push(LintProblem::Cycle { questions });
            }
            _ => {}
        }
    }
    stack.pop();
    colour.insert(node, Colour::Done);
}

fn texts(p: &Procedure, catalogs: &Catalogs, out: &mut Vec<LintProblem>) {
    let mut seen = BTreeSet::new();
    for key in p.text_keys() {
        if !seen.insert(key) {
            continue;
        }
        for lang in Lang::ALL {
            if !catalogs.get(lang).contains(key) {
                out.push(LintProblem::MissingText {
                    key: key.to_owned(),
                    lang,
                });
            }
        }
    }
}

fn links(p: &Procedure, out: &mut Vec<LintProblem>) {
    for o in &p.outcomes {
        for l in &o.links {
            if !ALLOWED_LINKS.contains(&l.url.as_str()) {
                out.push(LintProblem::LinkNotAllowed {
                    outcome: o.id.clone(),
                    url: l.url.clone(),
                });
            }
        }
    }
}

fn reachability(p: &Procedure, out: &mut Vec<LintProblem>) {
    let Some(paths) = enumerate_paths(p, PATH_LIMIT) else {
        out.push(LintProblem::TooManyPaths);
        return;
    };
    let mut asked = BTreeSet::new();
    let mut reached = BTreeSet::from([p.escape_outcome.as_str()]);
    for (answers, eval) in &paths {
        asked.extend(eval.path.iter().map(|e| e.question.clone()));
        match &eval.outcome {
            Some(o) => {
                reached.insert(o.as_str());
            }
            None => out.push(LintProblem::DeadEnd {
                answers: answers
                    .iter()
                    .map(|(q, o)| (q.clone(), o.clone()))
                    .collect(),
            }),
        }
    }
    for step in &p.steps {
        let mut has_question = false;
        let mut step_asked = false;
        for item in &step.items {
            if let Item::Question(q) = item {
                has_question = true;
                if asked.contains(&q.id) {
                    step_asked = true;
                } else {
                    out.push(LintProblem::UnreachableQuestion(q.id.clone()));
                }
            }
        }
        if has_question && !step_asked {
            out.push(LintProblem::UnreachableStep(step.id.clone()));
        }
    }
    for o in &p.outcomes {
        if !reached.contains(o.id.as_str()) {
            out.push(LintProblem::UnreachableOutcome(o.id.clone()));
        }
    }
}
