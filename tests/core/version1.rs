//! Case files written with version 1 of the procedure (before the identifiers moved to
//! the Meraki step) still load, and give the outcome they gave then: the fixture cases
//! behind the golden summaries, the fuzz seeds exported by version 1, the README's
//! example and the spec's example.

use crate::support::fixtures;

use std::path::Path;

use cssm_assistant::case::{Case, LoadNotice, Strictness};
use cssm_assistant::i18n::Lang;
use cssm_assistant::summary::render;
use fixtures::{FIXTURES, GENERATED, build, procedure, t};

fn load(bytes: &[u8]) -> cssm_assistant::case::LoadedCase {
    Case::from_bytes(bytes, &procedure(), Strictness::Strict).expect("a version 1 file loads")
}

#[test]
fn the_procedure_is_version_2() {
    assert_eq!(procedure().version, 2);
}

#[test]
fn every_fixture_written_as_version_1_gives_the_same_outcome() {
    let p = procedure();
    for fixture in FIXTURES {
        // The file version 1 wrote: same keys, `procedure_version: 1`.
        let mut v1 = build(fixture, Lang::En).for_export(&p);
        v1.procedure_version = Some(1);
        let loaded = load(v1.to_ron().as_bytes());
        assert_eq!(
            loaded.notices,
            [LoadNotice::ProcedureVersionChanged { from: 1, to: 2 }],
            "{}",
            fixture.name
        );
        assert_eq!(
            loaded.case.evaluate(&p).outcome.as_deref(),
            fixture.outcome,
            "{}",
            fixture.name
        );
        assert_eq!(
            loaded.case.fields, v1.fields,
            "{}: every value kept",
            fixture.name
        );
        // Its summary is the one of the same case answered with version 2.
        for lang in Lang::ALL {
            let mut now = build(fixture, lang).for_export(&p);
            now.language = loaded.case.language;
            assert_eq!(
                render(&p, &loaded.case, lang, t(GENERATED)),
                render(&p, &now, lang, t(GENERATED)),
                "{} {lang:?}",
                fixture.name
            );
        }
    }
}

#[test]
fn the_fuzz_seeds_of_version_1_give_the_outcome_they_are_named_after() {
    let p = procedure();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("fuzz/seeds") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let Some(rest) = name.strip_prefix("fixture-") else {
            continue;
        };
        let outcome = rest.split('.').next().expect("an outcome");
        let expected = (outcome != "unfinished").then_some(outcome);
        let bytes = std::fs::read(&path).expect("readable");
        let text = String::from_utf8_lossy(&bytes);
        let loaded = if name.ends_with(".draft.ron") {
            Case::from_bytes(&bytes, &p, Strictness::Draft).expect("a draft loads")
        } else {
            assert!(text.contains("procedure_version: 1"), "{name}");
            load(&bytes)
        };
        assert_eq!(
            loaded.case.evaluate(&p).outcome.as_deref(),
            expected,
            "{name}"
        );
        seen += 1;
    }
    assert_eq!(
        seen,
        2 * FIXTURES.len(),
        "a draft and an export per fixture"
    );
}

#[test]
fn the_readme_example_and_the_spec_example_still_load() {
    let p = procedure();
    let example =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/example-case.ron"))
            .expect("docs/example-case.ron");
    let case = load(&example).case;
    assert_eq!(
        case.evaluate(&p).outcome.as_deref(),
        Some("swit_case_claimed")
    );
    assert_eq!(case.field("meraki_org_id"), "2930418");

    // The spec's example has no identifiers at all: it loads, and the window would ask
    // for them on the Meraki step, but the outcome is the one version 1 gave.
    let spec = r#"(
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "not_yet" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example" },
)"#;
    let case = load(spec.as_bytes()).case;
    assert_eq!(
        case.evaluate(&p).outcome.as_deref(),
        Some("ask_meraki_support")
    );
    let text = render(&p, &case, Lang::En, t(GENERATED));
    assert!(
        text.contains("- **Meraki organization ID:** (not provided)")
            && text.contains("- **Subscription ID:** (not provided)"),
        "the summary says what is missing: {text}"
    );
}
