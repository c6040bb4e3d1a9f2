//! Undo: snapshots of the case before each change of answers (or of the whole case, for
//! a new or opened one), and putting them back through the case so the log tells it.

use jiff::Timestamp;

use super::banner::{Banner, BannerKind};
use super::{Assistant, Request, View};
use crate::case::Case;

#[derive(Debug, Clone)]
pub(super) struct Snapshot {
    pub(super) case: Case,
    pub(super) view: View,
    /// Restore the whole case (after a new or opened case) rather than its answers.
    pub(super) whole: bool,
    /// Fields restored too (those a choice from the Dashboard's lists filled).
    pub(super) fields: Vec<&'static str>,
}

/// Most undo steps kept.
const UNDO_LIMIT: usize = 100;

impl Assistant {
    pub(super) fn snapshot(&mut self) {
        self.push_undo(false);
    }

    pub(super) fn push_undo(&mut self, whole: bool) {
        self.push_undo_with(whole, Vec::new());
    }

    /// An undo step that also puts these fields back.
    pub(super) fn push_undo_fields(&mut self, fields: &[&'static str]) {
        self.push_undo_with(false, fields.to_vec());
    }

    fn push_undo_with(&mut self, whole: bool, fields: Vec<&'static str>) {
        // A banner's Undo undoes the change it tells of, never a later one.
        if self.banner.as_ref().is_some_and(|b| b.undo) {
            self.banner = None;
        }
        // A later change: the side change is no longer the one Undo takes back.
        self.side_undo = None;
        self.undo.push(Snapshot {
            case: self.case.clone(),
            view: self.view,
            whole,
            fields,
        });
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
    }

    pub(super) fn undo(&mut self) {
        if self.undo_side() {
            return;
        }
        let Some(snapshot) = self.undo.pop() else {
            return;
        };
        if snapshot.whole {
            self.stop_dashboard_check();
            self.case = snapshot.case;
            self.requests.push(Request::CaseRestored);
        } else {
            // Put the answers back through the case, so the log tells the undo too.
            let now = Timestamp::now();
            let restored = snapshot.case;
            let questions: Vec<String> = self
                .case
                .answers
                .keys()
                .chain(restored.answers.keys())
                .cloned()
                .collect();
            for q in questions {
                self.case
                    .set_answer(&q, restored.answers.get(&q).map(String::as_str), now);
            }
            for field in snapshot.fields {
                self.case.set_field(field, restored.field(field), now);
            }
            self.case.set_escalated(restored.escalated, now);
            self.case.answer_sources = restored.answer_sources;
        }
        self.case.language = Some(self.lang);
        self.changed();
        self.go(snapshot.view);
        self.banner = Some(Banner::new(BannerKind::Info, |i| {
            i.tr("banner.undone").to_owned()
        }));
    }
}
