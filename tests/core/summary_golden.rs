//! Golden summaries: one per outcome and language, plus an unfinished case, compared
//! byte for byte with `tests/golden/<name>.<lang>.md`.
//!
//! After a deliberate change to the summary, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test --test core summary_golden`, then read the diff as a support
//! engineer would before committing it.

use crate::support::fixtures;

use std::collections::BTreeSet;
use std::path::PathBuf;

use cssm_assistant::i18n::Lang;
use cssm_assistant::summary::render;
use fixtures::{FIXTURES, GENERATED, build, procedure, t};

fn golden_path(name: &str, lang: Lang) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.{}.md", lang.code()))
}

/// The first line where two texts differ, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    let mut e = expected.lines();
    let mut a = actual.lines();
    for n in 1.. {
        match (e.next(), a.next()) {
            (None, None) => break,
            (x, y) if x == y => continue,
            (x, y) => return format!("line {n}:\n  golden: {x:?}\n  now:    {y:?}"),
        }
    }
    "only the line endings differ".to_owned()
}

#[test]
fn every_summary_matches_its_golden() {
    let p = procedure();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for fixture in FIXTURES {
        for lang in Lang::ALL {
            let case = build(fixture, lang);
            let text = render(&p, &case, lang, t(GENERATED));
            let path = golden_path(fixture.name, lang);
            if update {
                std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
                std::fs::write(&path, &text).expect("write the golden");
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(golden) if golden == text => {}
                Ok(golden) => failures.push(format!(
                    "{} differs, {}",
                    path.display(),
                    first_difference(&golden, &text)
                )),
                Err(e) => failures.push(format!("{}: {e}", path.display())),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(after a deliberate change: UPDATE_GOLDEN=1 cargo test --test core summary_golden)",
        failures.join("\n")
    );
}

#[test]
fn the_fixtures_reach_every_outcome_of_the_procedure() {
    let p = procedure();
    let mut reached = BTreeSet::new();
    for fixture in FIXTURES {
        let eval = build(fixture, Lang::En).evaluate(&p);
        assert_eq!(eval.outcome.as_deref(), fixture.outcome, "{}", fixture.name);
        if let Some(outcome) = fixture.outcome {
            assert_eq!(fixture.name, outcome, "a golden is named after its outcome");
            reached.insert(outcome);
        }
    }
    let declared: BTreeSet<&str> = p.outcomes.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(reached, declared);
}

#[test]
fn every_summary_carries_its_reference_code_and_says_what_is_unfinished() {
    let p = procedure();
    for fixture in FIXTURES {
        for lang in Lang::ALL {
            let text = render(&p, &build(fixture, lang), lang, t(GENERATED));
            match fixture.outcome {
                Some(id) => assert!(text.contains(&format!("`{id}`")), "{}", fixture.name),
                None => {
                    let (unfinished, stopped_at) = match lang {
                        Lang::En => (
                            "The procedure is not finished",
                            "What is the status of the Smart Account?",
                        ),
                        Lang::Fr => (
                            "La procédure n'est pas terminée",
                            "Quel est l'état du compte Smart\u{a0}?",
                        ),
                    };
                    assert!(text.contains(unfinished), "{text}");
                    assert!(text.contains(stopped_at), "{text}");
                }
            }
        }
    }
}

#[test]
fn only_the_swit_outcomes_carry_a_request_for_swit_in_english() {
    let p = procedure();
    for fixture in FIXTURES {
        for lang in Lang::ALL {
            let text = render(&p, &build(fixture, lang), lang, t(GENERATED));
            let swit = fixture.name.starts_with("swit_case_");
            assert_eq!(
                text.contains("```text\nMeraki Support has confirmed that")
                    || text.contains("```text\nMeraki Support advises that"),
                swit,
                "{} in {lang:?}",
                fixture.name
            );
        }
    }
    let text = render(
        &p,
        &build(fixtures::fixture("swit_case_claimed"), Lang::En),
        Lang::En,
        t(GENERATED),
    );
    assert!(
        text.contains(
            "Meraki Support has confirmed that Cisco Networking Subscription SR1234567 is \
             claimed and bound in Meraki organization 2930418 and assigned to Smart Account \
             \"Acme Corp\" (acme.example) (Virtual Account \"Default\"), order 87654321."
        ),
        "{text}"
    );
}

#[test]
fn a_french_summary_ends_with_the_same_facts_in_english() {
    let p = procedure();
    for fixture in FIXTURES {
        let case = build(fixture, Lang::Fr);
        let fr = render(&p, &case, Lang::Fr, t(GENERATED));
        let en = render(&p, &case, Lang::En, t(GENERATED));
        let marker = "## Case summary in English, for Cisco and Meraki support\n\n";
        let (_, appendix) = fr.split_once(marker).expect("an English part");
        // The English part is the English summary's body, one heading level down.
        let (_, en_body) = en.split_once("\n\n").expect("a title line");
        // The technical details come once, at the end, in the summary's language.
        let (appendix, _) = appendix
            .split_once("\n## Détails techniques\n")
            .expect("technical details at the end");
        let (en_body, _) = en_body
            .split_once("\n## Technical details\n")
            .expect("technical details at the end");
        assert_eq!(
            appendix,
            en_body
                .replace("\n### ", "\n#### ")
                .replace("\n## ", "\n### "),
            "{}",
            fixture.name
        );
        assert!(
            !en.contains("Récapitulatif"),
            "no French in an English summary"
        );
    }
}

#[test]
fn answers_that_no_longer_apply_are_left_out_of_the_why() {
    let p = procedure();
    let text = render(
        &p,
        &build(fixtures::fixture("obtain_access"), Lang::En),
        Lang::En,
        t(GENERATED),
    );
    let why = text
        .split_once("## Why: the answers given\n\n")
        .and_then(|(_, rest)| rest.split_once("\n## "))
        .map(|(why, _)| why)
        .expect("a why section");
    assert!(
        why.trim_end().ends_with(
            "| 1 | Do you have access to this Smart Account? | **No** | Stated by the partner |"
        ),
        "{why}"
    );
    assert!(!why.contains("OPE or CCW"), "{why}");
    // The event log tells what changed, and only that.
    assert!(
        text.contains("Do you have access to this Smart Account? — Yes → No"),
        "{text}"
    );
    assert!(
        !text.contains("Is a Smart Account assigned to the order in OPE or CCW? — (empty) → Yes"),
        "{text}"
    );
}
