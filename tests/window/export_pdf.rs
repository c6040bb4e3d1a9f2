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
