//! Every path of the built-in procedure, enumerated from the procedure itself, checked
//! against the outcomes the spec gives; and what happens when an earlier answer changes.

use std::collections::BTreeSet;

use cssm_assistant::procedure::Procedure;
use cssm_assistant::procedure::rules::{Answers, enumerate_paths, evaluate};

use crate::support::spec_paths;
use spec_paths::EXPECTED;

fn procedure() -> Procedure {
    Procedure::builtin().expect("the built-in procedure loads")
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(q, o)| ((*q).to_owned(), (*o).to_owned()))
        .collect()
}

#[test]
fn every_enumerated_path_ends_in_the_outcome_the_spec_gives() {
    let p = procedure();
    let paths = enumerate_paths(&p, 1000).expect("few paths");
    assert_eq!(paths.len(), EXPECTED.len(), "one path per spec branch");
    for (given, eval) in &paths {
        let expected = EXPECTED
            .iter()
            .find(|(a, _)| answers(a) == *given)
            .unwrap_or_else(|| panic!("path {given:?} is not in the spec"));
        assert_eq!(eval.outcome.as_deref(), Some(expected.1), "path {given:?}");
        assert!(eval.next.is_none());
        assert!(eval.not_applying.is_empty());
        // Every answer of the path led to the outcome, in the order asked.
        let asked: Vec<(&str, &str)> = eval
            .reasons
            .iter()
            .map(|e| (e.question.as_str(), e.option.as_str()))
            .collect();
        assert_eq!(asked, expected.0.to_vec(), "reasons of {given:?}");
    }
}

#[test]
fn all_eight_outcomes_are_covered_by_paths_and_the_escape_hatch() {
    let p = procedure();
    let mut reached: BTreeSet<String> = enumerate_paths(&p, 1000)
        .expect("few paths")
        .into_iter()
        .filter_map(|(_, e)| e.outcome)
        .collect();
    // The escape hatch from every prefix of every path.
    for (given, _) in EXPECTED {
        for n in 0..=given.len() {
            let eval = evaluate(&p, &answers(&given[..n]), true);
            assert_eq!(eval.outcome.as_deref(), Some("escalate_meraki_case"));
            assert!(eval.escalated);
            assert_eq!(eval.path.len(), n, "escalation keeps the answers so far");
            reached.insert(eval.outcome.expect("outcome"));
        }
    }
    let spec: BTreeSet<String> = [
        "obtain_access",
        "assign_smart_account",
        "contact_licensing_support",
        "already_visible",
        "ask_meraki_support",
        "swit_case_claimed",
        "swit_case_not_controlled",
        "escalate_meraki_case",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(reached, spec);
    let declared: BTreeSet<String> = p.outcomes.iter().map(|o| o.id.clone()).collect();
    assert_eq!(declared, spec);
}

#[test]
fn the_next_question_follows_the_answers() {
    let p = procedure();
    let next = |pairs: &[(&str, &str)]| {
        evaluate(&p, &answers(pairs), false)
            .next
            .map(|n| n.question)
    };
    assert_eq!(next(&[]).as_deref(), Some("has_smart_account_access"));
    assert_eq!(
        next(&[("has_smart_account_access", "yes")]).as_deref(),
        Some("sa_assigned")
    );
    assert_eq!(
        next(&[("has_smart_account_access", "yes"), ("sa_assigned", "yes")]).as_deref(),
        Some("sa_status")
    );
    let eval = evaluate(
        &p,
        &answers(&[
            ("has_smart_account_access", "yes"),
            ("sa_assigned", "yes"),
            ("sa_status", "active"),
            ("subscription_visible", "no"),
        ]),
        false,
    );
    let n = eval.next.expect("a next question");
    assert_eq!(n.question, "claimed_bound");
    assert_eq!(p.steps[n.step].id, "meraki_check");
    assert_eq!(eval.outcome, None);
}

#[test]
fn changing_an_earlier_answer_moves_the_outcome_and_drops_later_answers() {
    let p = procedure();
    let mut given = answers(&[
        ("has_smart_account_access", "yes"),
        ("sa_assigned", "yes"),
        ("sa_status", "active"),
        ("subscription_visible", "no"),
        ("claimed_bound", "yes"),
    ]);
    assert_eq!(
        evaluate(&p, &given, false).outcome.as_deref(),
        Some("swit_case_claimed")
    );

    // The account turns out to be Pending: the later answers no longer apply.
    given.insert("sa_status".into(), "pending".into());
    let eval = evaluate(&p, &given, false);
    assert_eq!(eval.outcome.as_deref(), Some("contact_licensing_support"));
    assert_eq!(
        eval.not_applying,
        vec![
            ("claimed_bound".to_owned(), "yes".to_owned()),
            ("subscription_visible".to_owned(), "no".to_owned()),
        ]
    );
    assert!(!eval.is_on_path("claimed_bound"));
    assert!(eval.reasons.iter().all(|r| r.question != "claimed_bound"));

    // Back to Active: the kept answers apply again and the outcome comes back.
    given.insert("sa_status".into(), "active".into());
    let eval = evaluate(&p, &given, false);
    assert_eq!(eval.outcome.as_deref(), Some("swit_case_claimed"));
    assert!(eval.not_applying.is_empty());

    // No access at all: everything after the first question stops applying.
    given.insert("has_smart_account_access".into(), "no".into());
    let eval = evaluate(&p, &given, false);
    assert_eq!(eval.outcome.as_deref(), Some("obtain_access"));
    assert_eq!(eval.path.len(), 1);
    assert_eq!(eval.not_applying.len(), 4);
}

#[test]
fn an_unanswered_or_unknown_option_is_asked_again() {
    let p = procedure();
    let eval = evaluate(
        &p,
        &answers(&[("has_smart_account_access", "maybe")]),
        false,
    );
    assert_eq!(
        eval.next.map(|n| n.question).as_deref(),
        Some("has_smart_account_access")
    );
    assert_eq!(eval.outcome, None);
}
