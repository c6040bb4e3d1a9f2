//! What every summary must hold whatever the user typed: no claim key, a structure that
//! hostile text cannot change, the same case and summary after export and reopening,
//! a safe default file name, and a render fast enough for every export and copy.

use crate::support::fixtures;

use cssm_assistant::case::{Case, Event, Strictness};
use cssm_assistant::i18n::Lang;
use cssm_assistant::platform::storage::write_atomic;
use cssm_assistant::summary::{default_file_stem, render};
use fixtures::{FIXTURES, GENERATED, build, fixture, procedure, t};
use pulldown_cmark::{Event as Md, Options, Parser, Tag};

const CLAIM_KEY: &str = "S2345-6789A-BCDEF-GHJKM";

/// A case that reaches a SWIT outcome, with every field filled.
fn full_case(lang: Lang) -> Case {
    build(fixture("swit_case_claimed"), lang)
}

#[test]
fn no_claim_key_reaches_a_summary() {
    let p = procedure();
    let mut case = full_case(Lang::En);
    let now = t("2026-11-24T09:30:00Z");
    // In the notes, twice, and cut in the middle by the event log's 200-character limit.
    let first = format!("Key {CLAIM_KEY} was used.\n");
    // The second key starts 12 characters before the cut, which keeps `S2345-6789A-`.
    let filler = "x".repeat(200 - 12 - first.chars().count() - 1);
    let notes = format!("{first}{filler} {CLAIM_KEY} again");
    case.set_field("notes", &notes, now);
    // In a field that accepts free text.
    case.set_field("smart_account_name", &format!("Acme {CLAIM_KEY}"), now);
    // Typed into the subscription ID (refused there, but the event log saw it).
    case.set_field("subscription_id", CLAIM_KEY, now);
    case.set_field("subscription_id", "SR1234567", t("2026-11-24T09:31:00Z"));
    case.set_field(
        "contact_email",
        &format!("{CLAIM_KEY}@partner.example"),
        now,
    );
    // In lower case, in an event of a case file written by hand.
    case.events.push(Event {
        at: now,
        item: "notes".into(),
        from: None,
        to: Some(CLAIM_KEY.to_lowercase()),
    });
    for lang in Lang::ALL {
        let text = render(&p, &case, lang, t(GENERATED));
        for part in CLAIM_KEY.split('-') {
            assert!(
                !text.to_uppercase().contains(part),
                "a piece of the claim key ({part}) in the {lang:?} summary:\n{text}"
            );
        }
        assert!(text.contains("(claim key removed)"), "{text}");
    }
}

#[test]
fn a_claim_key_in_the_log_is_replaced_with_each_language_s_own_words() {
    let p = procedure();
    let mut case = full_case(Lang::Fr);
    case.set_field("subscription_id", CLAIM_KEY, t("2026-11-24T09:30:00Z"));
    // Another edit between the two, so they are not merged into one change.
    case.set_field("order_number", "11223344", t("2026-11-24T09:30:30Z"));
    case.set_field("subscription_id", "SR1234567", t("2026-11-24T09:31:00Z"));
    let text = render(&p, &case, Lang::Fr, t(GENERATED));
    let (french, english) = text
        .split_once("Case summary in English")
        .expect("an English block after the French one");
    let changed = |block: &str, marker: &str| {
        block.lines().any(|l| {
            l.contains("2026-11-24 09:31:00") && l.contains(&format!("{marker} → SR1234567"))
        })
    };
    assert!(changed(french, "(clé d'ajout retirée)"), "{french}");
    assert!(changed(english, "(claim key removed)"), "{english}");
}

/// The summary's structure as a CommonMark + GFM reader sees it: every element
/// opened or closed, every inline code span, HTML or break, but no plain text.
fn structure(markdown: &str) -> Vec<String> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    Parser::new_ext(markdown, options)
        .filter(|e| !matches!(e, Md::Text(_) | Md::SoftBreak))
        .map(|e| match e {
            // Which code span, not its content.
            Md::Code(_) => "Code".to_owned(),
            other => format!("{other:?}"),
        })
        .collect()
}

