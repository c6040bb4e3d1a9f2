//! Where the user stands in the stepper: which steps are done, which one is the
//! frontier (the first with something left to do), which are still to do and which
//! are not needed on the path taken. Pure: computed from the procedure, the case and
//! its evaluation.

use crate::case::Case;
use crate::procedure::rules::Evaluation;
use crate::procedure::validation::validate;
use crate::procedure::{Item, Procedure};

/// The state of one step in the stepper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    /// Everything asked in the step is answered and valid.
    Done,
    /// The first step with something left to do.
    Frontier,
    /// A later step that may still be needed.
    Todo,
    /// The path taken does not go through this step.
    NotNeeded,
}

/// Where the user stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// One status per step of the procedure.
    pub steps: Vec<StepStatus>,
    /// The outcome id, once every needed step is done.
    pub outcome: Option<String>,
}

impl Progress {
    /// Computes the progress of a case.
    pub fn of(procedure: &Procedure, case: &Case, eval: &Evaluation) -> Progress {
        let mut steps = Vec::with_capacity(procedure.steps.len());
        let mut frontier_seen = false;
        for (i, _) in procedure.steps.iter().enumerate() {
            let status = if !step_is_needed(procedure, eval, i) {
                if frontier_seen || eval.outcome.is_none() && is_after_next(eval, i) {
                    StepStatus::Todo
                } else {
                    StepStatus::NotNeeded
                }
            } else if frontier_seen {
                StepStatus::Todo
            } else if step_is_complete(procedure, case, eval, i) {
                StepStatus::Done
            } else {
                frontier_seen = true;
                StepStatus::Frontier
            };
            steps.push(status);
        }
        // The escape hatch leads to its outcome from anywhere, even with steps left.
        let outcome = if frontier_seen && !eval.escalated {
            None
        } else {
            eval.outcome.clone()
        };
        Progress { steps, outcome }
    }

    /// The frontier step, if the outcome is not reached yet.
    pub fn frontier(&self) -> Option<usize> {
        self.steps.iter().position(|s| *s == StepStatus::Frontier)
    }

    /// Steps on the path (done or to do), the result page not counted (the stepper
    /// shows it apart): the `total` of "Step n of total".
    pub fn total(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| **s != StepStatus::NotNeeded)
            .count()
    }

    /// The 1-based position of a step among the steps on the path.
    pub fn position(&self, step: usize) -> usize {
        self.steps[..step.min(self.steps.len())]
            .iter()
            .filter(|s| **s != StepStatus::NotNeeded)
            .count()
            + 1
    }

    /// The next step after `step` that is on the path, if any.
    pub fn next_after(&self, step: usize) -> Option<usize> {
        (step + 1..self.steps.len()).find(|i| self.steps[*i] != StepStatus::NotNeeded)
    }

    /// The last step before `step` that is on the path, if any.
    pub fn previous_before(&self, step: usize) -> Option<usize> {
        (0..step.min(self.steps.len()))
            .rev()
            .find(|i| self.steps[*i] != StepStatus::NotNeeded)
    }

    /// Whether the user may open this step: done steps and the frontier.
    pub fn can_open(&self, step: usize) -> bool {
        matches!(
            self.steps.get(step),
            Some(StepStatus::Done | StepStatus::Frontier)
        )
    }
}

/// Whether the step has fields asked on this path, or a question on the path or asked
/// next.
fn step_is_needed(procedure: &Procedure, eval: &Evaluation, step: usize) -> bool {
    let has_fields = procedure.steps[step]
        .items
        .iter()
        .any(|i| matches!(i, Item::Field(f) if eval.asks_field(f)));
    has_fields
        || eval.path.iter().any(|e| e.step == step)
        || eval.next.as_ref().is_some_and(|n| n.step == step)
}

fn is_after_next(eval: &Evaluation, step: usize) -> bool {
    eval.next.as_ref().is_some_and(|n| step > n.step)
}

/// Whether every field the step asks on this path is valid and no question of the step
/// waits for an answer.
pub fn step_is_complete(
    procedure: &Procedure,
    case: &Case,
    eval: &Evaluation,
    step: usize,
) -> bool {
    let fields_ok = procedure.steps[step].items.iter().all(|item| match item {
        Item::Field(f) => !eval.asks_field(f) || validate(f, case.field(&f.id)).is_ok(),
        Item::Question(_) => true,
    });
    let question_waiting = !eval.escalated && eval.next.as_ref().is_some_and(|n| n.step == step);
    fields_ok && !question_waiting
}
