//! Secrets in free text: Meraki subscription claim keys and co-term licence keys, found
//! however they were typed, so they can be kept out of every file the program writes.
//!
//! Text is read as the user's eyes read it: each character is normalised (NFKC, so
//! fullwidth or styled digits are digits), and any dash (`-`, en dash, U+2011…),
//! whitespace, underscore, dot or slash separates groups. A claim key is four or five
//! groups of five letters or digits (`S2345-6789A-BCDEF-GHJKM`), with separators or
//! none; a co-term licence key is `Z`, a digit and ten more letters or digits in groups
//! of four (`Z2AB-CDEF-GHJK`). Device serial numbers (`Q2XX-XXXX-XXXX`) are not
//! secrets and are left alone.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// How a character counts when looking for a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A letter or digit (after normalisation), upper-cased.
    Alnum(char),
    /// A dash, an underscore, a dot or a slash.
    Mark,
    /// Whitespace.
    Space,
    /// Anything else: ends a key.
    Other,
}

fn classify(c: char) -> Class {
    if c.is_ascii_alphanumeric() {
        return Class::Alnum(c.to_ascii_uppercase());
    }
    if c.is_whitespace() {
        return Class::Space;
    }
    if is_mark(c) {
        return Class::Mark;
    }
    if c.is_ascii() {
        return Class::Other;
    }
    let mut normal = std::iter::once(c).nfkc();
    match (normal.next(), normal.next()) {
        (Some(n), None) if n.is_ascii_alphanumeric() => Class::Alnum(n.to_ascii_uppercase()),
        (Some(n), None) if n.is_whitespace() => Class::Space,
        (Some(n), None) if is_mark(n) => Class::Mark,
        _ => Class::Other,
    }
}

/// Dashes of every kind, underscores, dots and slashes.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '-' | '_' | '.' | '/' | '\\' | '\u{00AD}' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{2E3A}'
                | '\u{2E3B}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{FF0D}'
    )
}

/// One character of the text: where it is and how it counts.
#[derive(Debug, Clone, Copy)]
struct Char {
    start: usize,
    end: usize,
    class: Class,
    /// An ASCII letter or digit as typed.
    ascii_alnum: bool,
}

/// The fewest letters and digits a key has (a licence key typed without separators).
const SHORTEST_KEY: usize = 12;

/// The byte ranges of the secrets in `text`, in order, not overlapping.
pub fn find(text: &str) -> Vec<Range<usize>> {
    // Most texts are too short to hold a key: every letter or digit a key is made of,
    // styled or not, is alphanumeric for Unicode.
    if text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(SHORTEST_KEY)
        .count()
        < SHORTEST_KEY
    {
        return Vec::new();
    }
    let chars: Vec<Char> = text
        .char_indices()
        .map(|(start, c)| Char {
            start,
            end: start + c.len_utf8(),
            class: classify(c),
            ascii_alnum: c.is_ascii_alphanumeric(),
        })
        .collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // Only an ASCII letter or digit glues a key to the word around it: a styled one
        // (a Kelvin sign after it, say) is not read as part of the key's word, so the
        // key is still found.
        let word_start =
            matches!(chars[i].class, Class::Alnum(_)) && (i == 0 || !chars[i - 1].ascii_alnum);
        if word_start && let Some(end) = key_at(&chars, i) {
            found.push(chars[i].start..chars[end - 1].end);
            i = end;
        } else {
            i += 1;
        }
    }
    found
}

/// The end (exclusive, in characters) of a key starting at `i`, if one does.
fn key_at(chars: &[Char], i: usize) -> Option<usize> {
    // Claim keys, longest first, then licence keys.
    [(5, 5), (5, 4), (4, 3)]
        .into_iter()
        .find_map(|(size, groups)| grouped(chars, i, size, groups))
}

/// The end of `groups` groups of `size` letters or digits from `i`, joined by short
/// runs of separators or by none at all, followed by no letter or digit.
fn grouped(chars: &[Char], i: usize, size: usize, groups: usize) -> Option<usize> {
    let alnum = |k: usize| match chars.get(k).map(|c| c.class) {
        Some(Class::Alnum(c)) => Some(c),
        _ => None,
    };
    let mut k = i;
    let mut letters = Vec::with_capacity(size * groups);
    let mut separated = None::<bool>;
    let mut spaces_only = true;
    for g in 0..groups {
        if g > 0 {
            // Up to three separators (" - "), or none if no group had any.
            let sep_start = k;
            while k - sep_start < 3
                && matches!(
                    chars.get(k).map(|c| c.class),
                    Some(Class::Mark | Class::Space)
                )
            {
                if chars[k].class == Class::Mark {
                    spaces_only = false;
                }
                k += 1;
            }
            let has_sep = k > sep_start;
            if *separated.get_or_insert(has_sep) != has_sep {
                return None;
            }
        }
        for _ in 0..size {
            letters.push(alnum(k)?);
            k += 1;
        }
    }
    if chars.get(k).is_some_and(|c| c.ascii_alnum) {
        return None;
    }
    let digits = letters.iter().filter(|c| c.is_ascii_digit()).count();
    let joined = separated == Some(false);
    if size == 4 {
        // A licence key: Z and a digit first.
        return (letters[0] == 'Z' && letters[1].is_ascii_digit()).then_some(k);
    }
    // Without dashes (spaces or nothing between groups), plain words and numbers look
    // alike: ask for a digit, and for a letter too when nothing separates the groups.
    let plausible = if joined || spaces_only {
        digits > 0 && digits < letters.len()
    } else {
        true
    };
    plausible.then_some(k)
}

