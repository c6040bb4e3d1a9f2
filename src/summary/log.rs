//! The changes of a case's event log, ready to show: each change's two values as the
//! summary writes them (a field as it would be stored, claim keys redacted).
//!
//! A long log repeats its values (the "to" of one change is the "from" of the next
//! change of that item) and a bilingual summary shows the log twice: each value is
//! read for claim keys once, and the texts are shared (`Rc<str>`), not copied.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::case::{Case, Event};
use crate::procedure::validation::normalize;
use crate::procedure::{FieldKind, Procedure};

/// The changes of a case's log, in order.
pub struct ChangeLog<'c> {
    /// One entry per change.
    pub changes: Vec<Change<'c>>,
    /// The items that changed, each once, in the order they first did: a change
    /// names its item by its place here.
    pub items: Vec<&'c str>,
    /// Whether a value held a claim key, replaced by this log's marker (a log read
    /// with the marker of one language cannot serve another).
    pub redacted: bool,
}

/// One change: an event that changes something given before.
pub struct Change<'c> {
    /// The event, for its item and raw values.
    pub event: &'c Event,
    /// Its item's place in [`ChangeLog::items`].
    pub item: usize,
    /// The value before, as shown (`None`: there was none).
    pub from: Option<Rc<str>>,
    /// The value after, as shown (`None`: cleared).
    pub to: Option<Rc<str>>,
}

impl<'c> ChangeLog<'c> {
    /// The changes of `case`'s log, claim keys replaced by `marker`.
    pub fn new(procedure: &Procedure, case: &'c Case, marker: &str) -> ChangeLog<'c> {
        // Each field's kind, and the last value shown for each item with the raw text
        // it came from: one look-up per change.
        let kinds: BTreeMap<&str, FieldKind> = procedure
            .fields()
            .map(|(_, f)| (f.id.as_str(), f.kind))
            .collect();
        let mut places: BTreeMap<&str, usize> = BTreeMap::new();
        let mut items: Vec<Item> = Vec::new();
        let mut names = Vec::new();
        let mut redacted = false;
        let mut changes = Vec::new();
        for event in case.events.iter().filter(|e| is_change(e)) {
            let name = event.item.as_str();
            let place = *places.entry(name).or_insert_with(|| {
                names.push(name);
                items.push(Item::new(kinds.get(name).copied()));
                items.len() - 1
            });
            let item = &mut items[place];
            let mut shown = |raw: &'c str| {
                if let Some((before, text)) = &item.last
                    && *before == raw
                {
                    return text.clone();
                }
                let (text, had_key) = shown_value(raw, item.kind, marker);
                redacted |= had_key;
                item.last = Some((raw, text.clone()));
                text
            };
            let from = event.from.as_deref().map(&mut shown);
            let to = event.to.as_deref().map(&mut shown);
            changes.push(Change {
                event,
                item: place,
                from,
                to,
            });
        }
        ChangeLog {
            changes,
            items: names,
            redacted,
        }
    }
}

/// What the log knows of one item while it reads the changes.
struct Item<'c> {
    /// The field's kind; `None` for a question or another item.
    kind: Option<FieldKind>,
    /// The raw text of the last value shown, and how it was shown.
    last: Option<(&'c str, Rc<str>)>,
}

impl Item<'_> {
    fn new(kind: Option<FieldKind>) -> Self {
        Item { kind, last: None }
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
fn shown_value(raw: &str, kind: Option<FieldKind>, marker: &str) -> (Rc<str>, bool) {
    let stored = match kind {
        Some(k @ (FieldKind::Domain | FieldKind::Email)) => Cow::Owned(normalize(k, raw)),
        Some(_) => Cow::Borrowed(raw.trim()),
        None => Cow::Borrowed(raw),
    };
    match crate::secrets::redact(&stored, marker) {
        Cow::Borrowed(same) => (Rc::from(same), false),
        Cow::Owned(clean) => (Rc::from(clean), true),
    }
}
