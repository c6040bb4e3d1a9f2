//! The API key echoed back by a Dashboard, a proxy or a relay, in whatever form it
//! comes: as it is, upper- or lower-cased, with some or all of its characters written
//! as JSON escapes (`\u0061`) or percent-encodings (`%61`), or split by invisible
//! characters (zero-width spaces, bidirectional marks, soft hyphens), themselves
//! written as they are or escaped. Every such echo is replaced by `[API key]`.
//!
//! The matcher works on bytes, so that it runs on an answer's body before any of its
//! texts is parsed (an escaped key becomes the key once parsed), and again on every
//! text made from it (error messages quote the parsed strings).

/// What replaces an echoed key. No JSON special character: it can replace an echo
/// inside a JSON string without breaking the JSON.
pub const KEY_REPLACEMENT: &str = "[API key]";

/// `text` with every echo of `secret` replaced by `[API key]` (see the module's
/// documentation for the forms recognised).
pub fn redact_secret(text: &str, secret: &str) -> String {
    match redact_in(text.as_bytes(), secret.as_bytes()) {
        None => text.to_owned(),
        // Matches start and end on character boundaries: the result is UTF-8.
        Some(bytes) => String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    }
}

/// `body` with every echo of `secret` replaced by `[API key]` (see [`redact_secret`]).
pub fn redact_secret_bytes(body: Vec<u8>, secret: &[u8]) -> Vec<u8> {
    redact_in(&body, secret).unwrap_or(body)
}

/// The redacted bytes, or `None` when there was nothing to redact.
fn redact_in(hay: &[u8], secret: &[u8]) -> Option<Vec<u8>> {
    let (&first, rest) = secret.split_first()?;
    // Bytes an echo may start with, and (after a first character as it is) bytes its
    // second unit may start with: most bytes of an answer are ruled out by a lookup.
    let mut starts = [false; 256];
    let mut seconds = [true; 256];
    for b in [
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        b'\\',
        b'%',
    ] {
        starts[usize::from(b)] = true;
    }
    if let Some(&second) = rest.first() {
        seconds = [false; 256];
        for b in [
            second.to_ascii_lowercase(),
            second.to_ascii_uppercase(),
            b'\\',
            b'%',
        ] {
            seconds[usize::from(b)] = true;
        }
        for flag in &mut seconds[0x80..] {
            *flag = true;
        }
    }
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut pos = 0;
    while pos < hay.len() {
        let b = hay[pos];
        let candidate = starts[usize::from(b)]
            && (b == b'\\'
                || b == b'%'
                || hay.get(pos + 1).is_none_or(|&n| seconds[usize::from(n)]));
        if candidate && let Some(end) = match_at(hay, pos, secret) {
            let buf = out.get_or_insert_with(|| Vec::with_capacity(hay.len()));
            buf.extend_from_slice(&hay[copied..pos]);
            buf.extend_from_slice(KEY_REPLACEMENT.as_bytes());
            copied = end;
            pos = end;
        } else {
            pos += 1;
        }
    }
    let mut buf = out?;
    buf.extend_from_slice(&hay[copied..]);
    Some(buf)
}

/// The end of an echo of `secret` starting at `pos`, if there is one.
fn match_at(hay: &[u8], pos: usize, secret: &[u8]) -> Option<usize> {
    let mut p = pos;
    for (i, &want) in secret.iter().enumerate() {
        if i > 0 {
            while let Some(n) = invisible(hay, p) {
                p += n;
            }
        }
        p += unit(hay, p, want)?;
    }
    Some(p)
}

/// The length of one character of the key at `pos`: itself (ASCII case ignored), a
/// JSON escape `\uXXXX`, or a percent-encoding `%XX` of it.
fn unit(hay: &[u8], pos: usize, want: u8) -> Option<usize> {
    let b = *hay.get(pos)?;
    if b.eq_ignore_ascii_case(&want) {
        return Some(1);
    }
    let same =
        |v: u32| u8::try_from(v).is_ok_and(|v| v.is_ascii() && v.eq_ignore_ascii_case(&want));
    match b {
        b'\\' => json_escape(hay, pos)
            .filter(|&(v, _)| same(v))
            .map(|(_, n)| n),
        b'%' => percent(hay, pos).filter(|&v| same(u32::from(v))).map(|_| 3),
        _ => None,
    }
}