fn plain_text(markdown: &str) -> String {
    Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter_map(|e| match e {
        Md::Text(t) => Some(t.into_string()),
        _ => None,
    })
    .collect()
}

#[test]
fn hostile_text_cannot_change_the_structure() {
    let p = procedure();
    let hostile_name = "Acme | <script>alert(1)</script> **bold** _em_ [x](javascript:alert(1)) `t` ~~g~~ &lt; \\ #";
    let hostile_email = "<img/src=x/onerror=alert(1)>@partner.example";
    let hostile_notes = "# Heading\n```\n</pre><script>x</script>\n| a | b |\n|---|---|\n---\n\
                         > quote\n- list\n1. item\n    indented code\n````\n[link]: http://e.example\n=====";
    let now = t("2026-11-24T09:30:00Z");
    let with = |name: &str, email: &str, notes: &str, item: &str| {
        let mut case = full_case(Lang::En);
        case.set_field("smart_account_name", name, now);
        case.set_field("contact_email", email, now);
        case.set_field("notes", notes, now);
        case.events.push(Event {
            at: now,
            item: item.into(),
            from: Some(notes.into()),
            to: Some(name.into()),
        });
        case
    };
    let benign = with(
        "Acme Corporation",
        "jane@partner.example",
        "Plain\nnotes",
        "other",
    );
    let hostile = with(
        hostile_name,
        hostile_email,
        hostile_notes,
        "<b>item</b> | # [x](y) ![i](http://e.example/i.png)",
    );
    assert!(
        hostile.for_export(&p).fields.len() == benign.for_export(&p).fields.len(),
        "every hostile value is valid, so it reaches the summary"
    );
    for lang in Lang::ALL {
        let good = render(&p, &benign, lang, t(GENERATED));
        let bad = render(&p, &hostile, lang, t(GENERATED));
        assert_eq!(structure(&bad), structure(&good), "{bad}");
        let s = structure(&bad);
        assert!(
            !s.iter().any(|e| e.contains("Html")),
            "HTML got through: {bad}"
        );
        let links: Vec<&String> = s.iter().filter(|e| e.starts_with("Start(Link")).collect();
        assert!(
            links
                .iter()
                .all(|l| l.contains("https://meraki.cisco.com/meraki-support/open-a-support-case/")),
            "{links:?}"
        );
        // What was typed still reads as typed.
        let text = plain_text(&bad);
        assert!(
            text.contains("<script>alert(1)</script> **bold** _em_"),
            "{text}"
        );
        assert!(text.contains(hostile_email), "{text}");
        assert!(
            bad.contains(hostile_notes),
            "notes are shown verbatim: {bad}"
        );
    }
}

#[test]
fn tags_of_a_summary_are_what_a_reader_expects() {
    // The structure the hostile test compares against is itself right: one title,
    // sections, numbered actions, the SWIT request in a code block.
    let p = procedure();
    let text = render(&p, &full_case(Lang::En), Lang::En, t(GENERATED));
    let headings: Vec<String> = Parser::new(&text)
        .filter_map(|e| match e {
            Md::Start(Tag::Heading { level, .. }) => Some(format!("{level:?}")),
            _ => None,
        })
        .collect();
    // Title; request; why; other details; notes; the partner's actions; links;
    // event log; technical details.
    assert_eq!(
        headings,
        ["H1", "H2", "H2", "H2", "H2", "H2", "H2", "H2", "H2"]
    );
    let tables = Parser::new_ext(&text, Options::ENABLE_TABLES)
        .filter(|e| matches!(e, Md::Start(Tag::Table(_))))
        .count();
    assert_eq!(tables, 1, "the table of answers");
    let code_blocks = Parser::new(&text)
        .filter(|e| matches!(e, Md::Start(Tag::CodeBlock(_))))
        .count();
    assert_eq!(code_blocks, 2, "the SWIT request and the notes");
}

