//! The summary is reader-first (issue 21, item 1): in each language block, within its
//! first 15 lines, who must act and what is asked, and the IDs; the request to forward
//! starts within the first 30 lines of the file; the technical details come once, at
//! the end; the event log holds only what changed.

use crate::support::fixtures;

use cssm_assistant::i18n::Lang;
use cssm_assistant::summary::document::{Block, build as build_document};
use cssm_assistant::summary::render;
use fixtures::{FIXTURES, GENERATED, build, fixture, procedure, t};

/// The lines of the language block that starts at the line `start` of `text`.
fn block_lines(text: &str, start: usize) -> Vec<&str> {
    text.lines().skip(start).collect()
}

#[test]
fn who_acts_what_is_asked_and_the_ids_come_first_in_each_language() {
    let p = procedure();
    for lang in Lang::ALL {
        let text = render(
            &p,
            &build(fixture("swit_case_claimed"), lang),
            lang,
            t(GENERATED),
        );
        let english_start = text
            .lines()
            .position(|l| l == "## Case summary in English, for Cisco and Meraki support")
            .unwrap_or(0);
        let mut starts = vec![0];
        if lang != Lang::En {
            starts.push(english_start);
            assert!(english_start > 0, "{text}");
        }
        for (n, start) in starts.into_iter().enumerate() {
            let en = lang == Lang::En || n == 1;
            let first: String = block_lines(&text, start)
                .into_iter()
                .take(15)
                .collect::<Vec<_>>()
                .join("\n");
            let who = if en { "Who must act" } else { "Qui doit agir" };
            let ask = if en {
                "Meraki Support must open a case with SWIT"
            } else {
                "L'assistance Meraki doit ouvrir un dossier auprès de SWIT"
            };
            for needed in [
                who,
                ask,
                "2930418",
                "SR1234567",
                "Acme Corp",
                "acme.example",
                "87654321",
            ] {
                assert!(
                    first.contains(needed),
                    "{needed} in the first 15 lines:\n{first}"
                );
            }
        }
        let request = text
            .lines()
            .position(|l| l.starts_with("Meraki Support has confirmed that"))
            .expect("the request");
        assert!(
            request < 30,
            "the request starts on line {}:\n{text}",
            request + 1
        );
    }
}

#[test]
fn the_technical_details_come_once_at_the_end() {
    let p = procedure();
    for fixture in FIXTURES {
        for lang in Lang::ALL {
            let text = render(&p, &build(fixture, lang), lang, t(GENERATED));
            let (generated, heading) = match lang {
                Lang::En => ("**Generated:**", "## Technical details"),
                Lang::Fr => ("**Date de génération\u{a0}:**", "## Détails techniques"),
            };
            assert_eq!(text.matches(generated).count(), 1, "{}", fixture.name);
            assert_eq!(text.matches("cssm-assistant 0.1.0").count(), 1);
            let at = text.find(heading).expect("technical details");
            assert!(!text[at + 1..].contains("\n## "), "{text}");
            assert!(!text[at..].contains("\n### "), "{text}");
        }
    }
}

#[test]
fn the_partners_actions_come_after_the_why_and_are_marked_as_theirs() {
    let p = procedure();
    let text = render(
        &p,
        &build(fixture("swit_case_claimed"), Lang::En),
        Lang::En,
        t(GENERATED),
    );
    let why = text.find("## Why: the answers given").expect("why");
    let actions = text
        .find("## The partner's next actions")
        .expect("the partner's actions");
    let request = text.find("## Request for SWIT").expect("request");
    assert!(request < why && why < actions, "{text}");
}

#[test]
fn the_model_has_one_request_block_and_one_table_of_answers_per_language() {
    let p = procedure();
    let doc = build_document(
        &p,
        &build(fixture("swit_case_claimed"), Lang::Fr),
        Lang::Fr,
        t(GENERATED),
    );
    assert_eq!(doc.parts.len(), 2);
    assert_eq!(doc.parts[0].lang, Lang::Fr);
    assert_eq!(doc.parts[1].lang, Lang::En);
    for part in &doc.parts {
        let requests = part
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Request(_)))
            .count();
        let tables = part
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Answers(_)))
            .count();
        assert_eq!((requests, tables), (1, 1));
    }
    // The request is in English in both parts, and the same.
    let requests: Vec<&Block> = doc
        .blocks()
        .filter(|(_, b)| matches!(b, Block::Request(_)))
        .map(|(_, b)| b)
        .collect();
    assert_eq!(requests[0], requests[1]);
}
