//! Valid and invalid values for each kind of field, as the spec gives them.

use cssm_assistant::procedure::Procedure;
use cssm_assistant::procedure::validation::{
    FieldError, is_claim_key, redact_claim_keys, validate,
};

fn check(field: &str, raw: &str) -> Result<String, FieldError> {
    let p = Procedure::builtin().expect("procedure");
    let f = p.field(field).expect("field exists").clone();
    validate(&f, raw)
}

#[test]
fn smart_account_name() {
    assert_eq!(
        check("smart_account_name", "  Acme Corp "),
        Ok("Acme Corp".into())
    );
    assert_eq!(
        check("smart_account_name", "   "),
        Err(FieldError::Required)
    );
    assert_eq!(
        check("smart_account_name", &"a".repeat(100)).map(|v| v.len()),
        Ok(100)
    );
    assert_eq!(
        check("smart_account_name", &"a".repeat(101)),
        Err(FieldError::TooLong { max: 100 })
    );
    assert_eq!(
        check("smart_account_name", "Société Générale"),
        Ok("Société Générale".into())
    );
    assert_eq!(
        check("smart_account_name", "Acme\nCorp"),
        Err(FieldError::ControlCharacter)
    );
    assert_eq!(
        check("smart_account_name", "Acme\u{202E}proC"),
        Err(FieldError::ControlCharacter)
    );
}

#[test]
fn domain_identifier() {
    let ok = [
        ("example.com", "example.com"),
        ("  Example.COM ", "example.com"),
        ("sub.example.co.uk", "sub.example.co.uk"),
        ("xn--caf-dma.fr", "xn--caf-dma.fr"),
        ("a-b.c1", "a-b.c1"),
        ("10.example", "10.example"),
        // A fully qualified name's final dot is accepted and dropped.
        ("acme.com.", "acme.com"),
        (" Acme.COM. ", "acme.com"),
    ];
    for (raw, stored) in ok {
        assert_eq!(
            check("smart_account_domain", raw),
            Ok(stored.into()),
            "{raw}"
        );
    }
    let long_label = format!("{}.com", "a".repeat(64));
    let max_label = format!("{}.com", "a".repeat(63));
    assert!(check("smart_account_domain", &max_label).is_ok());
    let too_long = format!("{}.com", vec!["a".repeat(60); 5].join("."));
    let bad: &[(&str, FieldError)] = &[
        ("", FieldError::Required),
        ("localhost", FieldError::DomainSingleLabel),
        ("example..com", FieldError::DomainEmptyLabel),
        (".example.com", FieldError::DomainEmptyLabel),
        ("example.com..", FieldError::DomainEmptyLabel),
        (".", FieldError::DomainEmptyLabel),
        ("acme.", FieldError::DomainSingleLabel),
        // An IP address is not a domain identifier, nor a name ending in digits.
        ("10.0.0.1", FieldError::DomainIpAddress),
        ("192.168.1.254.", FieldError::DomainIpAddress),
        ("123.45", FieldError::DomainNumericTld),
        ("10.0.0", FieldError::DomainNumericTld),
        ("acme.123", FieldError::DomainNumericTld),
        (
            "-acme.com",
            FieldError::DomainHyphenEdge {
                label: "-acme".into(),
            },
        ),
        (
            "acme-.com",
            FieldError::DomainHyphenEdge {
                label: "acme-".into(),
            },
        ),
        ("café.fr", FieldError::DomainBadCharacter { character: 'é' }),
        (
            "acme corp.com",
            FieldError::DomainBadCharacter { character: ' ' },
        ),
        (
            "acme_corp.com",
            FieldError::DomainBadCharacter { character: '_' },
        ),
        (
            "https://acme.com",
            FieldError::DomainBadCharacter { character: ':' },
        ),
    ];
    for (raw, err) in bad {
        assert_eq!(
            check("smart_account_domain", raw),
            Err(err.clone()),
            "{raw}"
        );
    }
    assert_eq!(
        check("smart_account_domain", &long_label),
        Err(FieldError::DomainLabelTooLong {
            label: "a".repeat(64)
        })
    );
    assert_eq!(
        check("smart_account_domain", &too_long),
        Err(FieldError::TooLong { max: 253 })
    );
}

