//! The PDF summary (feature `pdf`): every fixture's summary, in both languages, passes
//! krilla's own PDF/UA-1 check (an export that would not conform fails), on the page
//! size of its language.

use crate::support::fixtures;

use cssm_assistant::i18n::Lang;
use cssm_assistant::summary::pdf::{page_size, render};
use fixtures::{FIXTURES, GENERATED, build, procedure, t};

#[test]
fn every_summary_is_a_pdf_ua_1_file_in_both_languages() {
    let p = procedure();
    let out = std::env::var_os("PDF_OUT");
    for fixture in FIXTURES {
        for lang in Lang::ALL {
            let pdf = render(&p, &build(fixture, lang), lang, t(GENERATED))
                .unwrap_or_else(|e| panic!("{} {lang:?}: {e}", fixture.name));
            assert!(pdf.starts_with(b"%PDF-1.7"), "{}", fixture.name);
            let text = String::from_utf8_lossy(&pdf);
            assert!(text.contains("pdfuaid:part"), "the PDF/UA identification");
            let (w, h) = page_size(lang);
            let media = format!("/MediaBox[0 0 {} {}]", fmt(w), fmt(h));
            if let Some(dir) = &out {
                let path =
                    std::path::Path::new(dir).join(format!("{}.{}.pdf", fixture.name, lang.code()));
                std::fs::write(path, &pdf).expect("write the PDF");
            }
            assert!(text.contains(&media), "{media}");
        }
    }
}

/// A number as the PDF writes it (at most three decimals, no trailing zeros).
fn fmt(n: f32) -> String {
    let s = format!("{n:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
