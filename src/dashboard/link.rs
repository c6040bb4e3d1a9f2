//! The RFC 8288 (formerly 5988) `Link` header the Dashboard paginates with.

/// The target of the `rel=next` link in a `Link` header value (several header lines
/// joined by commas), `Ok(None)` when it has none, `Err` when the value is not a list
/// of `<target>; param=value` links (a missing `>`, text outside the brackets…): then
/// whether a next page exists is unknown.
pub fn next(header: &str) -> Result<Option<String>, ()> {
    let mut rest = header;
    let mut found = None;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_ascii_whitespace());
        if rest.is_empty() {
            return Ok(found);
        }
        let after = rest.strip_prefix('<').ok_or(())?;
        let end = after.find('>').ok_or(())?;
        let target = &after[..end];
        if target.contains('<') {
            return Err(());
        }
        let params_and_more = &after[end + 1..];
        // The parameters run up to the next link (a comma outside quotes).
        let mut in_quotes = false;
        let mut cut = params_and_more.len();
        for (i, c) in params_and_more.char_indices() {
            match c {
                '"' => in_quotes = !in_quotes,
                ',' if !in_quotes => {
                    cut = i;
                    break;
                }
                _ => {}
            }
        }
        if in_quotes {
            return Err(());
        }
        let params = &params_and_more[..cut];
        let mut parts = params.split(';');
        // Nothing but blanks between the target and its first parameter.
        if !parts.next().unwrap_or_default().trim().is_empty() {
            return Err(());
        }
        let mut next = false;
        for param in parts {
            let name = param.split('=').next().unwrap_or_default().trim();
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"*-_.".contains(&b))
            {
                return Err(());
            }
            next |= is_rel_next(param);
        }
        if next && found.is_none() {
            found = Some(target.trim().to_owned());
        }
        rest = &params_and_more[cut..];
    }
}

fn is_rel_next(param: &str) -> bool {
    let Some((name, value)) = param.split_once('=') else {
        return false;
    };
    name.trim().eq_ignore_ascii_case("rel")
        && value
            .trim()
            .trim_matches('"')
            .split_ascii_whitespace()
            .any(|rel| rel.eq_ignore_ascii_case("next"))
}

#[cfg(test)]
mod tests {
    use super::next;

    #[test]
    fn finds_next_among_other_links() {
        let h = "<https://api.meraki.com/api/v1/x?perPage=3>; rel=first, \
                 <https://api.meraki.com/api/v1/x?startingAfter=a%2Cb&perPage=3>; rel=next, \
                 <https://api.meraki.com/api/v1/x?endingBefore=z>; rel=last";
        assert_eq!(
            next(h).expect("valid").as_deref(),
            Some("https://api.meraki.com/api/v1/x?startingAfter=a%2Cb&perPage=3")
        );
    }

    #[test]
    fn quoted_and_multiple_rels() {
        assert_eq!(
            next(r#"</p2>; rel="prefetch next""#)
                .expect("valid")
                .as_deref(),
            Some("/p2")
        );
        assert_eq!(
            next(r#"</p2>; title="a, b"; rel="next""#)
                .expect("valid")
                .as_deref(),
            Some("/p2")
        );
    }

    #[test]
    fn no_next_on_the_last_page() {
        assert_eq!(next("</p1>; rel=first, </p3>; rel=prev"), Ok(None));
        assert_eq!(next(""), Ok(None));
        assert_eq!(next("</nextish>; rel=nextpage"), Ok(None));
    }

    #[test]
    fn a_malformed_value_is_an_error_not_a_last_page() {
        assert_eq!(next("garbage <"), Err(()));
        assert_eq!(next("</p2?startingAfter=x; rel=next"), Err(()));
        assert_eq!(next("</p1>; rel=first, /p2; rel=next"), Err(()));
        assert_eq!(next("</p2> x; rel=next"), Err(()));
        assert_eq!(next(r#"</p2>; rel="next"#), Err(()));
    }
}