#[test]
fn meraki_org_id() {
    assert_eq!(check("meraki_org_id", " 2930418 "), Ok("2930418".into()));
    assert_eq!(
        check("meraki_org_id", ""),
        Err(FieldError::Required),
        "required on the Meraki step since version 2"
    );
    assert_eq!(
        check("meraki_org_id", "29304a8"),
        Err(FieldError::NotDigits)
    );
    assert_eq!(check("meraki_org_id", "-1"), Err(FieldError::NotDigits));
    assert_eq!(
        check("meraki_org_id", &"1".repeat(21)),
        Err(FieldError::TooLong { max: 20 })
    );
}

#[test]
fn subscription_id() {
    assert_eq!(check("subscription_id", "SR123456"), Ok("SR123456".into()));
    assert_eq!(
        check("subscription_id", "Sub-2024-ABC"),
        Ok("Sub-2024-ABC".into())
    );
    assert_eq!(
        check("subscription_id", "Sub 2024"),
        Err(FieldError::NotIdentifier)
    );
    assert_eq!(
        check("subscription_id", &"a".repeat(65)),
        Err(FieldError::TooLong { max: 64 })
    );
    assert_eq!(
        check("subscription_id", "S2345-6789A-BCDEF-GHJKM"),
        Err(FieldError::LooksLikeClaimKey)
    );
}

#[test]
fn order_number() {
    assert_eq!(check("order_number", "12345678"), Ok("12345678".into()));
    assert_eq!(check("order_number", "WO12345678"), Ok("WO12345678".into()));
    assert_eq!(
        check("order_number", "1234-5678"),
        Err(FieldError::NotAlphanumeric)
    );
    assert_eq!(
        check("order_number", &"1".repeat(21)),
        Err(FieldError::TooLong { max: 20 })
    );
    // A claim key typed without its dashes is 20 letters and digits: refused as such.
    assert_eq!(
        check("order_number", "S23456789ABCDEFGHJKM"),
        Err(FieldError::LooksLikeUndashedClaimKey)
    );
    assert_eq!(
        check("previous_case_number", "s23456789abcdefghjkm"),
        Err(FieldError::LooksLikeUndashedClaimKey)
    );
    // Twenty digits are still an order number, as are shorter mixes.
    assert_eq!(check("order_number", &"1".repeat(20)), Ok("1".repeat(20)));
    assert_eq!(
        check("order_number", "WO1234567890123"),
        Ok("WO1234567890123".into())
    );
}

#[test]
fn the_new_messages_say_exactly_what_is_wrong() {
    use cssm_assistant::i18n::{I18n, Lang};
    let en = I18n::new(Lang::En);
    let fr = I18n::new(Lang::Fr);
    let ip = check("smart_account_domain", "10.0.0.1").expect_err("refused");
    assert!(
        en.tr(ip.key()).contains("IP address"),
        "{}",
        en.tr(ip.key())
    );
    assert!(
        fr.tr(ip.key()).contains("adresse IP"),
        "{}",
        fr.tr(ip.key())
    );
    let key = check("order_number", "S23456789ABCDEFGHJKM").expect_err("refused");
    assert!(
        en.tr(key.key())
            .contains("claim key typed without its hyphens")
    );
    assert!(
        fr.tr(key.key())
            .contains("clé d'ajout (claim key) saisie sans ses tirets")
    );
}

#[test]
fn the_optional_fields_of_version_2() {
    assert_eq!(check("virtual_account", " DEFAULT "), Ok("DEFAULT".into()));
    assert_eq!(check("virtual_account", ""), Ok(String::new()));
    assert_eq!(
        check("previous_case_number", "01234567"),
        Ok("01234567".into())
    );
    assert_eq!(
        check("previous_case_number", "Case 01234567"),
        Err(FieldError::NotAlphanumeric)
    );
}

