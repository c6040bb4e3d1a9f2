//! The RFC 8288 (formerly 5988) `Link` header the Dashboard paginates with.

/// The target of the `rel=next` link in a `Link` header value, if any.
pub fn next(header: &str) -> Option<String> {
    let mut rest = header;
    loop {
        let start = rest.find('<')?;
        let after = &rest[start + 1..];
        let end = after.find('>')?;
        let target = &after[..end];
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
        let params = &params_and_more[..cut];
        if params.split(';').any(is_rel_next) {
            return Some(target.trim().to_owned());
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
            next(h).as_deref(),
            Some("https://api.meraki.com/api/v1/x?startingAfter=a%2Cb&perPage=3")
        );
    }

    #[test]
    fn quoted_and_multiple_rels() {
        assert_eq!(
            next(r#"</p2>; rel="prefetch next""#).as_deref(),
            Some("/p2")
        );
        assert_eq!(
            next(r#"</p2>; title="a, b"; rel="next""#).as_deref(),
            Some("/p2")
        );
    }

    #[test]
    fn no_next_on_the_last_page() {
        assert_eq!(next("</p1>; rel=first, </p3>; rel=prev"), None);
        assert_eq!(next(""), None);
        assert_eq!(next("garbage <"), None);
        assert_eq!(next("</nextish>; rel=nextpage"), None);
    }
}
