//! Answering questions: a change of answer re-evaluates the case, tells its
//! consequences with Undo, and arrowing through a question's options and back to where
//! one started is no change at all.

use jiff::Timestamp;

use super::Assistant;
use super::banner::{BannerKind, undo_banner};

/// A run of answers to one question in quick succession (arrow keys on a radio group).
#[derive(Debug, Clone)]
pub(super) struct Browse {
    question: String,
    before: Option<String>,
    undo_depth: usize,
    at: Timestamp,
}

/// How close answers to one question must follow each other to count as browsing.
const BROWSE_WINDOW: jiff::SignedDuration = jiff::SignedDuration::from_secs(2);

impl Assistant {
    pub(super) fn answer(&mut self, question: &str, option: &str, now: Timestamp) {
        let Some(q) = self.procedure.question(question) else {
            return;
        };
        if !q.has_option(option)
            || self.case.answers.get(question).map(String::as_str) == Some(option)
        {
            return;
        }
        let was_answered = self.eval.is_on_path(question);
        let outcome_before = self.progress.outcome.clone();
        let browsing = self
            .browse
            .as_ref()
            .filter(|b| b.question == question && now.duration_since(b.at) <= BROWSE_WINDOW)
            .cloned();
        if let Some(browse) = &browsing
            && browse.before.as_deref() == Some(option)
        {
            // Back where the browsing started: no change, no banner, no undo step.
            self.case.set_answer(question, Some(option), now);
            // The answer's source (say, accepted from the Dashboard) comes back with it:
            // the snapshot dropped here is the last place that still holds it.
            if let Some(snapshot) = self.undo.get(browse.undo_depth) {
                match snapshot.case.answer_sources.get(question) {
                    Some(source) => {
                        self.case
                            .answer_sources
                            .insert(question.to_owned(), *source);
                    }
                    None => {
                        self.case.answer_sources.remove(question);
                    }
                }
            }
            self.undo.truncate(browse.undo_depth);
            if self.banner.as_ref().is_some_and(|b| b.undo) {
                self.banner = None;
            }
            self.browse = None;
            self.changed();
            return;
        }
        self.browse = Some(match browsing {
            Some(browse) => Browse { at: now, ..browse },
            None => Browse {
                question: question.to_owned(),
                before: self.case.answers.get(question).cloned(),
                undo_depth: self.undo.len(),
                at: now,
            },
        });
        self.snapshot();
        self.case.set_answer(question, Some(option), now);
        self.changed();
        // A changed answer (not a first one) gets a word on its consequences, with Undo.
        if was_answered {
            let dropped = self.eval.not_applying.len();
            let outcome_after = self.progress.outcome.clone();
            let outcome_changed = outcome_before.is_some() && outcome_before != outcome_after;
            self.banner = Some(undo_banner(BannerKind::Info, move |i| {
                let mut text = i.tr("banner.answer_changed").to_owned();
                if dropped > 0 {
                    text.push(' ');
                    text.push_str(&i.trn("banner.no_longer_apply", dropped as u64, &[]));
                }
                if outcome_changed {
                    text.push(' ');
                    text.push_str(i.tr("banner.outcome_changed"));
                }
                text
            }));
        }
    }
}
