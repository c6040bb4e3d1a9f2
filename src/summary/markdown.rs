//! Text from outside (what the user typed, what the Meraki Dashboard answered) made safe
//! for one line of Markdown, as GitHub, GitLab, CommonMark and the usual viewers read it.
//!
//! Escaped, the text shows as typed but cannot change the document: no emphasis, code,
//! link, image, HTML, entity, table cell, strike-through, math, footnote or list, no
//! bare URL, `www.` address or e-mail address made a link, no @mention nor `#123`
//! reference, no heading, quote or list marker at the start. Line and paragraph
//! separators become ` ↵ `, and characters that are invisible or reorder the text
//! (bidirectional controls, zero-width characters) become `�`.
//!
//! The summary's Markdown uses it (inline values, fenced blocks, the request for SWIT);
//! the PDF and the terminal output of `check` use [`is_hiding`] to show the same
//! hidden characters.

/// `text` escaped for one line of Markdown (see the module's documentation).
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_inline_into(&mut out, text);
    out
}

/// Appends `text` escaped as [`escape_inline`] does.
pub fn escape_inline_into(out: &mut String, text: &str) {
    // Leading blanks would make an indented code block at the start of a list item.
    let text = text.trim_start_matches([' ', '\t']);
    if is_plain(text) {
        out.push_str(text);
    } else {
        escape_each(out, text);
    }
}

/// Whether `text` (leading blanks removed) has nothing to escape: ASCII letters,
/// digits and spaces, and dots that end neither a leading number (`1.`) nor `www`. Most
/// values are such (names, IDs, domains): a long summary copies them as they are.
fn is_plain(text: &str) -> bool {
    // Only digits so far.
    let mut number = true;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'0'..=b'9' => {}
            b'a'..=b'z' | b'A'..=b'Z' | b' ' => number = false,
            b'.' if !number && !ends_with_www(&text[..i]) => {}
            _ => return false,
        }
    }
    true
}