/// Whether the whole text (trimmed) is one key.
pub fn is_key(text: &str) -> bool {
    let text = text.trim();
    find(text).first() == Some(&(0..text.len()))
}

/// `text` with every key replaced by `replacement`, and the start of a key cut off
/// by a shortened value (`S2345-6789A-BC…`) too.
pub fn redact<'a>(text: &'a str, replacement: &str) -> Cow<'a, str> {
    let spans = find(text);
    let cut = cut_off_key(text, spans.last().map_or(0, |s| s.end));
    if spans.is_empty() && cut.is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start]);
        out.push_str(replacement);
        at = span.end;
    }
    match cut {
        Some(start) => {
            out.push_str(&text[at..start]);
            out.push_str(replacement);
            out.push('…');
        }
        None => out.push_str(&text[at..]),
    }
    Cow::Owned(out)
}

/// Where the start of a key, cut off at the end of a shortened value ending in `…`,
/// begins (at or after `from`): one or more full groups of five, each followed by
/// a separator, then at most five more letters or digits.
fn cut_off_key(text: &str, from: usize) -> Option<usize> {
    let head = text.strip_suffix('…')?;
    let tail = &head[from.min(head.len())..];
    let chars: Vec<(usize, Class)> = tail.char_indices().map(|(i, c)| (i, classify(c))).collect();
    // The last word of separators and letters or digits.
    let start = chars
        .iter()
        .rposition(|(_, c)| *c == Class::Other || *c == Class::Space)
        .map_or(0, |p| p + 1);
    let word = &chars[start..];
    let mut groups = Vec::new();
    let mut current = 0usize;
    for (_, c) in word {
        match c {
            Class::Alnum(_) => current += 1,
            Class::Mark => {
                groups.push(current);
                current = 0;
            }
            _ => return None,
        }
    }
    let plausible =
        !groups.is_empty() && groups.len() < 5 && groups.iter().all(|g| *g == 5) && current <= 5;
    plausible.then(|| from + word.first().map_or(tail.len(), |(i, _)| *i))
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: &str = "(removed)";

    #[test]
    fn claim_keys_are_found_however_they_are_typed() {
        for typed in [
            "S2345-6789A-BCDEF-GHJKM",
            "S2345-6789A-BCDEF-GHJKM-12345",
            "s2345-6789a-bcdef-ghjkm",
            "S2345 6789A BCDEF GHJKM",
            "S2345_6789A_BCDEF_GHJKM",
            "S2345.6789A.BCDEF.GHJKM",
            "S2345/6789A/BCDEF/GHJKM",
            "S23456789ABCDEFGHJKM",
            "S2345\u{2013}6789A\u{2013}BCDEF\u{2013}GHJKM",
            "S2345\u{2011}6789A\u{2011}BCDEF\u{2011}GHJKM",
            "S2345 - 6789A - BCDEF - GHJKM",
            "\u{FF33}\u{FF12}\u{FF13}\u{FF14}\u{FF15}-6789A-BCDEF-GHJKM",
            "Z2AB-CDEF-GHJK",
            "z2ab cdef ghjk",
        ] {
            assert!(is_key(typed), "{typed}");
            assert_eq!(
                redact(&format!("key: {typed}."), R),
                "key: (removed).",
                "{typed}"
            );
        }
        assert_eq!(redact("-S2345-6789A-BCDEF-GHJKM-", R), "-(removed)-");
    }

    #[test]
    fn the_markers_written_in_files_are_shorter_than_any_key() {
        use crate::i18n::{I18n, Lang};
        // The shortest key: a licence key typed without separators.
        assert!(is_key("Z2ABCDEFGHJK"));
        for lang in Lang::ALL {
            let marker = I18n::new(lang).tr("lost.redacted_in_file");
            assert!(marker.chars().count() < 12, "{marker}");
            assert_eq!(redact(marker, "x"), marker);
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for text in [
            "Sub-2024-ABC",
            "SR123456",
            "Q2XX-ABCD-EFGH",
            "hello there world again",
            "12345 67890 12345 67890",
            "acme.example",
            "call 555-1234 before 18:00",
        ] {
            assert_eq!(redact(text, R), text);
        }
    }

    #[test]
    fn a_key_cut_off_at_the_end_of_a_shortened_value_is_removed() {
        assert_eq!(redact("then S2345-6789A-BC…", R), "then (removed)…");
        assert_eq!(redact("then S2345…", R), "then S2345…");
        assert_eq!(redact("order 12345-67…", R), "order (removed)…");
        assert_eq!(redact("plain words…", R), "plain words…");
    }
}
