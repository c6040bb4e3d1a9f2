//! The window's export offers the tagged PDF summary beside the Markdown: a name ending
//! in `.pdf` writes the PDF, with the case file (.ron) beside it, as for Markdown.

use crate::support::kittest::*;
use cssm_assistant::app::Dialogs;
use cssm_assistant::i18n::Lang;

#[test]
fn export_to_a_pdf_name_writes_the_pdf_and_the_case_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let pdf = tmp.path().join("acme.pdf");
    let lang = Lang::Fr;
    let mut h = harness(lang, Dialogs::scripted([Some(pdf.clone())]));
    fill_required(&mut h, lang);
    click(&mut h, lang, "ui.export");
    // The dialog offered Markdown first, then the PDF.
    let shown = h.state().dialogs().shown().to_vec();
    let spec = shown.last().expect("the export dialog");
    assert_eq!(spec.extensions, ["md"]);
    let (name, extensions) = spec.other_filter.clone().expect("a PDF filter");
    assert!(name.contains("PDF"), "{name}");
    assert_eq!(extensions, ["pdf"]);
    let bytes = std::fs::read(&pdf).expect("the PDF is written");
    assert!(bytes.starts_with(b"%PDF-1.7"));
    assert!(
        tmp.path().join("acme.ron").exists(),
        "the case file beside it"
    );
    assert!(!tmp.path().join("acme.md").exists());
}

#[test]
fn the_next_export_proposes_the_format_chosen_last_even_after_a_restart() {
    let tmp = tempfile::tempdir().expect("tmp");
    let lang = Lang::En;
    let mut h = harness(
        lang,
        Dialogs::scripted([Some(tmp.path().join("acme.pdf")), None]),
    );
    fill_required(&mut h, lang);
    click(&mut h, lang, "ui.export");
    click(&mut h, lang, "ui.export");
    let shown = h.state().dialogs().shown().to_vec();
    let second = shown.last().expect("the second export dialog");
    assert_eq!(second.extensions, ["pdf"], "the PDF filter comes first");
    let name = second.file_name.clone().expect("a proposed name");
    assert!(name.ends_with(".pdf"), "{name}");
    let (_, other) = second.other_filter.clone().expect("Markdown still offered");
    assert_eq!(other, ["md"]);

    // Kept in eframe's state file and taken back by the next start.
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let mut next = cssm_assistant::app::AssistantApp::new(
        cssm_assistant::assistant::Assistant::new(procedure(), lang),
        Dialogs::scripted([None]),
    );
    next.restore(Some(&storage));
    assert_eq!(
        next.dialogs().export_format(),
        cssm_assistant::app::ExportFormat::Pdf
    );
    let mut h = harness_on(next);
    fill_required(&mut h, lang);
    click(&mut h, lang, "ui.export");
    let spec = h.state().dialogs().shown().last().cloned().expect("dialog");
    assert_eq!(spec.extensions, ["pdf"]);

    // Markdown chosen again: Markdown first again.
    let mut h = harness(
        lang,
        Dialogs::scripted([
            Some(tmp.path().join("acme.pdf")),
            Some(tmp.path().join("b.md")),
            None,
        ]),
    );
    fill_required(&mut h, lang);
    for _ in 0..3 {
        click(&mut h, lang, "ui.export");
    }
    let spec = h.state().dialogs().shown().last().cloned().expect("dialog");
    assert_eq!(spec.extensions, ["md"]);
}
