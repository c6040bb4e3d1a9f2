//! Field validation as the procedure spec gives it: trimming, lower-casing where the
//! spec says so, and errors that are locale keys with their variables.

use crate::procedure::{Field, FieldKind};

/// Why a field value is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    /// A required field is empty.
    Required,
    /// Longer than the field allows.
    TooLong {
        /// The maximum, in characters.
        max: usize,
    },
    /// A control character (a line break in a one-line field, say).
    ControlCharacter,
    /// Something else than the digits 0–9.
    NotDigits,
    /// Something else than letters and digits.
    NotAlphanumeric,
    /// Something else than letters, digits and `-`.
    NotIdentifier,
    /// Shaped like a subscription claim key, which is secret and never needed here.
    LooksLikeClaimKey,
    /// Shaped like a claim key typed without its dashes (20 letters and digits, some of
    /// each).
    LooksLikeUndashedClaimKey,
    /// An IP address where a domain is expected.
    DomainIpAddress,
    /// A domain whose last label is only digits (no top-level domain is).
    DomainNumericTld,
    /// A domain with a single label (no dot).
    DomainSingleLabel,
    /// A domain with an empty label (two dots in a row, or a dot at an end).
    DomainEmptyLabel,
    /// A domain label over 63 characters.
    DomainLabelTooLong {
        /// The label.
        label: String,
    },
    /// A domain label starting or ending with `-`.
    DomainHyphenEdge {
        /// The label.
        label: String,
    },
    /// A character a domain cannot hold.
    DomainBadCharacter {
        /// The character.
        character: char,
    },
    /// An e-mail without exactly one `@`.
    EmailAt,
    /// An e-mail with nothing before the `@`, or spaces in it.
    EmailLocalPart,
    /// An e-mail whose domain is not valid.
    EmailDomain(Box<FieldError>),
}

impl FieldError {
    /// The locale key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            FieldError::Required => "validation.required",
            FieldError::TooLong { .. } => "validation.too_long",
            FieldError::ControlCharacter => "validation.control_character",
            FieldError::NotDigits => "validation.not_digits",
            FieldError::NotAlphanumeric => "validation.not_alphanumeric",
            FieldError::NotIdentifier => "validation.not_identifier",
            FieldError::LooksLikeClaimKey => "validation.claim_key",
            FieldError::LooksLikeUndashedClaimKey => "validation.claim_key_undashed",
            FieldError::DomainIpAddress => "validation.domain.ip_address",
            FieldError::DomainNumericTld => "validation.domain.numeric_tld",
            FieldError::DomainSingleLabel => "validation.domain.single_label",
            FieldError::DomainEmptyLabel => "validation.domain.empty_label",
            FieldError::DomainLabelTooLong { .. } => "validation.domain.label_too_long",
            FieldError::DomainHyphenEdge { .. } => "validation.domain.hyphen_edge",
            FieldError::DomainBadCharacter { .. } => "validation.domain.bad_character",
            FieldError::EmailAt => "validation.email.at",
            FieldError::EmailLocalPart => "validation.email.local_part",
            FieldError::EmailDomain(_) => "validation.email.domain",
        }
    }

    /// The message in the language of `i18n`, numbers written as it writes them.
    pub fn message(&self, i18n: &crate::i18n::I18n) -> String {
        match self {
            FieldError::TooLong { max } => {
                i18n.trv(self.key(), &[("max", &i18n.number(*max as u64))])
            }
            _ => {
                let vars = self.vars();
                let refs: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
                i18n.trv(self.key(), &refs)
            }
        }
    }

    /// The variables of the message (`max`, `label`, `character`, `reason`).
    pub fn vars(&self) -> Vec<(&'static str, String)> {
        match self {
            FieldError::TooLong { max } => vec![("max", max.to_string())],
            FieldError::DomainLabelTooLong { label } | FieldError::DomainHyphenEdge { label } => {
                vec![("label", label.clone())]
            }
            FieldError::DomainBadCharacter { character } => {
                vec![("character", character.to_string())]
            }
            _ => Vec::new(),
        }
    }

    /// A short English name of the rule broken, for messages that name it
    /// (the command line, logs).
    pub fn rule(&self) -> &'static str {
        self.key().trim_start_matches("validation.")
    }
}

/// The value as it is stored: trimmed, and lower-cased for domains (and the domain part
/// of an e-mail), without the one dot a fully qualified domain name may end with
/// (`acme.com.` is `acme.com`).
pub fn normalize(kind: FieldKind, raw: &str) -> String {
    let trimmed = raw.trim();
    match kind {
        FieldKind::Domain => without_final_dot(&trimmed.to_lowercase()).to_owned(),
        FieldKind::Email => match trimmed.rsplit_once('@') {
            Some((local, domain)) => {
                format!("{local}@{}", without_final_dot(&domain.to_lowercase()))
            }
            None => trimmed.to_owned(),
        },
        _ => trimmed.to_owned(),
    }
}

