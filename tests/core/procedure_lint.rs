//! The lint is clean on every shipped procedure and catches each kind of problem.

use cssm_assistant::i18n::{Catalogs, Lang};
use cssm_assistant::procedure::lint::{LintProblem, lint};
use cssm_assistant::procedure::load::LoadError;
use cssm_assistant::procedure::{BUILTIN_SOURCE, Condition, Item, Procedure};

fn base() -> Procedure {
    ron::Options::default()
        .from_str(BUILTIN_SOURCE)
        .expect("the built-in procedure parses")
}

fn problems(p: &Procedure) -> Vec<LintProblem> {
    lint(p, Catalogs::embedded())
}

fn question_mut<'a>(p: &'a mut Procedure, id: &str) -> &'a mut cssm_assistant::procedure::Question {
    p.steps
        .iter_mut()
        .flat_map(|s| s.items.iter_mut())
        .find_map(|i| match i {
            Item::Question(q) if q.id == id => Some(q),
            _ => None,
        })
        .expect("question exists")
}

#[test]
fn every_procedure_in_assets_is_clean() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/procedures");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("assets/procedures exists") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "ron") {
            let loaded = Procedure::from_path(&path);
            assert!(
                loaded.is_ok(),
                "{}: {}",
                path.display(),
                loaded.err().map(|e| e.to_string()).unwrap_or_default()
            );
            seen += 1;
        }
    }
    assert!(seen >= 1);
    assert!(problems(&base()).is_empty());
}

#[test]
fn a_duplicate_id_is_caught() {
    let mut p = base();
    let copy = p.steps[1].clone();
    p.steps.push(copy);
    let found = problems(&p);
    assert!(
        found.contains(&LintProblem::DuplicateId {
            kind: "step",
            id: "sa_assignment".into()
        }),
        "{found:?}"
    );
    assert!(
        found.contains(&LintProblem::DuplicateId {
            kind: "item",
            id: "sa_status".into()
        }),
        "{found:?}"
    );

    let mut p = base();
    p.outcomes.push(p.outcomes[0].clone());
    assert!(problems(&p).contains(&LintProblem::DuplicateId {
        kind: "outcome",
        id: "obtain_access".into()
    }));

    let mut p = base();
    let q = question_mut(&mut p, "sa_status");
    q.options.push(q.options[0].clone());
    assert!(problems(&p).contains(&LintProblem::DuplicateId {
        kind: "option",
        id: "active".into()
    }));
}

#[test]
fn a_condition_naming_an_unknown_question_or_option_is_caught() {
    let mut p = base();
    question_mut(&mut p, "sa_status").when = Some(Condition::Is("sa_asigned".into(), "yes".into()));
    let found = problems(&p);
    assert!(found.iter().any(|x| matches!(x, LintProblem::UnknownQuestion { question, .. } if question == "sa_asigned")), "{found:?}");

    let mut p = base();
    p.rules[0].when = Condition::Is("has_smart_account_access".into(), "maybe".into());
    let found = problems(&p);
    assert!(
        found.contains(&LintProblem::UnknownOption {
            at: "rule 1".into(),
            question: "has_smart_account_access".into(),
            option: "maybe".into()
        }),
        "{found:?}"
    );
}

#[test]
fn a_rule_or_escape_naming_an_unknown_outcome_is_caught() {
    let mut p = base();
    p.rules[0].outcome = "nowhere".into();
    p.escape_outcome = "elsewhere".into();
    let found = problems(&p);
    assert!(found.contains(&LintProblem::UnknownOutcome {
        at: "rule 1".into(),
        outcome: "nowhere".into()
    }));
    assert!(found.contains(&LintProblem::UnknownOutcome {
        at: "escape_outcome".into(),
        outcome: "elsewhere".into()
    }));
}

#[test]
fn a_cycle_and_a_forward_reference_are_caught() {
    let mut p = base();
    question_mut(&mut p, "sa_assigned").when =
        Some(Condition::Is("sa_status".into(), "active".into()));
    let found = problems(&p);
    assert!(found.iter().any(|x| matches!(x, LintProblem::Cycle { questions } if questions.contains(&"sa_assigned".to_owned()) && questions.contains(&"sa_status".to_owned()))), "{found:?}");
    assert!(
        found.contains(&LintProblem::ForwardReference {
            question: "sa_assigned".into(),
            names: "sa_status".into()
        }),
        "{found:?}"
    );

    let mut p = base();
    question_mut(&mut p, "sa_status").when =
        Some(Condition::Is("sa_status".into(), "active".into()));
    let found = problems(&p);
    assert!(found.iter().any(|x| matches!(x, LintProblem::Cycle { questions } if questions == &["sa_status", "sa_status"])), "{found:?}");
}

