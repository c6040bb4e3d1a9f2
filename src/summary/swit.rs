//! The request that Meraki Support forwards to SWIT, written to SWIT, and the
//! identifiers an outcome still lacks.
//!
//! A request template marks its optional clauses: `[[ in Meraki organization
//! {meraki_org_id}]]` is left out when a value it names is missing, and
//! `[[Smart Account "{smart_account_name}"|the customer's Smart Account]]` puts the text
//! after `|` in its place. A missing value is never printed as a placeholder; the
//! summary lists what is missing above the request instead.

use std::collections::BTreeMap;

use crate::i18n::{fill, placeholders};
use crate::procedure::validation::FieldError;
use crate::procedure::{Field, Outcome, Procedure};

/// Fills `template`, leaving out (or replacing) each `[[…]]` clause that names a
/// placeholder without a value. `value` gives a placeholder's value, `None` when
/// missing. A placeholder outside any clause without a value is left as it is.
pub fn fill_clauses(template: &str, value: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find("[[") {
        out.push_str(&fill_present(&rest[..open], value));
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else {
            // An unclosed clause is plain text.
            out.push_str(&fill_present(&rest[open..], value));
            return out;
        };
        let clause = &after[..close];
        let (with, without) = clause.split_once('|').unwrap_or((clause, ""));
        let complete = placeholders(with).iter().all(|name| value(name).is_some());
        out.push_str(&fill_present(if complete { with } else { without }, value));
        rest = &after[close + 2..];
    }
    out.push_str(&fill_present(rest, value));
    out
}

/// `text` with every placeholder that has a value filled in.
fn fill_present(text: &str, value: &dyn Fn(&str) -> Option<String>) -> String {
    let values: Vec<(&str, String)> = placeholders(text)
        .into_iter()
        .filter_map(|name| value(name).map(|v| (name, v)))
        .collect();
    let vars: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(text, &vars)
}

/// The fields that whoever acts on `outcome` needs and that have no valid value: the
/// outcome's `needs` first, in their order, then the other fields its request for SWIT
/// (the template `request`, when given) names, in the procedure's order.
pub fn missing_fields<'p>(
    procedure: &'p Procedure,
    outcome: &Outcome,
    request: Option<&str>,
    fields: &BTreeMap<String, Result<String, FieldError>>,
) -> Vec<&'p Field> {
    let named = request.map(placeholders).unwrap_or_default();
    let needed = outcome.needs.iter().filter_map(|id| procedure.field(id));
    let others = procedure
        .fields()
        .map(|(_, f)| f)
        .filter(|f| named.contains(&f.id.as_str()) && !outcome.needs.contains(&f.id));
    needed
        .chain(others)
        .filter(|f| !matches!(fields.get(&f.id), Some(Ok(v)) if !v.is_empty()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn clauses_are_kept_left_out_or_replaced() {
        let t = "A [[sub {s}|the sub]] is claimed[[ in org {o}]][[, order {n}]].";
        assert_eq!(
            fill_clauses(t, &values(&[("s", "SR1"), ("o", "42"), ("n", "7")])),
            "A sub SR1 is claimed in org 42, order 7."
        );
        assert_eq!(fill_clauses(t, &values(&[])), "A the sub is claimed.");
        assert_eq!(
            fill_clauses(t, &values(&[("o", "42")])),
            "A the sub is claimed in org 42."
        );
    }

    #[test]
    fn values_cannot_open_clauses_and_unclosed_ones_stay_text() {
        assert_eq!(
            fill_clauses("x {a} [[{b}]]", &values(&[("a", "[[{b}]]"), ("b", "|")])),
            "x [[{b}]] |"
        );
        assert_eq!(fill_clauses("x [[{a}", &values(&[("a", "1")])), "x [[1");
    }
}
