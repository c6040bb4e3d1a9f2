//! The Dashboard's base URLs: the regions, and the rules every URL the client calls
//! must follow (HTTPS, or plain HTTP to this machine only; the key only to the base's
//! own host).

use std::net::IpAddr;
use std::str::FromStr;

use ureq::http::Uri;

use crate::evidence::DashboardError;

/// Where a URL points: scheme, host and port. The key is only ever sent to the base
/// URL's origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `https` or `http`.
    pub scheme: String,
    /// The host, lower-case (an IPv6 address without brackets).
    pub host: String,
    /// The port, explicit or the scheme's default.
    pub port: u16,
}

impl Origin {
    /// The origin of an absolute URL, if it is one.
    pub fn of(url: &str) -> Option<Origin> {
        let uri = Uri::from_str(&encode_unsafe(url)).ok()?;
        let scheme = uri.scheme_str()?.to_ascii_lowercase();
        let host = uri
            .host()?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        let port = uri.port_u16().unwrap_or(match scheme.as_str() {
            "http" => 80,
            _ => 443,
        });
        Some(Origin { scheme, host, port })
    }

    /// Whether the host is this machine (`localhost`, 127.0.0.0/8, `::1`).
    pub fn is_loopback(&self) -> bool {
        self.host == "localhost" || IpAddr::from_str(&self.host).is_ok_and(|ip| ip.is_loopback())
    }

    /// Whether a request to this origin may be made: HTTPS anywhere, plain HTTP only to
    /// this machine (the tests' fake Dashboard).
    pub fn check_secure(&self, url: &str) -> Result<(), DashboardError> {
        match self.scheme.as_str() {
            "https" => Ok(()),
            "http" if self.is_loopback() => Ok(()),
            _ => Err(DashboardError::InsecureUrl(crate::evidence::clean(url))),
        }
    }
}

/// A checked base URL, without a trailing slash. A user name or password in it
/// (`https://user:password@host/…`) is refused: it would be sent with every call and
/// written with the evidence; the message shows the URL without it.
pub fn checked_base(url: &str) -> Result<(String, Origin), DashboardError> {
    let trimmed = url.trim().trim_end_matches('/');
    if let Some(without) = without_userinfo(trimmed) {
        return Err(DashboardError::CredentialsInUrl(crate::evidence::clean(
            &without,
        )));
    }
    let origin = Origin::of(trimmed)
        .filter(|o| !o.host.is_empty())
        .ok_or_else(|| DashboardError::BadBaseUrl(crate::evidence::clean(url)))?;
    origin.check_secure(trimmed)?;
    Ok((trimmed.to_owned(), origin))
}

/// The URL with its user name and password replaced by `…`, if it has any: an `@` in
/// its authority (between `//` and the path, query or fragment).
pub fn without_userinfo(url: &str) -> Option<String> {
    let start = url.find("//")? + 2;
    let len = url[start..]
        .find(['/', '?', '#', '\\'])
        .unwrap_or(url.len() - start);
    let at = url[start..start + len].rfind('@')?;
    Some(format!("{}…{}", &url[..start], &url[start + at..]))
}

/// Resolves a `Location` or `Link` target against the URL it came from: absolute URLs
/// as they are, `/path` on the same origin. Anything else is refused (`None`).
pub fn resolve(from: &Origin, target: &str) -> Option<String> {
    let target = target.trim();
    if target.starts_with("https://") || target.starts_with("http://") {
        Some(target.to_owned())
    } else if target.starts_with('/') && !target.starts_with("//") {
        let host = if from.host.contains(':') {
            format!("[{}]", from.host)
        } else {
            from.host.clone()
        };
        Some(format!(
            "{}://{}:{}{}",
            from.scheme, host, from.port, target
        ))
    } else {
        None
    }
}

/// Percent-encodes the characters that a URI may not hold as they are (`[]` of
/// `organizationIds[]`, spaces, quotes…), leaving everything else, `%` included, as it is.
pub fn encode_unsafe(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let mut authority = true;
    let mut slashes = 0;
    for c in url.chars() {
        // The brackets of an IPv6 host are kept; after the authority they are encoded.
        if authority {
            if c == '/' {
                slashes += 1;
                if slashes == 3 {
                    authority = false;
                }
            }
            if c == '?' || c == '#' {
                authority = false;
            }
        }
        match c {
            '[' | ']' if authority => out.push(c),
            ' ' | '"' | '<' | '>' | '[' | ']' | '{' | '}' | '|' | '\\' | '^' | '`' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c if c.is_ascii_control() => out.push_str(&format!("%{:02X}", c as u32)),
            c if !c.is_ascii() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a value for a query string.
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_loopback() {
        assert!(checked_base("http://127.0.0.1:8080/api/v1").is_ok());
        assert!(checked_base("http://localhost:8080/api/v1/").is_ok());
        assert!(checked_base("http://[::1]:8080/api/v1").is_ok());
        assert!(checked_base("https://api.meraki.com/api/v1").is_ok());
        assert!(matches!(
            checked_base("http://api.meraki.com/api/v1"),
            Err(DashboardError::InsecureUrl(_))
        ));
        assert!(matches!(
            checked_base("http://10.0.0.1/api/v1"),
            Err(DashboardError::InsecureUrl(_))
        ));
        assert!(matches!(
            checked_base("ftp://x.example/"),
            Err(DashboardError::InsecureUrl(_))
        ));
        assert!(matches!(
            checked_base("not a url"),
            Err(DashboardError::BadBaseUrl(_))
        ));
    }

    #[test]
    fn credentials_in_the_base_are_refused_and_not_shown() {
        for url in [
            "http://relayuser:S3cretRelayPw@127.0.0.1:8080/api/v1",
            "https://S3cretRelayPw@api.meraki.com/api/v1",
            "https://u:S3cretRelayPw@x@api.meraki.com/api/v1",
        ] {
            let err = checked_base(url).expect_err("refused");
            let DashboardError::CredentialsInUrl(shown) = &err else {
                panic!("{err:?}");
            };
            assert!(!shown.contains("S3cret"), "{shown}");
            assert!(shown.contains("…@"), "{shown}");
            assert!(err.is_input_error());
        }
        assert!(without_userinfo("https://api.meraki.com/api/v1?a=b@c").is_none());
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        let a = Origin::of("https://API.meraki.com/api/v1").expect("origin");
        let b = Origin::of("https://api.meraki.com:443/x").expect("origin");
        assert_eq!(a, b);
        assert_ne!(a, Origin::of("https://n1.meraki.com/x").expect("origin"));
        assert_ne!(a, Origin::of("http://api.meraki.com/x").expect("origin"));
    }

    #[test]
    fn relative_targets_stay_on_the_origin() {
        let o = Origin::of("http://127.0.0.1:9000/api/v1").expect("origin");
        assert_eq!(
            resolve(&o, "/api/v1/x?a=1").as_deref(),
            Some("http://127.0.0.1:9000/api/v1/x?a=1")
        );
        assert_eq!(resolve(&o, "//evil.example/x"), None);
        assert_eq!(resolve(&o, "x"), None);
    }

    #[test]
    fn brackets_in_the_query_are_encoded() {
        assert_eq!(
            encode_unsafe("https://h/a?organizationIds[]=1"),
            "https://h/a?organizationIds%5B%5D=1"
        );
        assert_eq!(
            encode_unsafe("http://[::1]:80/a[]"),
            "http://[::1]:80/a%5B%5D"
        );
    }
}
