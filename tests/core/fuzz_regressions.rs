//! The fuzz targets' seed corpus (`fuzz/seeds`) replayed through the public API, with
//! what each seed must give and the invariants the fuzz targets check, so the seeds stay
//! meaningful and the invariants hold without cargo-fuzz or a nightly compiler.

use std::path::{Path, PathBuf};

use cssm_assistant::case::{Case, CaseError, LoadNotice, LoadedCase, Strictness};
use cssm_assistant::i18n::{I18n, Lang};
use cssm_assistant::procedure::Procedure;
use cssm_assistant::procedure::validation::is_claim_key;
use cssm_assistant::summary::render;
use jiff::Timestamp;

fn procedure() -> Procedure {
    Procedure::builtin().expect("the built-in procedure loads")
}

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds")
}

/// What a seed gives when loaded.
enum Expect {
    /// Loads in both modes, with this outcome (`None`: unfinished).
    Opens(Option<String>),
    /// Loads in both modes with this outcome and these notices in strict mode.
    OpensWithNotices(Option<String>, fn(&[LoadNotice]) -> bool),
    /// Refused in both modes.
    Refused(fn(&CaseError) -> bool),
}

/// Every seed that is not a fixture, with what it must give.
fn hand_written() -> Vec<(&'static str, Expect)> {
    vec![
        (
            "spec-example.ron",
            Expect::Opens(Some("ask_meraki_support".into())),
        ),
        (
            "evidence-v2.ron",
            Expect::Opens(Some("swit_case_claimed".into())),
        ),
        (
            "hidden-answer-escalated.ron",
            Expect::Opens(Some("escalate_meraki_case".into())),
        ),
        (
            "older-version-unknown-ids.ron",
            Expect::OpensWithNotices(None, |notices| {
                let dropped: Vec<&str> = notices
                    .iter()
                    .filter_map(|n| match n {
                        LoadNotice::Dropped { id, .. } => Some(id.as_str()),
                        LoadNotice::ProcedureVersionChanged { .. } => None,
                    })
                    .collect();
                notices.contains(&LoadNotice::ProcedureVersionChanged { from: 0, to: 2 })
                    && [
                        "retired_question",
                        "sa_assigned",
                        "retired_field",
                        "meraki_org_id",
                        "subscription_id",
                    ]
                    .iter()
                    .all(|id| dropped.contains(id))
            }),
        ),
        (
            "newer-schema.ron",
            Expect::Refused(|e| *e == CaseError::NewerSchema { found: 3 }),
        ),
        (
            "hostile-text.ron",
            Expect::Opens(Some("swit_case_not_controlled".into())),
        ),
        (
            "long-event.ron",
            Expect::Opens(Some("obtain_access".into())),
        ),
        ("bom-crlf.ron", Expect::Opens(None)),
        ("raw-strings.ron", Expect::Opens(None)),
        (
            "other-procedure.ron",
            Expect::Refused(|e| *e == CaseError::UnknownProcedure("other".into())),
        ),
        (
            "wrong-type.ron",
            Expect::Refused(|e| matches!(e, CaseError::Syntax { .. })),
        ),
        (
            "truncated.ron",
            Expect::Refused(|e| matches!(e, CaseError::Syntax { .. })),
        ),
    ]
}

/// What a seed must give: fixture seeds (`fixture-OUTCOME.draft.ron`, `.export.ron`,
/// written with version 1 of the procedure) open with the outcome they are named after,
/// telling at most that they were checked again against the current version; the others
/// are in [`hand_written`].
fn expectation(name: &str) -> Expect {
    if let Some(rest) = name.strip_prefix("fixture-") {
        let outcome = rest.split('.').next().expect("a fixture name");
        return Expect::OpensWithNotices(
            (outcome != "unfinished").then(|| outcome.to_owned()),
            |notices| {
                notices
                    .iter()
                    .all(|n| *n == LoadNotice::ProcedureVersionChanged { from: 1, to: 2 })
            },
        );
    }
    hand_written()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, e)| e)
        .unwrap_or_else(|| panic!("fuzz/seeds/{name} is not described in this test"))
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(seeds_dir())
        .expect("fuzz/seeds")
        .map(|entry| {
            let path = entry.expect("a seed").path();
            let name = path
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).expect("a readable seed"))
        })
        .collect();
    seeds.sort();
    seeds
}

