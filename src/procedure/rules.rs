//! The rules: a pure function from a procedure and the answers given to where the
//! procedure stands (its path, the next question, the outcome and why).
//!
//! The walk goes through the questions in order. A question is on the path when its
//! condition holds for the answers already on the path; the first such question without
//! an answer is the next one to ask. After each answer the rules are tried in order and
//! the first that holds ends the walk with its outcome. Answers to questions that are
//! not on the path "no longer apply": they are reported, never used.

use std::collections::{BTreeMap, BTreeSet};

use crate::procedure::{Field, Procedure};

/// The choice answers of a case: question id to option id.
pub type Answers = BTreeMap<String, String>;

/// One answered question on the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathEntry {
    /// Index of the step holding the question.
    pub step: usize,
    /// The question id.
    pub question: String,
    /// The option id chosen.
    pub option: String,
}

/// The question to ask next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextQuestion {
    /// Index of the step holding the question.
    pub step: usize,
    /// The question id.
    pub question: String,
}

/// Where a procedure stands for a set of answers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evaluation {
    /// The questions asked, in order, with their answers.
    pub path: Vec<PathEntry>,
    /// The next question, when no outcome is reached yet.
    pub next: Option<NextQuestion>,
    /// The outcome id, once reached.
    pub outcome: Option<String>,
    /// Whether the outcome comes from the escape hatch.
    pub escalated: bool,
    /// The answers that led to the outcome, in path order (empty without an outcome).
    pub reasons: Vec<PathEntry>,
    /// Answers given that are not on the path any more (question id, option id).
    pub not_applying: Vec<(String, String)>,
}

impl Evaluation {
    /// The answer on the path to this question, if any.
    pub fn answer(&self, question: &str) -> Option<&str> {
        self.path
            .iter()
            .find(|e| e.question == question)
            .map(|e| e.option.as_str())
    }

    /// Whether the question is on the path (answered and still applying).
    pub fn is_on_path(&self, question: &str) -> bool {
        self.answer(question).is_some()
    }

    /// Whether the field is asked for the answers on the path (see [`Field::when`]).
    pub fn asks_field(&self, field: &Field) -> bool {
        field.is_asked(&|q| self.answer(q))
    }
}

/// Evaluates the answers against the procedure. `escalated` is the escape hatch: the
/// outcome is then the procedure's escape outcome, whatever the answers.
pub fn evaluate(procedure: &Procedure, answers: &Answers, escalated: bool) -> Evaluation {
    let mut eval = Evaluation::default();
    let mut matched_rule = None;
    'walk: for (step, question) in procedure.questions() {
        let visible = question
            .when
            .as_ref()
            .is_none_or(|c| c.holds(&|q| path_answer(&eval.path, q)));
        if !visible {
            continue;
        }
        match answers.get(&question.id) {
            Some(option) if question.has_option(option) => {
                eval.path.push(PathEntry {
                    step,
                    question: question.id.clone(),
                    option: option.clone(),
                });
                for (i, rule) in procedure.rules.iter().enumerate() {
                    if rule.when.holds(&|q| path_answer(&eval.path, q)) {
                        matched_rule = Some(i);
                        eval.outcome = Some(rule.outcome.clone());
                        break 'walk;
                    }
                }
            }
            _ => {
                eval.next = Some(NextQuestion {
                    step,
                    question: question.id.clone(),
                });
                break 'walk;
            }
        }
    }

    if escalated {
        eval.escalated = true;
        eval.outcome = Some(procedure.escape_outcome.clone());
        eval.next = None;
        eval.reasons = eval.path.clone();
    } else if let Some(rule) = matched_rule {
        eval.reasons = reasons_for(procedure, &eval.path, &procedure.rules[rule].when);
    }

    eval.not_applying = answers
        .iter()
        .filter(|(q, _)| !eval.is_on_path(q))
        .map(|(q, o)| (q.clone(), o.clone()))
        .collect();
    eval
}

fn path_answer<'a>(path: &'a [PathEntry], question: &str) -> Option<&'a str> {
    path.iter()
        .find(|e| e.question == question)
        .map(|e| e.option.as_str())
}

/// The path entries the rule's condition depends on, directly or through the
/// conditions that made those questions visible, in path order.
fn reasons_for(
    procedure: &Procedure,
    path: &[PathEntry],
    condition: &crate::procedure::Condition,
) -> Vec<PathEntry> {
    let mut wanted: BTreeSet<&str> = BTreeSet::new();
    let mut stack: Vec<&str> = condition.atoms().into_iter().map(|(q, _)| q).collect();
    while let Some(q) = stack.pop() {
        if !wanted.insert(q) {
            continue;
        }
        if let Some(c) = procedure.question(q).and_then(|q| q.when.as_ref()) {
            stack.extend(c.atoms().into_iter().map(|(q, _)| q));
        }
    }
    path.iter()
        .filter(|e| wanted.contains(e.question.as_str()))
        .cloned()
        .collect()
}

/// Every complete path through the procedure, as the answers that make it, found by
/// trying every option of every question asked. Stops after `limit` paths and returns
/// `None` then (a procedure that large is a problem of its own).
pub fn enumerate_paths(procedure: &Procedure, limit: usize) -> Option<Vec<(Answers, Evaluation)>> {
    let mut done = Vec::new();
    let mut todo = vec![Answers::new()];
    while let Some(answers) = todo.pop() {
        let eval = evaluate(procedure, &answers, false);
        match &eval.next {
            Some(next) => {
                let question = procedure.question(&next.question)?;
                for option in question.options.iter().rev() {
                    let mut more = answers.clone();
                    more.insert(next.question.clone(), option.id.clone());
                    todo.push(more);
                }
            }
            None => {
                done.push((answers, eval));
                if done.len() > limit {
                    return None;
                }
            }
        }
    }
    Some(done)
}