/// A domain without its final dot, when it has one after a non-dot (`acme.com.`), so
/// that `acme.com..` or `.` are still refused as such.
fn without_final_dot(domain: &str) -> &str {
    match domain.strip_suffix('.') {
        Some(head) if !head.is_empty() && !head.ends_with('.') => head,
        _ => domain,
    }
}

/// Validates a raw value for a field and returns the value to store.
/// An empty optional field is valid and stored as the empty string.
pub fn validate(field: &Field, raw: &str) -> Result<String, FieldError> {
    let value = normalize(field.kind, raw);
    if value.is_empty() {
        return if field.required {
            Err(FieldError::Required)
        } else {
            Ok(value)
        };
    }
    if value.chars().count() > field.max_len {
        return Err(FieldError::TooLong { max: field.max_len });
    }
    let control_allowed = |c: char| field.kind == FieldKind::Multiline && (c == '\n' || c == '\t');
    if value
        .chars()
        .any(|c| (c.is_control() && !control_allowed(c)) || is_invisible_format(c))
    {
        return Err(FieldError::ControlCharacter);
    }
    match field.kind {
        FieldKind::Text | FieldKind::Multiline => {}
        FieldKind::Domain => validate_domain(&value)?,
        FieldKind::Email => validate_email(&value)?,
        FieldKind::Digits => {
            if !value.chars().all(|c| c.is_ascii_digit()) {
                return Err(FieldError::NotDigits);
            }
        }
        FieldKind::Alphanumeric => {
            if !value.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(FieldError::NotAlphanumeric);
            }
            if is_undashed_claim_key(&value) {
                return Err(FieldError::LooksLikeUndashedClaimKey);
            }
        }
        FieldKind::SubscriptionId => {
            if !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return Err(FieldError::NotIdentifier);
            }
            if is_claim_key(&value) {
                return Err(FieldError::LooksLikeClaimKey);
            }
        }
    }
    Ok(value)
}

/// Bidirectional overrides and other invisible format characters that could disguise
/// a value in a summary.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Checks a lower-case DNS name: at least two labels of 1–63 characters from
/// `a-z 0-9 -`, no label starting or ending with `-`, a last label that is not only
/// digits (so no IP address), at most 253 characters.
pub fn validate_domain(domain: &str) -> Result<(), FieldError> {
    if domain.chars().count() > 253 {
        return Err(FieldError::TooLong { max: 253 });
    }
    if domain.parse::<std::net::IpAddr>().is_ok() {
        return Err(FieldError::DomainIpAddress);
    }
    if let Some(c) = domain
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '.'))
    {
        return Err(FieldError::DomainBadCharacter { character: c });
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.iter().any(|l| l.is_empty()) {
        return Err(FieldError::DomainEmptyLabel);
    }
    if labels.len() < 2 {
        return Err(FieldError::DomainSingleLabel);
    }
    for label in labels {
        if label.len() > 63 {
            return Err(FieldError::DomainLabelTooLong {
                label: label.to_owned(),
            });
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(FieldError::DomainHyphenEdge {
                label: label.to_owned(),
            });
        }
    }
    // No top-level domain is all digits (RFC 3696, section 2): `10.0.0` or `123.45`
    // are addresses or typing slips, not a Smart Account's domain.
    if domain
        .rsplit('.')
        .next()
        .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(FieldError::DomainNumericTld);
    }
    Ok(())
}

fn validate_email(email: &str) -> Result<(), FieldError> {
    let mut parts = email.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(FieldError::EmailAt);
    };
    if local.is_empty() || local.chars().count() > 64 || local.chars().any(char::is_whitespace) {
        return Err(FieldError::EmailLocalPart);
    }
    validate_domain(domain).map_err(|e| FieldError::EmailDomain(Box::new(e)))
}

/// Whether the text is shaped like a Meraki subscription claim key (four or five groups
/// of five letters or digits, e.g. `S2345-6789A-BCDEF-GHJKM`) or a co-term licence key
/// (`Z2AB-CDEF-GHJK`), whatever separators, dashes or digits were typed
/// (see [`crate::secrets`]).
pub fn is_claim_key(text: &str) -> bool {
    crate::secrets::is_key(text)
}

/// Whether the text is a claim key typed without its dashes: four groups' worth (20) of
/// letters and digits with at least one of each. Order and case numbers are digits, or
/// a short prefix and digits, so they never look like this.
pub fn is_undashed_claim_key(text: &str) -> bool {
    text.len() == 20
        && text.chars().all(|c| c.is_ascii_alphanumeric())
        && text.chars().any(|c| c.is_ascii_alphabetic())
        && text.chars().any(|c| c.is_ascii_digit())
}

/// Replaces every claim key or licence key in a free text by `replacement`, so a
/// secret typed into notes never reaches a file (see [`crate::secrets`]).
pub fn redact_claim_keys(text: &str, replacement: &str) -> String {
    crate::secrets::redact(text, replacement).into_owned()
}
