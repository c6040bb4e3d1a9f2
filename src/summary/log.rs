//! The changes of a case's event log, ready to show: each change's time and its two
//! values as the summary writes them (a field as it would be stored, claim keys
//! redacted).
//!
//! A long log repeats its values (the "to" of one change is the "from" of the next
//! change of that item) and a bilingual summary shows the log twice: each value is
//! read for claim keys once, and the texts are shared (`Arc<str>`), not copied.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::case::{Case, Event};
use crate::procedure::validation::normalize;
use crate::procedure::{FieldKind, Procedure};
use crate::summary::utc::push_time;

/// The changes of a case's log, in order.
pub struct ChangeLog<'c> {
    /// One entry per change.
    pub changes: Vec<Change<'c>>,
    /// Whether a value held a claim key, replaced by this log's marker (a log read
    /// with the marker of one language cannot serve another).
    pub redacted: bool,
}

/// One change: an event that changes something given before.
pub struct Change<'c> {
    /// The event, for its item and raw values.
    pub event: &'c Event,
    /// When, in UTC, with the dash before the item: `2026-11-24 09:05:00 — `.
    pub at: Arc<str>,
    /// The value before, as shown (`None`: there was none).
    pub from: Option<Arc<str>>,
    /// The value after, as shown (`None`: cleared).
    pub to: Option<Arc<str>>,
}

impl<'c> ChangeLog<'c> {
    /// The changes of `case`'s log, claim keys replaced by `marker`.
    pub fn new(procedure: &Procedure, case: &'c Case, marker: &str) -> ChangeLog<'c> {
        let kinds: BTreeMap<&str, FieldKind> = procedure
            .fields()
            .map(|(_, f)| (f.id.as_str(), f.kind))
            .collect();
        // The last value shown for each item, and the raw text it came from.
        let mut last: BTreeMap<&str, (&str, Arc<str>)> = BTreeMap::new();
        let mut redacted = false;
        let mut at = String::with_capacity(24);
        let mut changes = Vec::new();
        for event in case.events.iter().filter(|e| is_change(e)) {
            let kind = kinds.get(event.item.as_str()).copied();
            let mut shown = |raw: &'c str, last: &mut BTreeMap<&'c str, (&'c str, Arc<str>)>| {
                if let Some((before, text)) = last.get(event.item.as_str())
                    && *before == raw
                {
                    return text.clone();
                }
                let (text, had_key) = shown_value(raw, kind, marker);
                redacted |= had_key;
                last.insert(&event.item, (raw, text.clone()));
                text
            };
            let from = event.from.as_deref().map(|v| shown(v, &mut last));
            let to = event.to.as_deref().map(|v| shown(v, &mut last));
            at.clear();
            push_time(&mut at, event.at);
            at.push_str(" — ");
            changes.push(Change {
                event,
                at: Arc::from(at.as_str()),
                from,
                to,
            });
        }
        ChangeLog { changes, redacted }
    }
}

/// Whether an event changes something given before: another answer or value, or
/// leaving the escape hatch.
pub fn is_change(event: &Event) -> bool {
    match event.item.as_str() {
        "escalated" => event.from.as_deref() == Some("yes"),
        _ => event.from.is_some(),
    }
}

/// A logged value as the summary shows it: a field's as it would be stored (trimmed,
/// domains and e-mail addresses lower-cased, so the log and the details agree), any
/// other as logged; claim keys replaced by `marker`. Says whether one was.
fn shown_value(raw: &str, kind: Option<FieldKind>, marker: &str) -> (Arc<str>, bool) {
    let stored = match kind {
        Some(k @ (FieldKind::Domain | FieldKind::Email)) => Cow::Owned(normalize(k, raw)),
        Some(_) => Cow::Borrowed(raw.trim()),
        None => Cow::Borrowed(raw),
    };
    match crate::secrets::redact(&stored, marker) {
        Cow::Borrowed(same) => (Arc::from(same), false),
        Cow::Owned(clean) => (Arc::from(clean), true),
    }
}