#[test]
fn export_then_reopen_gives_the_same_case_evaluation_and_summary() {
    let p = procedure();
    let dir = tempfile::tempdir().expect("tempdir");
    for fixture in FIXTURES {
        let case = build(fixture, Lang::Fr);
        let exported = case.for_export(&p);
        let stem = default_file_stem(&case, t(GENERATED));
        let path = dir.path().join(format!("{stem}.ron"));
        write_atomic(&path, exported.to_ron().as_bytes()).expect("written");

        let reopened = Case::from_path(&path, &p, Strictness::Strict)
            .expect("reopens")
            .case;
        assert_eq!(reopened, exported, "{}", fixture.name);
        assert_eq!(reopened.evaluate(&p), case.evaluate(&p), "{}", fixture.name);
        for lang in Lang::ALL {
            assert_eq!(
                render(&p, &reopened, lang, t(GENERATED)),
                render(&p, &case, lang, t(GENERATED)),
                "{} in {lang:?}",
                fixture.name
            );
        }
    }
}

#[test]
fn the_default_file_name_is_the_domain_and_the_utc_time() {
    let case = full_case(Lang::En);
    assert_eq!(
        default_file_stem(&case, t("2026-11-24T23:59:59Z")),
        "cssm-case-acme.example-20261124-2359"
    );
    // A time with an offset is written in UTC.
    assert_eq!(
        default_file_stem(&case, t("2026-11-25T01:05:00+02:00")),
        "cssm-case-acme.example-20261124-2305"
    );
}

#[test]
fn the_default_file_name_stands_in_for_a_missing_or_invalid_domain() {
    let p = procedure();
    let now = t("2026-11-24T09:00:00Z");
    let mut case = Case::new(&p, Lang::En, now);
    assert_eq!(
        default_file_stem(&case, now),
        "cssm-case-no-domain-20261124-0900"
    );
    for bad in [
        "acme",
        "../../etc/passwd",
        "a:b.com",
        "con\\aux.com",
        "acme .com",
    ] {
        case.set_field("smart_account_domain", bad, now);
        assert_eq!(
            default_file_stem(&case, now),
            "cssm-case-no-domain-20261124-0900",
            "{bad}"
        );
    }
}

#[test]
fn the_default_file_name_is_safe_and_short_for_a_long_domain() {
    let p = procedure();
    let now = t("2026-11-24T09:00:00Z");
    let mut case = Case::new(&p, Lang::En, now);
    let long = format!("{}.example", vec!["a".repeat(63); 3].join("."));
    case.set_field("smart_account_domain", &long.to_uppercase(), now);
    let stem = default_file_stem(&case, now);
    assert!(stem.len() <= 100, "{stem}");
    assert!(stem.starts_with("cssm-case-aaaa"), "{stem}");
    assert!(
        stem.ends_with("a-20261124-0900"),
        "no dot or dash left dangling: {stem}"
    );
    assert!(
        stem.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'),
        "{stem}"
    );
}

#[test]
fn an_invalid_value_is_left_out_and_said_so() {
    let p = procedure();
    let mut case = full_case(Lang::En);
    case.set_field("meraki_org_id", "29304x", t("2026-11-24T09:30:00Z"));
    let text = render(&p, &case, Lang::En, t(GENERATED));
    assert!(
        text.contains("- **Meraki organization ID:** (left out: the value typed is not valid)"),
        "{text}"
    );
    assert!(
        text.contains("SR1234567 is claimed and bound and assigned to Smart Account"),
        "the SWIT request leaves its clause out: {text}"
    );
    assert!(
        text.contains(
            "Meraki Support: the Meraki organization ID is missing. Add it to this request \
             before you send it to SWIT."
        ),
        "and tells Meraki Support above it to add it before sending: {text}"
    );
}

