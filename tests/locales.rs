//! Both languages have every key, with the same placeholders.

use std::collections::BTreeSet;

use cssm_assistant::i18n::{Catalog, EN_SOURCE, FR_SOURCE, I18n, Lang, fill, placeholders};

fn catalogs() -> (Catalog, Catalog) {
    (
        Catalog::from_ron(EN_SOURCE).expect("locales/en.ron parses"),
        Catalog::from_ron(FR_SOURCE).expect("locales/fr.ron parses"),
    )
}

#[test]
fn both_languages_have_the_same_keys() {
    let (en, fr) = catalogs();
    let en_keys: BTreeSet<&str> = en.keys().collect();
    let fr_keys: BTreeSet<&str> = fr.keys().collect();
    let only_en: Vec<_> = en_keys.difference(&fr_keys).collect();
    let only_fr: Vec<_> = fr_keys.difference(&en_keys).collect();
    assert!(only_en.is_empty(), "missing from fr.ron: {only_en:?}");
    assert!(only_fr.is_empty(), "missing from en.ron: {only_fr:?}");
}

#[test]
fn both_languages_use_the_same_placeholders() {
    let (en, fr) = catalogs();
    for key in en.keys() {
        let (Some(e), Some(f)) = (en.get(key), fr.get(key)) else {
            continue;
        };
        assert_eq!(placeholders(e), placeholders(f), "placeholders of `{key}`");
    }
}

#[test]
fn no_text_is_empty_and_french_is_not_a_copy_of_english() {
    let (en, fr) = catalogs();
    let mut same = Vec::new();
    for key in en.keys() {
        let (e, f) = (en.get(key).unwrap_or(""), fr.get(key).unwrap_or(""));
        assert!(
            !e.trim().is_empty() && !f.trim().is_empty(),
            "`{key}` is empty"
        );
        if e == f && e.split_whitespace().count() > 2 {
            same.push(key);
        }
    }
    assert!(same.is_empty(), "untranslated: {same:?}");
}

#[test]
fn the_team_is_written_swit_in_both_languages() {
    let (en, fr) = catalogs();
    for c in [&en, &fr] {
        for key in c.keys() {
            let text = c.get(key).unwrap_or("");
            // The French may name the machine translation's spelling once, in quotes.
            let stripped = text.replace("« SWIFT »", "");
            assert!(!stripped.contains("SWIFT"), "`{key}` says SWIFT: {text}");
        }
    }
}

#[test]
fn lookup_fills_variables_and_falls_back() {
    let fr = I18n::new(Lang::Fr);
    assert_eq!(fr.tr("option.yes"), "Oui");
    assert_eq!(I18n::new(Lang::En).tr("option.yes"), "Yes");
    assert_eq!(fr.tr("no.such.key"), "no.such.key");
    assert_eq!(
        fr.trv("validation.too_long", &[("max", "20")]),
        "20 caractères au maximum."
    );
    assert_eq!(
        fill("{a} and {b} and {c}", &[("a", "1"), ("b", "2")]),
        "1 and 2 and {c}"
    );
    assert_eq!(fill("unclosed {a", &[("a", "1")]), "unclosed {a");
}

#[test]
fn the_language_comes_from_the_locale_variables() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    assert_eq!(
        Lang::from_locale_vars(env(&[("LANG", "fr_FR.UTF-8")])),
        Lang::Fr
    );
    assert_eq!(
        Lang::from_locale_vars(env(&[("LANG", "fr_CA.UTF-8"), ("LC_ALL", "en_US.UTF-8")])),
        Lang::En
    );
    assert_eq!(
        Lang::from_locale_vars(env(&[("LANG", "en_GB"), ("LC_MESSAGES", "fr_BE")])),
        Lang::Fr
    );
    assert_eq!(
        Lang::from_locale_vars(env(&[("LC_ALL", ""), ("LANG", "fr")])),
        Lang::Fr
    );
    assert_eq!(Lang::from_locale_vars(env(&[("LANG", "C")])), Lang::En);
    assert_eq!(Lang::from_locale_vars(env(&[])), Lang::En);
}