/// The length of one invisible character at `pos` (as it is, JSON-escaped or
/// percent-encoded), if there is one.
fn invisible(hay: &[u8], pos: usize) -> Option<usize> {
    match *hay.get(pos)? {
        b'\\' => json_escape(hay, pos)
            .and_then(|(v, n)| char::from_u32(v).filter(|c| is_invisible(*c)).map(|_| n)),
        b'%' => {
            let mut bytes = [0u8; 3];
            for i in 0..bytes.len() {
                bytes[i] = percent(hay, pos + 3 * i)?;
                if let Some(n) = utf8_invisible(&bytes[..=i]) {
                    return Some(3 * n);
                }
            }
            None
        }
        b if b >= 0x80 => utf8_invisible(&hay[pos..hay.len().min(pos + 3)]),
        _ => None,
    }
}

/// The length of the UTF-8 invisible character at the start of `bytes`, if any.
fn utf8_invisible(bytes: &[u8]) -> Option<usize> {
    let len = match bytes.first()? {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => return None,
    };
    let c = std::str::from_utf8(bytes.get(..len)?)
        .ok()?
        .chars()
        .next()?;
    is_invisible(c).then_some(len)
}

/// Characters that show as nothing (zero-width, bidirectional marks, soft hyphen,
/// byte-order mark): one inside an echoed key must not hide it.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// The value and length of a JSON `\uXXXX` escape at `pos`.
fn json_escape(hay: &[u8], pos: usize) -> Option<(u32, usize)> {
    if hay.get(pos + 1) != Some(&b'u') {
        return None;
    }
    let digits = hay.get(pos + 2..pos + 6)?;
    let mut v = 0u32;
    for d in digits {
        v = v * 16 + char::from(*d).to_digit(16)?;
    }
    Some((v, 6))
}

/// The byte of a `%XX` percent-encoding at `pos`.
fn percent(hay: &[u8], pos: usize) -> Option<u8> {
    if hay.get(pos) != Some(&b'%') {
        return None;
    }
    let hi = char::from(*hay.get(pos + 1)?).to_digit(16)?;
    let lo = char::from(*hay.get(pos + 2)?).to_digit(16)?;
    u8::try_from(hi * 16 + lo).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0";

    fn escaped(key: &str) -> String {
        key.chars()
            .map(|c| format!("\\u{:04x}", c as u32))
            .collect()
    }

    #[test]
    fn every_form_of_the_key_is_redacted() {
        let forms = [
            KEY.to_owned(),
            KEY.to_uppercase(),
            escaped(KEY),
            KEY.to_uppercase()
                .chars()
                .map(|c| format!("\\u{:04X}", c as u32))
                .collect(),
            KEY.chars().map(|c| format!("%{:02X}", c as u32)).collect(),
            format!("{}\\u0063{}", &KEY[..4], &KEY[5..]),
            format!("{}%63{}", &KEY[..4], &KEY[5..]),
            format!(
                "{}\u{200B}{}\u{202E}{}",
                &KEY[..10],
                &KEY[10..20],
                &KEY[20..]
            ),
            format!("{}\\u200b{}", &KEY[..10], &KEY[10..]),
            format!("{}%E2%80%8B{}", &KEY[..10], &KEY[10..]),
        ];
        for form in forms {
            let text = format!("before \"{form}\" after");
            assert_eq!(
                redact_secret(&text, KEY),
                "before \"[API key]\" after",
                "{form}"
            );
            assert_eq!(
                redact_secret_bytes(text.clone().into_bytes(), KEY.as_bytes()),
                b"before \"[API key]\" after".to_vec(),
                "{form}"
            );
        }
    }

    #[test]
    fn other_texts_are_left_alone() {
        let text = "a1b2c3 \\u0061 %61 é \u{200B} a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b";
        assert_eq!(redact_secret(text, KEY), text);
        assert_eq!(redact_secret("", KEY), "");
        assert_eq!(redact_secret("x", ""), "x");
    }
}