#[test]
fn a_path_that_ends_nowhere_is_caught() {
    let mut p = base();
    // Without the rule for "claimed_bound = not_yet" that path has no outcome, and the
    // outcome it led to is no longer reached.
    p.rules.retain(|r| r.outcome != "ask_meraki_support");
    let found = problems(&p);
    assert!(found.iter().any(|x| matches!(x, LintProblem::DeadEnd { answers } if answers.contains(&("claimed_bound".into(), "not_yet".into())))), "{found:?}");
    assert!(found.contains(&LintProblem::UnreachableOutcome(
        "ask_meraki_support".into()
    )));
}

#[test]
fn an_unreachable_question_and_step_are_caught() {
    let mut p = base();
    // `subscription_visible = yes` now ends at once, and nothing asks claimed_bound.
    question_mut(&mut p, "claimed_bound").when =
        Some(Condition::Is("subscription_visible".into(), "yes".into()));
    let found = problems(&p);
    assert!(
        found.contains(&LintProblem::UnreachableQuestion("claimed_bound".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&LintProblem::UnreachableStep("meraki_check".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&LintProblem::UnreachableOutcome("swit_case_claimed".into())),
        "{found:?}"
    );
}

#[test]
fn a_text_key_missing_from_a_language_is_caught() {
    let en = cssm_assistant::i18n::Catalog::from_ron(cssm_assistant::i18n::EN_SOURCE).expect("en");
    let fr_text = cssm_assistant::i18n::FR_SOURCE
        .replace("\"option.pending\":", "\"option.pending_renamed\":");
    let fr = cssm_assistant::i18n::Catalog::from_ron(&fr_text).expect("fr");
    let found = lint(&base(), &Catalogs::new(en, fr));
    assert_eq!(
        found,
        vec![LintProblem::MissingText {
            key: "option.pending".into(),
            lang: Lang::Fr
        }]
    );

    let mut p = base();
    p.steps[0].title = "step.nowhere".into();
    let found = problems(&p);
    assert!(found.contains(&LintProblem::MissingText {
        key: "step.nowhere".into(),
        lang: Lang::En
    }));
    assert!(found.contains(&LintProblem::MissingText {
        key: "step.nowhere".into(),
        lang: Lang::Fr
    }));
}

#[test]
fn a_link_outside_the_allowed_list_is_caught() {
    let mut p = base();
    p.outcomes[1].links[0].url = "https://example.com/phish".into();
    let found = problems(&p);
    assert_eq!(
        found,
        vec![LintProblem::LinkNotAllowed {
            outcome: p.outcomes[1].id.clone(),
            url: "https://example.com/phish".into()
        }]
    );
}

#[test]
fn loading_a_broken_procedure_reports_the_lint_and_syntax_errors() {
    let broken = BUILTIN_SOURCE.replace("outcome: \"obtain_access\"", "outcome: \"nope\"");
    match Procedure::from_ron(&broken) {
        Err(LoadError::Lint(found)) => {
            assert!(found.iter().any(
                |x| matches!(x, LintProblem::UnknownOutcome { outcome, .. } if outcome == "nope")
            ));
        }
        other => panic!("expected a lint error, got {other:?}"),
    }
    assert!(matches!(
        Procedure::from_ron("(id: 3)"),
        Err(LoadError::Syntax(_))
    ));
    let message = Procedure::from_ron(&broken)
        .expect_err("broken")
        .to_string();
    assert!(message.contains("nope"), "{message}");
}

fn field_mut<'a>(p: &'a mut Procedure, id: &str) -> &'a mut cssm_assistant::procedure::Field {
    p.steps
        .iter_mut()
        .flat_map(|s| s.items.iter_mut())
        .find_map(|i| match i {
            Item::Field(f) if f.id == id => Some(f),
            _ => None,
        })
        .expect("field exists")
}

#[test]
fn a_field_condition_naming_an_unknown_or_later_question_is_caught() {
    let mut p = base();
    field_mut(&mut p, "meraki_org_id").when = Some(Condition::Is("sa_stat".into(), "x".into()));
    assert!(
        problems(&p).contains(&LintProblem::UnknownQuestion {
            at: "field `meraki_org_id`".into(),
            question: "sa_stat".into()
        }),
        "{:?}",
        problems(&p)
    );

    // The Virtual Account is asked on the second step: it cannot wait for the third.
    let mut p = base();
    field_mut(&mut p, "virtual_account").when =
        Some(Condition::Is("claimed_bound".into(), "yes".into()));
    assert!(
        problems(&p).contains(&LintProblem::ForwardReference {
            question: "virtual_account".into(),
            names: "claimed_bound".into()
        }),
        "{:?}",
        problems(&p)
    );
}

#[test]
fn an_outcome_needing_an_unknown_field_is_caught() {
    let mut p = base();
    let o = p
        .outcomes
        .iter_mut()
        .find(|o| o.id == "ask_meraki_support")
        .expect("outcome");
    o.needs.push("org_id".into());
    assert!(
        problems(&p).contains(&LintProblem::UnknownField {
            outcome: "ask_meraki_support".into(),
            field: "org_id".into()
        }),
        "{:?}",
        problems(&p)
    );
}