#[test]
fn escalating_after_an_outcome_names_that_outcome() {
    let p = procedure();
    let mut case = full_case(Lang::En);
    case.set_escalated(true, t("2026-11-24T09:30:00Z"));
    let text = render(&p, &case, Lang::En, t(GENERATED));
    assert!(text.contains("`escalate_meraki_case`"), "{text}");
    assert!(
        text.contains(
            "These answers led to the outcome \"Meraki Support must open a case with SWIT: \
             the subscription is claimed/bound\", then the partner chose"
        ),
        "{text}"
    );
}

/// Rendering must stay well under a millisecond (it runs on every export and copy).
/// Meaningful in release: `cargo test --release --test core summary:: -- --ignored`.
#[test]
#[ignore = "a timing, run in release"]
fn render_takes_under_a_millisecond() {
    let p = procedure();
    let case = full_case(Lang::Fr);
    let runs = 1000;
    let start = std::time::Instant::now();
    let mut total = 0;
    for _ in 0..runs {
        total += render(&p, &case, Lang::Fr, t(GENERATED)).len();
    }
    let each = start.elapsed() / runs;
    eprintln!("summary::render (French, with the English part): {each:?} per render");
    assert!(total > 0);
    assert!(each < std::time::Duration::from_millis(1), "{each:?}");

    // The worst case, for information: a log as long as a case keeps.
    let mut long = case.clone();
    let now = t("2026-11-24T09:30:00Z");
    while long.events.len() < cssm_assistant::case::MAX_EVENTS {
        long.events.push(Event {
            at: now,
            item: "notes".into(),
            from: Some("a note of some length, typed and changed again".into()),
            to: Some("another note of some length, typed and changed".into()),
        });
    }
    let start = std::time::Instant::now();
    let text = render(&p, &long, Lang::Fr, t(GENERATED));
    eprintln!(
        "with {} events: {:?} ({} bytes)",
        long.events.len(),
        start.elapsed(),
        text.len()
    );
}

#[test]
fn the_request_the_window_shows_is_the_one_in_the_summary() {
    let p = procedure();
    for name in ["swit_case_claimed", "swit_case_not_controlled"] {
        let case = build(fixture(name), Lang::Fr);
        let key = p
            .outcome(name)
            .and_then(|o| o.swit_request.clone())
            .expect("a SWIT outcome has a request");
        let request = cssm_assistant::summary::swit_request(&p, &case, &key);
        assert!(request.starts_with("Meraki Support "), "{request}");
        let text = render(&p, &case, Lang::Fr, t(GENERATED));
        assert!(
            text.contains(&format!("```text\n{request}\n```\n")),
            "{name}: {request}\n{text}"
        );
    }
    // It carries no claim key either.
    let mut case = full_case(Lang::En);
    case.set_field(
        "smart_account_name",
        &format!("Acme {CLAIM_KEY}"),
        t("2026-11-24T09:30:00Z"),
    );
    let request = cssm_assistant::summary::swit_request(&p, &case, "swit_request.claimed");
    assert!(
        request.contains("\"Acme (claim key removed)\""),
        "{request}"
    );
}