/// The first claim-key-shaped word of `text`, read as the summary's redaction reads
/// words (runs of ASCII letters, digits and `-`).
fn claim_key_in(text: &str) -> Option<&str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .find(|word| is_claim_key(word))
}

/// The case-loader fuzz target's invariants for a case that loaded.
fn check_loaded(p: &Procedure, name: &str, case: &Case, strictness: Strictness) {
    let eval = case.evaluate(p);
    assert_eq!(case.outcome, eval.outcome, "{name}: stale outcome");
    let again = Case::from_bytes(case.to_ron().as_bytes(), p, strictness)
        .unwrap_or_else(|e| panic!("{name}: its {strictness:?} file does not load: {e:?}"));
    assert_eq!(
        again.case, *case,
        "{name}: changed on a {strictness:?} reload"
    );
    assert!(again.notices.is_empty(), "{name}: notices on reload");
    let export = case.for_export(p);
    let again = Case::from_bytes(export.to_ron().as_bytes(), p, Strictness::Strict)
        .unwrap_or_else(|e| panic!("{name}: its export does not load: {e:?}"));
    assert_eq!(again.case, export, "{name}: the export changed on reload");
    // The summary target's: no claim key in a summary, whatever the case holds.
    let generated: Timestamp = "2026-11-24T10:30:00Z".parse().expect("a time");
    for lang in Lang::ALL {
        let text = render(p, case, lang, generated);
        assert_eq!(claim_key_in(&text), None, "{name}: a claim key in {lang:?}");
    }
}

fn load(p: &Procedure, name: &str, bytes: &[u8], strictness: Strictness) -> Option<LoadedCase> {
    match Case::from_bytes(bytes, p, strictness) {
        Ok(loaded) => {
            check_loaded(p, name, &loaded.case, strictness);
            Some(loaded)
        }
        Err(e) => {
            for lang in Lang::ALL {
                assert!(
                    !e.message(&I18n::new(lang)).is_empty(),
                    "{name}: no message"
                );
            }
            None
        }
    }
}

#[test]
fn every_seed_gives_what_it_was_written_for() {
    let p = procedure();
    let seeds = seeds();
    assert!(seeds.len() >= 20, "the seed corpus is missing");
    for (name, bytes) in &seeds {
        let strict = load(&p, name, bytes, Strictness::Strict);
        let draft = load(&p, name, bytes, Strictness::Draft);
        let expect = expectation(name);
        match &expect {
            Expect::Opens(outcome) | Expect::OpensWithNotices(outcome, _) => {
                let (Some(strict), Some(draft)) = (&strict, &draft) else {
                    panic!("{name} does not open in both modes");
                };
                assert_eq!(strict.case.outcome, *outcome, "{name}");
                assert_eq!(strict.case, draft.case.for_export(&p), "{name}");
                if let Expect::OpensWithNotices(_, notices) = &expect {
                    assert!(notices(&strict.notices), "{name}: {:?}", strict.notices);
                } else {
                    assert!(strict.notices.is_empty(), "{name}: {:?}", strict.notices);
                }
            }
            Expect::Refused(error) => {
                for (mode, result) in [
                    ("strict", Case::from_bytes(bytes, &p, Strictness::Strict)),
                    ("draft", Case::from_bytes(bytes, &p, Strictness::Draft)),
                ] {
                    match result {
                        Err(e) => assert!(error(&e), "{name} ({mode}): {e:?}"),
                        Ok(_) => panic!("{name} opens in {mode} mode"),
                    }
                }
            }
        }
    }
}

#[test]
fn every_hand_written_seed_exists() {
    let names: Vec<String> = seeds().into_iter().map(|(n, _)| n).collect();
    for (name, _) in hand_written() {
        assert!(
            names.iter().any(|n| n == name),
            "fuzz/seeds/{name} is missing"
        );
    }
}