#[test]
fn contact_email() {
    assert_eq!(
        check("contact_email", " Jean.Dupont@Partner.FR "),
        Ok("Jean.Dupont@partner.fr".into())
    );
    assert_eq!(
        check("contact_email", "jean@"),
        Err(FieldError::EmailDomain(Box::new(
            FieldError::DomainEmptyLabel
        )))
    );
    assert_eq!(
        check("contact_email", "jean@partner"),
        Err(FieldError::EmailDomain(Box::new(
            FieldError::DomainSingleLabel
        )))
    );
    assert_eq!(check("contact_email", "jean"), Err(FieldError::EmailAt));
    assert_eq!(check("contact_email", "a@b@c.fr"), Err(FieldError::EmailAt));
    assert_eq!(
        check("contact_email", "@partner.fr"),
        Err(FieldError::EmailLocalPart)
    );
    assert_eq!(
        check("contact_email", "jean dupont@partner.fr"),
        Err(FieldError::EmailLocalPart)
    );
}

#[test]
fn notes() {
    assert_eq!(
        check("notes", "line one\nline two\n\tindented"),
        Ok("line one\nline two\n\tindented".into())
    );
    assert_eq!(check("notes", &"x".repeat(4000)).map(|v| v.len()), Ok(4000));
    assert_eq!(
        check("notes", &"x".repeat(4001)),
        Err(FieldError::TooLong { max: 4000 })
    );
    assert_eq!(
        check("notes", "bell\u{7}"),
        Err(FieldError::ControlCharacter)
    );
}

#[test]
fn claim_keys_are_recognised_and_redacted() {
    assert!(is_claim_key("S2345-6789A-BCDEF-GHJKM"));
    assert!(is_claim_key("S2345-6789A-BCDEF-GHJKM-12345"));
    assert!(!is_claim_key("Sub-2024-ABC"));
    assert!(!is_claim_key("SR123456"));
    assert_eq!(
        redact_claim_keys("key S2345-6789A-BCDEF-GHJKM, org 42", "[removed]"),
        "key [removed], org 42"
    );
}

#[test]
fn every_error_has_a_text_in_both_languages() {
    use cssm_assistant::i18n::{Catalogs, Lang};
    let errors = [
        FieldError::Required,
        FieldError::TooLong { max: 1 },
        FieldError::ControlCharacter,
        FieldError::NotDigits,
        FieldError::NotAlphanumeric,
        FieldError::NotIdentifier,
        FieldError::LooksLikeClaimKey,
        FieldError::LooksLikeUndashedClaimKey,
        FieldError::DomainIpAddress,
        FieldError::DomainNumericTld,
        FieldError::DomainSingleLabel,
        FieldError::DomainEmptyLabel,
        FieldError::DomainLabelTooLong {
            label: String::new(),
        },
        FieldError::DomainHyphenEdge {
            label: String::new(),
        },
        FieldError::DomainBadCharacter { character: 'x' },
        FieldError::EmailAt,
        FieldError::EmailLocalPart,
        FieldError::EmailDomain(Box::new(FieldError::EmailAt)),
    ];
    for e in errors {
        for lang in Lang::ALL {
            assert!(
                Catalogs::embedded().get(lang).contains(e.key()),
                "{} in {lang:?}",
                e.key()
            );
        }
    }
}

/// Words review 2026-12-05, M10 and L11: the domain message says what to remove, and
/// numbers are written as each language writes them.
#[test]
fn messages_name_the_extra_dot_and_write_numbers_per_language() {
    use cssm_assistant::i18n::{I18n, Lang};
    let (en, fr) = (I18n::new(Lang::En), I18n::new(Lang::Fr));
    let dots = check("smart_account_domain", "acme..example").expect_err("refused");
    assert_eq!(
        dots.message(&fr),
        "Le domaine contient deux points consécutifs, ou commence ou finit par un point\u{a0}: supprimez le point en trop."
    );
    assert!(dots.message(&en).contains("remove the extra dot"));
    let long = check("notes", &"x".repeat(4001)).expect_err("refused");
    assert_eq!(long.message(&fr), "4\u{202f}000 caractères au maximum.");
    assert_eq!(long.message(&en), "At most 4,000 characters.");
    assert_eq!(fr.number(1_048_576), "1\u{202f}048\u{202f}576");
    assert_eq!(en.number(999), "999");
}