/// Appends `text` (leading blanks removed) escaped character by character.
fn escape_each(out: &mut String, text: &str) {
    let mut prev: Option<char> = None;
    // At the start, before any letter: a heading, quote or list marker would start a
    // block.
    let mut at_start = true;
    for (i, c) in text.char_indices() {
        let rest = || &text[i + c.len_utf8()..];
        let next = || rest().chars().next();
        match c {
            // Most characters: nothing to do.
            'a'..='z' | 'A'..='Z' | '0'..='9' | ' ' => out.push(c),
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' | '$' | '#' | '@' | '^' => {
                out.push('\\');
                out.push(c);
            }
            // An underscore between two letters or digits never makes emphasis
            // (`first_last@example.com`); elsewhere it might.
            '_' if is_word(prev) && is_word(next()) => out.push('_'),
            '_' => out.push_str("\\_"),
            '&' if starts_entity(rest()) => out.push_str("\\&"),
            // `https://…`, `mailto:…`: a scheme is letters just before a colon.
            ':' if prev.is_some_and(|p| p.is_ascii_alphanumeric()) => out.push_str("\\:"),
            // `www.example.com`.
            '.' if ends_with_www(&text[..i]) => out.push_str("\\."),
            // A list marker at the start: `-`, `+`, `1.`, `1)`.
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if at_start && prev.is_some_and(|p| p.is_ascii_digit()) => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push_str(" ↵ "),
            '\r' if next() == Some('\n') => {}
            '\r' => out.push_str(" ↵ "),
            '\t' => out.push(' '),
            c if c.is_control() || is_hiding(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
        if !c.is_ascii_digit() {
            at_start = false;
        }
        prev = Some(c);
    }
}

/// Text for a fenced code block or for pasting (the request for SWIT): shown as typed,
/// but for characters that are invisible or reorder the text (bidirectional controls,
/// zero-width characters) and control characters, which become `�`, and line or
/// paragraph separators, which become line breaks (or spaces, when `one_line`).
pub fn literal(text: &str, one_line: bool) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || is_hiding(c)
            || matches!(c, '\u{2028}' | '\u{2029}')
            || (one_line && c == '\n')
    };
    if !text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    let line_break = if one_line { ' ' } else { '\n' };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push(line_break),
            c if c.is_control() && c != '\t' => out.push('\u{FFFD}'),
            c if is_hiding(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Whether `before` ends with `www` starting a word (GitHub makes `www.x.y` a link).
fn ends_with_www(before: &str) -> bool {
    let Some(cut) = before.len().checked_sub(3) else {
        return false;
    };
    before
        .get(cut..)
        .is_some_and(|w| w.eq_ignore_ascii_case("www"))
        && !before[..cut]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}

/// Whether `rest` (the text after a `&`) makes an HTML entity such as `&lt;` or `&#60;`.
fn starts_entity(rest: &str) -> bool {
    let name_len = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .count();
    name_len > 0 && rest[name_len..].starts_with(';')
}

/// Characters that are invisible but change how text shows or reads (bidirectional
/// marks, embeddings, overrides and isolates, zero-width characters, soft hyphen, word
/// joiner, byte order mark, fillers), which could disguise a value. Variation
/// selectors and tags are left, as emoji need them.
pub fn is_hiding(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    /// What a Markdown reader makes of `- **Label:** {value}` with every extension on:
    /// the list item's inline events after the label, or why it is not one plain item.
    fn rendered_value(escaped: &str) -> Result<String, String> {
        let doc = format!("- **Label:** {escaped}\n");
        // Every extension, but smart punctuation (it only changes how `--` looks).
        let options = Options::all().difference(Options::ENABLE_SMART_PUNCTUATION);
        let events: Vec<Event> = Parser::new_ext(&doc, options).collect();
        let mut text = String::new();
        let mut depth = 0;
        let mut after_label = false;
        for e in &events {
            match e {
                Event::Start(Tag::List(_)) | Event::Start(Tag::Item) => depth += 1,
                Event::End(TagEnd::List(_)) | Event::End(TagEnd::Item) => depth -= 1,
                Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) if !after_label => {
                    if matches!(e, Event::End(_)) {
                        after_label = true;
                    }
                }
                Event::Text(t) if after_label => text.push_str(t),
                Event::Text(t) if t.as_ref() == "Label:" => {}
                other => return Err(format!("{other:?} in {doc:?}")),
            }
            if depth > 2 {
                return Err(format!("nested block in {doc:?}"));
            }
        }
        Ok(text.trim().to_owned())
    }

    /// What the reader should show: the text as typed, line breaks as ` ↵ `, hidden
    /// characters as `�`.
    fn as_shown(text: &str) -> String {
        let mut out = String::new();
        let text = text.trim_start_matches([' ', '\t']);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push_str(" ↵ "),
                '\t' => out.push(' '),
                c if c.is_control() || is_hiding(c) => out.push('\u{FFFD}'),
                c => out.push(c),
            }
        }
        out.trim().to_owned()
    }

    /// Whether `pattern` occurs in `escaped` without a backslash before its first
    /// character that matters (`at`, a byte offset into the pattern).
    fn unescaped(escaped: &str, pattern: &str, at: usize) -> bool {
        let lower = escaped.to_ascii_lowercase();
        lower
            .match_indices(pattern)
            .any(|(i, _)| !lower[..i + at].ends_with('\\'))
    }

    #[test]
    fn hostile_values_show_as_typed_and_make_nothing() {
        for hostile in [
            "www.evil.example/login @alice #123 $x$ \u{61C}A\u{AD}B",
            "https://evil.example/pay",
            "mailto:alice@example.com alice@example.com",
            "<b>bold</b> <!-- c --> <script>x</script>",
            "[link](http://x) ![img](http://y) [^1] [[wiki]]",
            "*em* _em_ **strong** ~~del~~ ~sub~ ^sup^ `code`",
            "$$x^2$$ and $y$",
            "a | b | c",
            "# heading",
            "> quote",
            "- item",
            "+ item",
            "* item",
            "1. item",
            "12) item",
            "---",
            "===",
            "    indented code",
            "a\u{2028}b\u{2029}c",
            "l\u{202E}txt.exe\u{202C} \u{2066}x\u{2069}",
            "AT&T &amp; &#60; &#x3C;",
            "trailing backslash \\",
            "one\r\ntwo\nthree",
            "<http://example.com>",
            "- [ ] task",
            "Term\n: definition",
        ] {
            let escaped = escape_inline(hostile);
            let shown = rendered_value(&escaped).unwrap_or_else(|e| panic!("{hostile:?}: {e}"));
            assert_eq!(
                shown,
                as_shown(hostile),
                "{hostile:?} escaped as {escaped:?}"
            );
        }
    }

    #[test]
    fn literal_text_hides_nothing() {
        assert_eq!(
            literal("a\u{202E}b\u{2028}c\r\nd", false),
            "a\u{FFFD}b\nc\nd"
        );
        assert_eq!(literal("a\u{2028}b\nc", true), "a b c");
        assert!(matches!(
            literal("plain « text »", true),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn bare_addresses_cannot_autolink() {
        // GitHub's autolinks (not read by pulldown-cmark): a scheme's colon, `www.`,
        // an `@` and a `#` are escaped in the source.
        let escaped = escape_inline("see https://x.example, WWW.x.example, a@b.example, #12");
        assert_eq!(
            escaped,
            "see https\\://x.example, WWW\\.x.example, a\\@b.example, \\#12"
        );
        // Ordinary text keeps its look.
        assert_eq!(
            escape_inline("Client pressé : « urgent »."),
            "Client pressé : « urgent »."
        );
        assert_eq!(escape_inline("acme.example"), "acme.example");
        assert_eq!(escape_inline("first_last"), "first_last");
    }

    proptest! {
        #[test]
        fn plain_values_are_copied_as_the_full_escaping_writes_them(
            text in "[a-zA-Z0-9 .w]{0,16}",
        ) {
            let trimmed = text.trim_start_matches([' ', '\t']);
            let mut each = String::new();
            escape_each(&mut each, trimmed);
            prop_assert_eq!(escape_inline(&text), each, "{:?}", text);
        }

        #[test]
        fn any_value_is_one_plain_line(text in "(\\PC|[\\n\\r\\t\u{2028}\u{2029}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{200B}-\u{200F}#>*_`<&$@:|!\\[\\]()\\\\~^-]){0,40}") {
            let escaped = escape_inline(&text);
            prop_assert!(!escaped.contains('\n'));
            let shown = rendered_value(&escaped).map_err(TestCaseError::fail)?;
            prop_assert_eq!(shown, as_shown(&text));
        }

        #[test]
        fn urls_mails_and_mentions_never_link(
            scheme in "(https?|ftp|mailto|HTTP)",
            host in "[a-z]{1,8}\\.[a-z]{2,4}",
            user in "[a-z]{1,8}",
            n in 0u32..100000,
        ) {
            let text = format!("{scheme}://{host}/x www.{host} {user}@{host} @{user} #{n}");
            let escaped = escape_inline(&text);
            prop_assert!(!unescaped(&escaped, "://", 0));
            // GitHub links `www.` where a word starts, not inside one (`awww.aa`).
            let lower = escaped.to_ascii_lowercase();
            let www_link = lower.match_indices("www.").any(|(i, _)| {
                !lower[..i].ends_with(|c: char| c.is_alphanumeric())
                    && !lower[..i + 3].ends_with('\\')
            });
            prop_assert!(!www_link, "{}", escaped);
            let bare_at = escaped.char_indices().any(|(i, c)| (c == '@' || c == '#') && !escaped[..i].ends_with('\\'));
            prop_assert!(!bare_at, "{}", escaped);
            let shown = rendered_value(&escaped).map_err(TestCaseError::fail)?;
            prop_assert_eq!(shown, text);
        }
    }
}