/// A case file of version 1 that reaches a SWIT outcome without any identifier (the
/// spec's example, with Meraki Support's answer).
fn swit_case_without_ids(claimed: &str) -> Case {
    let text = format!(
        r#"(
    procedure: "cssm-subscription-visibility",
    procedure_version: 1,
    answers: {{ "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "{claimed}" }},
    fields: {{ "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example" }},
)"#
    );
    Case::from_bytes(text.as_bytes(), &procedure(), Strictness::Strict)
        .expect("a version 1 file without identifiers loads")
        .case
}

#[test]
fn the_request_to_swit_without_ids_leaves_their_clauses_out() {
    let p = procedure();
    let expected = [
        (
            "yes",
            "swit_request.claimed",
            "Meraki Support has confirmed that the Cisco Networking Subscription is claimed \
             and bound and assigned to Smart Account \"Acme Corp\" (acme.example). Its \
             consumption does not appear in that Smart Account in CSSM. Please check why.",
        ),
        (
            "no",
            "swit_request.not_controlled",
            "Meraki Support advises that Meraki does NOT control the Cisco Networking \
             Subscription: it is not claimed/bound. It is expected in Smart Account \
             \"Acme Corp\" (acme.example). Its consumption does not appear in that Smart \
             Account in CSSM. Please check and advise.",
        ),
    ];
    for (claimed, key, request) in expected {
        let case = swit_case_without_ids(claimed);
        assert_eq!(
            cssm_assistant::summary::swit_request(&p, &case, key),
            request
        );
        for lang in Lang::ALL {
            let text = render(&p, &case, lang, t(GENERATED));
            for placeholder in ["{", "[[", "]]"] {
                assert!(
                    !text.contains(placeholder),
                    "{placeholder} in the {lang:?} summary:\n{text}"
                );
            }
            for placeholder in ["(not provided)", "(non renseigné)", "  ", " .", " ,"] {
                assert!(!request.contains(placeholder), "{request}");
            }
            // The missing IDs are for Meraki Support to add before sending (words M2);
            // the optional order number is still for the Meraki case.
            let missing = "Meraki Support: the subscription ID and the Meraki organization ID \
                           are missing. Add them to this request before you send it to SWIT; \
                           SWIT cannot act without the subscription ID.\n\nNot provided yet: \
                           sales or web order number. Add it to the Meraki case if you can";
            let block = format!("```text\n{request}\n```");
            let (before_last, _) = text.rsplit_once(&block).expect("the request");
            let english = before_last
                .rsplit_once("\n---\n")
                .map_or(before_last, |(_, e)| e);
            assert!(english.contains(missing), "{text}");
            let (before, _) = text.split_once(&block).expect("the request");
            if lang == Lang::Fr {
                assert!(
                    before.contains(
                        "Assistance Meraki\u{a0}: l'ID d'abonnement et l'ID d'organisation Meraki \
                         manquent. Ajoutez-les à cette demande avant de l'envoyer à SWIT\u{a0}; \
                         sans l'ID d'abonnement, SWIT ne peut pas agir.\n\nInformation \
                         manquante\u{a0}: numéro de commande (sales/web order)."
                    ),
                    "{text}"
                );
            }
        }
    }
    // With every identifier, the request is the spec's sentence word for word, with the
    // Virtual Account and the earlier case when given (words L29).
    let case = full_case(Lang::En);
    assert_eq!(
        cssm_assistant::summary::swit_request(&p, &case, "swit_request.claimed"),
        "Meraki Support has confirmed that Cisco Networking Subscription SR1234567 is claimed \
         and bound in Meraki organization 2930418 and assigned to Smart Account \"Acme Corp\" \
         (acme.example) (Virtual Account \"Default\"), order 87654321. Its consumption does not \
         appear in that Smart Account in CSSM. Please check why. Earlier case: 01234567."
    );
}

#[test]
fn every_outcome_that_sends_to_meraki_support_lists_missing_ids_and_block_meraki_support() {
    let p = procedure();
    let mut case = swit_case_without_ids("not_yet");
    for (outcome, escalated) in [
        ("ask_meraki_support", false),
        ("escalate_meraki_case", true),
    ] {
        case.escalated = escalated;
        assert_eq!(case.evaluate(&p).outcome.as_deref(), Some(outcome));
        let text = render(&p, &case, Lang::En, t(GENERATED));
        assert!(
            text.contains("Not provided yet: Meraki organization ID, subscription ID. Meraki Support needs them"),
            "{outcome}: {text}"
        );
    }
    let meraki = p.outcomes.iter().filter(|o| {
        matches!(
            o.actor,
            cssm_assistant::procedure::Actor::MerakiSupport
                | cssm_assistant::procedure::Actor::MerakiSupportThenSwit
        )
    });
    let mut count = 0;
    for o in meraki {
        count += 1;
        assert!(
            o.actions.iter().any(|a| {
                let en = cssm_assistant::i18n::I18n::new(Lang::En).tr(a).to_owned();
                en.contains("\"Block Meraki Support\"") && en.contains("Organization > Settings")
            }),
            "{}",
            o.id
        );
        assert_eq!(o.needs, ["meraki_org_id", "subscription_id"], "{}", o.id);
    }
    assert_eq!(count, 4);
}

#[test]
fn the_reference_code_appears_once_in_the_technical_details() {
    let p = procedure();
    for fixture in FIXTURES {
        let Some(id) = fixture.outcome else { continue };
        for (lang, times) in [(Lang::En, 1), (Lang::Fr, 1)] {
            let text = render(&p, &build(fixture, lang), lang, t(GENERATED));
            assert_eq!(
                text.matches(&format!("`{id}`")).count(),
                times,
                "{id} {lang:?}"
            );
        }
    }
}

#[test]
fn a_french_summary_says_on_its_first_line_that_english_follows() {
    let p = procedure();
    let text = render(&p, &full_case(Lang::Fr), Lang::Fr, t(GENERATED));
    let first = text.lines().next().expect("a first line");
    assert!(first.starts_with("# Récapitulatif de la fiche"), "{first}");
    assert!(first.contains("English version below"), "{first}");
    let en = render(&p, &full_case(Lang::En), Lang::En, t(GENERATED));
    assert!(
        !en.lines()
            .next()
            .unwrap_or("")
            .contains("English version below")
    );
}

#[test]
fn the_event_log_is_there_only_when_an_answer_changed() {
    let p = procedure();
    for fixture in FIXTURES {
        let case = build(fixture, Lang::En);
        // Taking the escape hatch (from "no" to "yes") is no change of mind.
        let changed = case.events.iter().any(|e| {
            e.from.is_some() && !(e.item == "escalated" && e.from.as_deref() == Some("no"))
        });
        let text = render(&p, &case, Lang::En, t(GENERATED));
        assert_eq!(
            text.contains("## Event log (UTC)"),
            changed,
            "{}",
            fixture.name
        );
    }
    // Changed: Pending then Active, "not yet" then "yes".
    assert!(
        render(&p, &full_case(Lang::En), Lang::En, t(GENERATED))
            .contains("What is the status of the Smart Account? — Pending → Active")
    );
}

/// Words review 2026-12-05, M6: one missing item is told in the singular, its name in
/// lower case inside the sentence.
#[test]
fn one_missing_item_is_told_in_the_singular() {
    let p = procedure();
    let mut case = swit_case_without_ids("not_yet");
    case.set_field("meraki_org_id", "2930418", t(GENERATED));
    assert_eq!(
        case.evaluate(&p).outcome.as_deref(),
        Some("ask_meraki_support")
    );
    let en = render(&p, &case, Lang::En, t(GENERATED));
    assert!(
        en.contains("Not provided yet: subscription ID. Meraki Support needs it: add it to the Meraki case, so that nobody has to ask for it."),
        "{en}"
    );
    let fr = render(&p, &case, Lang::Fr, t(GENERATED));
    assert!(
        fr.contains("Information manquante\u{a0}: ID d'abonnement. L'assistance Meraki en a besoin\u{a0}: ajoutez-la au dossier Meraki, pour que personne n'ait à vous la demander."),
        "{fr}"
    );
}

/// Reliability review 2026-12-05, M4: a claim key split over two fields reaches
/// neither the summary nor the request for SWIT.
#[test]
fn a_claim_key_split_over_two_fields_is_not_in_the_summary() {
    let p = procedure();
    let mut case = full_case(Lang::En);
    case.set_field("smart_account_name", "Acme S2345-6789A", t(GENERATED));
    case.set_field("notes", "BCDEF-GHJKM is the rest of it", t(GENERATED));
    for lang in [Lang::En, Lang::Fr] {
        let text = render(&p, &case, lang, t(GENERATED));
        for group in ["6789A", "BCDEF", "GHJKM"] {
            assert!(!text.contains(group), "{group} in {lang:?}:\n{text}");
        }
    }
    let request = cssm_assistant::summary::swit_request(&p, &case, "swit_request.claimed");
    assert!(!request.contains("6789A"), "{request}");
    // Nor in the case file written.
    let ron = case.to_ron();
    for group in ["6789A", "BCDEF", "GHJKM"] {
        assert!(!ron.contains(group), "{group}:\n{ron}");
    }
}

/// The PDF renders the same document model as the Markdown: a claim key split over
/// two fields is removed there too, with the French marker in the French part and the
/// English one in the English part and in the request for SWIT (always in English).
#[test]
fn a_claim_key_split_over_two_fields_is_not_in_the_document_the_pdf_renders() {
    use cssm_assistant::summary::document::{Block, build};
    let p = procedure();
    let mut case = full_case(Lang::En);
    case.set_field("smart_account_name", "Acme S2345-6789A", t(GENERATED));
    case.set_field("notes", "BCDEF-GHJKM is the rest of it", t(GENERATED));
    let doc = build(&p, &case, Lang::Fr, t(GENERATED));
    for (lang, block) in doc.blocks() {
        let shown = format!("{block:?}");
        for group in ["6789A", "BCDEF", "GHJKM"] {
            assert!(!shown.contains(group), "{group} in {lang:?}: {shown}");
        }
    }
    let (fr, en) = (&doc.parts[0], &doc.parts[1]);
    assert_eq!((fr.lang, en.lang), (Lang::Fr, Lang::En));
    let shown = |blocks: &[Block], request: bool| -> String {
        blocks
            .iter()
            .filter(|b| matches!(b, Block::Request(_)) == request)
            .map(|b| format!("{b:?}"))
            .collect()
    };
    let fr_text = shown(&fr.blocks, false);
    assert!(fr_text.contains("(clé d'ajout retirée)"), "{fr_text}");
    assert!(!fr_text.contains("(claim key removed)"), "{fr_text}");
    let en_text = shown(&en.blocks, false);
    assert!(en_text.contains("(claim key removed)"), "{en_text}");
    assert!(!en_text.contains("retirée"), "{en_text}");
    for part in [fr, en] {
        let request = shown(&part.blocks, true);
        assert!(request.contains("Acme (claim key removed)"), "{request}");
    }
}

/// Reliability review 2026-12-05, previous finding 13: field values cannot link,
/// mention, reference or hide text in the summary.
#[test]
fn hostile_field_values_are_inert_in_the_summary() {
    use pulldown_cmark::{Event as Md, Options, Parser, Tag};
    let p = procedure();
    let mut case = full_case(Lang::En);
    case.set_field(
        "smart_account_name",
        "www.evil.example/login @alice #123 $x$ \u{61C}A\u{AD}B\u{2028}C",
        t(GENERATED),
    );
    case.set_field(
        "virtual_account",
        "https://evil.example/pay <b>x</b>",
        t(GENERATED),
    );
    for lang in [Lang::En, Lang::Fr] {
        let text = render(&p, &case, lang, t(GENERATED));
        // Outside the fenced blocks (literal text, never linked), nothing as typed.
        let outside: String = text.split("```").step_by(2).collect();
        for raw in ["www.evil", "https://evil", " @alice", " #123", "$x$", "<b>"] {
            assert!(!outside.contains(raw), "{raw:?} in {lang:?}:\n{text}");
        }
        // Nowhere a character that hides or reorders text.
        for raw in ["\u{61C}", "\u{AD}", "\u{2028}"] {
            assert!(!text.contains(raw), "{raw:?} in {lang:?}:\n{text}");
        }
        let options = Options::all().difference(Options::ENABLE_SMART_PUNCTUATION);
        for event in Parser::new_ext(&text, options) {
            match event {
                Md::Start(Tag::Link { dest_url, .. }) => assert!(
                    !dest_url.contains("evil"),
                    "a link to {dest_url} in {lang:?}"
                ),
                Md::Html(h) | Md::InlineHtml(h) => panic!("HTML {h:?} in {lang:?}"),
                Md::InlineMath(m) | Md::DisplayMath(m) => panic!("math {m:?} in {lang:?}"),
                _ => {}
            }
        }
    }
}
