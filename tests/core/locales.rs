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
            let stripped = text.replace("«\u{a0}SWIFT\u{a0}»", "");
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

/// Every French text follows French typography: a non-breaking space (U+00A0, where
/// egui never breaks a line) before « : ; ? ! » and inside « », and no other space
/// there. The only colons without one are inside a time, a URL or an API path.
#[test]
fn every_french_text_has_non_breaking_spaces_where_french_typography_wants_them() {
    const NBSP: char = '\u{A0}';
    let (_, fr) = catalogs();
    let mut wrong = Vec::new();
    for key in fr.keys() {
        let text = fr.get(key).unwrap_or("");
        let chars: Vec<char> = text.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let ok = match c {
                ':' if before.is_some_and(|b| b.is_ascii_digit())
                    && after.is_some_and(|a| a.is_ascii_digit()) =>
                {
                    true // 10:30
                }
                ':' if after == Some('/') => true, // https://
                ':' | ';' | '?' | '!' => before == Some(NBSP),
                '«' => after == Some(NBSP),
                '»' => before == Some(NBSP),
                _ => true,
            };
            if !ok {
                let start = i.saturating_sub(12);
                let end = (i + 4).min(chars.len());
                wrong.push(format!(
                    "`{key}`: …{}…",
                    chars[start..end].iter().collect::<String>()
                ));
            }
        }
        // A narrow no-break space (U+202F) is not used: egui breaks lines at it.
        if text.contains('\u{202F}') {
            wrong.push(format!("`{key}`: U+202F instead of U+00A0"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// « dossier » is a support case only, as in Cisco's French: the assistant's record is a
/// « fiche », a folder a « répertoire »; a claim key is a « clé d'ajout (claim key) ».
#[test]
fn french_words_mean_one_thing_each() {
    let (_, fr) = catalogs();
    let text = |key: &str| fr.get(key).unwrap_or("").to_owned();
    assert_eq!(text("ui.new_case"), "Nouvelle fiche");
    assert_eq!(text("ui.open_case"), "Ouvrir une fiche…");
    assert!(text("ui.export_both").contains("fichier de fiche"));
    assert!(text("write_error.folder_missing").contains("répertoire"));
    for key in fr.keys() {
        let t = text(key);
        for wrong in [
            "fichier de dossier",
            "Nouveau dossier",
            "Ouvrir un dossier…",
            "dossier ouvert",
            "le dossier «",
            "revendication",
            "ingénieur support",
            "la ligne de commande est",
            "Étape 1",
        ] {
            assert!(!t.contains(wrong), "`{key}` says « {wrong} »: {t}");
        }
    }
    assert!(text("validation.claim_key").contains("clé d'ajout (claim key)"));
    assert_eq!(
        text("field.notes.label"),
        "Notes pour l'ingénieur de l'assistance"
    );
    // Notes are copied into the English part: the French help asks for English.
    assert!(text("field.notes.help").contains("en anglais"));
}

/// No "(s)" plural in any text: counted texts come as `.one` / `.other` pairs.
#[test]
fn counted_texts_have_a_singular_and_a_plural() {
    let (en, fr) = catalogs();
    for c in [&en, &fr] {
        for key in c.keys() {
            let text = c.get(key).unwrap_or("");
            assert!(!text.contains("(s)"), "`{key}`: {text}");
            if let Some(base) = key.strip_suffix(".one") {
                assert!(c.contains(&format!("{base}.other")), "{base}.other");
            }
        }
    }
    let en = I18n::new(Lang::En);
    let fr = I18n::new(Lang::Fr);
    assert_eq!(
        en.trn("banner.no_longer_apply", 1, &[]),
        "1 later answer no longer applies: it is kept but not used."
    );
    assert_eq!(
        en.trn("banner.no_longer_apply", 2, &[]),
        "2 later answers no longer apply: they are kept but not used."
    );
    assert_eq!(
        fr.trn("banner.no_longer_apply", 1, &[]),
        "1 réponse suivante ne s'applique plus\u{a0}: elle est conservée mais non utilisée."
    );
    assert_eq!(
        fr.trn("banner.no_longer_apply", 3, &[]),
        "3 réponses suivantes ne s'appliquent plus\u{a0}: elles sont conservées mais non utilisées."
    );
    // French counts 0 as singular, English as plural.
    assert_eq!(fr.trn("resume.answers", 0, &[]), "0 réponse");
    assert_eq!(en.trn("resume.answers", 0, &[]), "0 answers");
    assert_eq!(en.trn("resume.answers", 1, &[]), "1 answer");
}

/// The claims the article does not make are gone (review of issue 12).
#[test]
fn texts_claim_only_what_the_article_says() {
    let (en, fr) = catalogs();
    for c in [&en, &fr] {
        for key in c.keys() {
            let text = c.get(key).unwrap_or("");
            for claim in [
                "so SWIT must look into it",
                "until SWIT has resolved",
                "not claimed or bound",
                "bottom of every",
                "either Active or Pending",
                "Step 1:",
                "Please open a case with SWIT",
                "(not provided) in",
                "en bas de chaque page",
                "soit Actif, soit En attente",
                "SWIT doit donc s'en occuper",
                "ni ajouté ni associé",
            ] {
                assert!(!text.contains(claim), "`{key}` says \"{claim}\": {text}");
            }
        }
    }
    for key in en.keys() {
        let text = en.get(key).unwrap_or("");
        assert!(!text.contains("licences"), "US English: `{key}`: {text}");
    }
    assert_eq!(en.get("ui.blocked.fix"), Some("Fix: {field}"));
    assert_eq!(
        fr.get("ui.escalate"),
        Some("Je n'arrive pas à résoudre le problème")
    );
}
