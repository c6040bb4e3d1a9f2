//! A small blocking HTTPS client for the Dashboard's read-only calls: bearer key, a
//! `User-Agent` naming the program, `Link` pagination, time-outs, `Retry-After` on 429,
//! the system's proxy settings and trust store, and a cap on the size of answers.

use std::io::ErrorKind;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ureq::http::{HeaderMap, Uri};
use ureq::tls::{RootCerts, TlsConfig, TlsProvider};
use ureq::{Agent, Proxy};

use super::link;
use super::url::{Origin, checked_base, encode_unsafe, resolve, without_userinfo};
use crate::evidence::{
    ApiKey, CheckProgress, DashboardError, Region, Reply, clean, redact_secret, redact_secret_bytes,
};

/// Which proxy to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyChoice {
    /// `ALL_PROXY` / `HTTPS_PROXY` / `HTTP_PROXY` (either case), with `NO_PROXY`; on
    /// Windows, when none is set, the system proxy of Internet Options.
    FromEnv,
    /// No proxy.
    Direct,
    /// This proxy URL (e.g. `http://proxy.corp:3128`).
    Url(String),
}

/// How the client behaves; the defaults suit the real Dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The API base URL (see [`Region::base_url`]).
    pub base_url: String,
    /// Longest wait for a connection (proxy and TLS included).
    pub connect_timeout: Duration,
    /// Longest time for one whole call, answer included.
    pub call_timeout: Duration,
    /// Longest time for the whole check (every call, page and wait): each call is cut
    /// at what is left of it.
    pub check_timeout: Duration,
    /// Largest answer read, in bytes.
    pub max_body_bytes: u64,
    /// How many times a 429 is retried.
    pub max_retries: u32,
    /// Longest `Retry-After` waited for; a longer one ends the check.
    pub max_retry_wait: Duration,
    /// Most pages followed.
    pub max_pages: u32,
    /// The proxy.
    pub proxy: ProxyChoice,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            base_url: Region::Com.base_url().to_owned(),
            connect_timeout: Duration::from_secs(10),
            call_timeout: Duration::from_secs(30),
            check_timeout: Duration::from_secs(180),
            max_body_bytes: 8 * 1024 * 1024,
            max_retries: 5,
            max_retry_wait: Duration::from_secs(60),
            max_pages: 200,
            proxy: ProxyChoice::FromEnv,
        }
    }
}

/// A successful answer.
#[derive(Debug)]
pub struct Answer {
    /// Its body (at most [`Settings::max_body_bytes`]).
    pub body: Vec<u8>,
    /// The `rel=next` target of its `Link` header, resolved.
    pub next: Option<String>,
    /// Whether it had a `Link` header at all.
    pub has_link: bool,
    /// Its `Link` header (cleaned for display) when it could not be read (not RFC
    /// 8288, or a `rel=next` target that is not a URL): the pages after it, if any, are
    /// unknown.
    pub malformed_link: Option<String>,
    /// Its `X-Request-Id`.
    pub request_id: Option<String>,
}

impl Answer {
    /// The body as JSON of type `T` (which may borrow from it), or why it is not.
    pub fn parse<'a, T: serde::Deserialize<'a>>(&'a self, what: &str) -> Result<T, DashboardError> {
        serde_json::from_slice(&self.body).map_err(|e| DashboardError::Malformed {
            request_id: self.request_id.clone(),
            reason: format!("{what}: {e}"),
        })
    }

    /// A part of the body (`text`) as JSON of type `T`, or why it is not.
    pub fn parse_text<'a, T: serde::Deserialize<'a>>(
        &self,
        text: &'a str,
        what: &str,
    ) -> Result<T, DashboardError> {
        serde_json::from_str(text).map_err(|e| DashboardError::Malformed {
            request_id: self.request_id.clone(),
            reason: format!("{what}: {e}"),
        })
    }
}

/// The Dashboard client.
#[derive(Debug)]
pub struct Client {
    agent: Agent,
    base: String,
    origin: Origin,
    key: ApiKey,
    settings: Settings,
    proxy: Option<Proxy>,
}

/// How many same-host redirects are followed for one call.
const MAX_REDIRECTS: u32 = 5;

/// The largest error body read (for its `errors` message).
const MAX_ERROR_BODY: u64 = 64 * 1024;

impl Client {
    /// A client for `settings.base_url` with `key`. Refuses a base URL that is not
    /// HTTPS (plain HTTP is allowed to this machine only), one with a user name or
    /// password, and a bad proxy URL. Plain HTTP to this machine always goes direct:
    /// through a proxy, the key would travel in clear to it.
    pub fn new(settings: Settings, key: ApiKey) -> Result<Client, DashboardError> {
        let (base, origin) = checked_base(&settings.base_url)?;
        let proxy = match &settings.proxy {
            _ if origin.scheme != "https" => None,
            ProxyChoice::FromEnv => Proxy::try_from_env(),
            ProxyChoice::Direct => None,
            ProxyChoice::Url(url) => Some(Proxy::new(url).map_err(|e| DashboardError::Proxy {
                proxy: clean(url),
                reason: e.to_string(),
            })?),
        };
        let tls = TlsConfig::builder()
            .provider(TlsProvider::Rustls)
            .root_certs(RootCerts::PlatformVerifier)
            .unversioned_rustls_crypto_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .build();
        let agent = Agent::config_builder()
            .tls_config(tls)
            .proxy(proxy.clone())
            .http_status_as_error(false)
            // Redirects are followed here, so that the key goes to the base's host only.
            .max_redirects(0)
            .max_redirects_will_error(false)
            .user_agent(concat!(
                env!("CARGO_PKG_NAME"),
                "/",
                env!("CARGO_PKG_VERSION")
            ))
            .accept("application/json")
            .accept_encoding("identity")
            .timeout_connect(Some(settings.connect_timeout))
            .timeout_global(Some(settings.call_timeout))
            .build()
            .new_agent();
        Ok(Client {
            agent,
            base,
            origin,
            key,
            settings,
            proxy,
        })
    }

    /// The base URL called.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// GETs `path_and_query` (below the base URL), following same-host redirects and
    /// waiting on 429 as the Dashboard asks, all before `deadline`.
    pub fn get(
        &self,
        path_and_query: &str,
        deadline: Instant,
        progress: &mut dyn FnMut(CheckProgress),
        cancel: &AtomicBool,
    ) -> Result<Answer, DashboardError> {
        let url = format!("{}{}", self.base, path_and_query);
        self.get_url(&url, deadline, progress, cancel)
    }

    /// GETs an absolute URL on the base's origin (a `Link` target), before
    /// `deadline` (the end of the check's overall time limit). No text of a failure
    /// holds the key, even when the server echoes it.
    pub fn get_url(
        &self,
        url: &str,
        deadline: Instant,
        progress: &mut dyn FnMut(CheckProgress),
        cancel: &AtomicBool,
    ) -> Result<Answer, DashboardError> {
        self.get_url_unredacted(url, deadline, progress, cancel)
            .map_err(|e| e.map_texts(|t| self.redact(t)))
    }

    /// `text` without the key in it, in any form it was echoed (see
    /// [`redact_secret`]).
    pub fn redact(&self, text: &str) -> String {
        redact_secret(text, self.key.expose())
    }

    /// The check's overall time limit, in whole seconds (for its messages).
    fn check_seconds(&self) -> u64 {
        self.settings.check_timeout.as_secs_f64().ceil() as u64
    }

    /// A text from the network or the system, without the key, then cleaned and
    /// clipped: redacted first, so that a key straddling the clip leaves nothing.
    fn clean(&self, text: &str) -> String {
        clean(&self.redact(text))
    }

    /// A header's value, without the key, cleaned (see [`Client::clean`]).
    fn header(&self, headers: &HeaderMap, name: &str) -> Option<String> {
        header(headers, name).map(|v| self.clean(&v))
    }

    fn get_url_unredacted(
        &self,
        url: &str,
        deadline: Instant,
        progress: &mut dyn FnMut(CheckProgress),
        cancel: &AtomicBool,
    ) -> Result<Answer, DashboardError> {
        let mut url = url.to_owned();
        let mut redirects = 0;
        let mut retries = 0;
        loop {
            if cancel.load(Ordering::Relaxed) {
                return Err(DashboardError::Cancelled);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(DashboardError::CheckTimeLimit {
                    seconds: self.check_seconds(),
                });
            }
            // Each call is cut at its own limit, or at what is left of the check's.
            let cut_by_check = left
                < self
                    .settings
                    .call_timeout
                    .max(self.settings.connect_timeout);
            let classify = |e: ureq::Error, url: &str| match self.classify(e, url) {
                DashboardError::Timeout { .. } if cut_by_check => DashboardError::CheckTimeLimit {
                    seconds: self.check_seconds(),
                },
                other => other,
            };
            self.check_target(&url)?;
            let encoded = encode_unsafe(&url);
            let mut response = self
                .agent
                .get(&encoded)
                .header("Authorization", &format!("Bearer {}", self.key.expose()))
                .config()
                .timeout_global(Some(self.settings.call_timeout.min(left)))
                .timeout_connect(Some(self.settings.connect_timeout.min(left)))
                .build()
                .call()
                .map_err(|e| classify(e, &encoded))?;
            let status = response.status().as_u16();
            let request_id = self.header(response.headers(), "x-request-id");
            match status {
                200..=299 => {
                    // A `Link` that cannot be read is kept as text: the unreadable
                    // header, or the `rel=next` target that is not a URL.
                    let raw_link = || raw_header(response.headers(), "link").unwrap_or_default();
                    let (next, malformed_link) = match links(response.headers()) {
                        Err(()) => (None, Some(self.clean(&raw_link()))),
                        Ok(None) => (None, None),
                        Ok(Some(target)) => match resolve(&self.origin, &target) {
                            Some(next) => (Some(next), None),
                            None => (None, Some(self.clean(&target))),
                        },
                    };
                    let has_link = response.headers().contains_key("link");
                    let bytes = response
                        .body_mut()
                        .with_config()
                        .limit(self.settings.max_body_bytes)
                        .read_to_vec()
                        .map_err(|e| classify(e, &encoded))?;
                    return Ok(Answer {
                        body: redact_secret_bytes(bytes, self.key.expose().as_bytes()),
                        next,
                        has_link,
                        malformed_link,
                        request_id,
                    });
                }
                301 | 302 | 303 | 307 | 308 => {
                    redirects += 1;
                    if redirects > MAX_REDIRECTS {
                        return Err(DashboardError::Looping);
                    }
                    let location = raw_header(response.headers(), "location").unwrap_or_default();
                    let target = resolve(&self.origin, &location).ok_or_else(|| {
                        DashboardError::Malformed {
                            request_id: request_id.clone(),
                            reason: format!("Location: {}", self.clean(&location)),
                        }
                    })?;
                    url = target;
                }
                429 => {
                    let asked = self
                        .header(response.headers(), "retry-after")
                        .and_then(|v| retry_after(&v));
                    let retry_after = asked.as_ref().map(|(seconds, _)| *seconds);
                    let reply = self.reply(&mut response, status, request_id);
                    retries += 1;
                    // Without Retry-After, back off exponentially (1, 2, 4… s), as the SDK.
                    let wait = retry_after.unwrap_or(1u64 << (retries - 1).min(6));
                    if retries > self.settings.max_retries {
                        return Err(DashboardError::RateLimited { reply, retry_after });
                    }
                    let left = deadline.saturating_duration_since(Instant::now());
                    if Duration::from_secs(wait) >= left {
                        return Err(match asked {
                            Some((_, asked)) => DashboardError::RetryPastLimit {
                                asked,
                                left: left.as_secs(),
                                seconds: self.check_seconds(),
                            },
                            None => DashboardError::CheckTimeLimit {
                                seconds: self.check_seconds(),
                            },
                        });
                    }
                    if Duration::from_secs(wait) > self.settings.max_retry_wait {
                        return Err(DashboardError::RateLimited { reply, retry_after });
                    }
                    progress(CheckProgress::Waiting {
                        seconds: wait,
                        attempt: retries,
                    });
                    sleep_unless_cancelled(Duration::from_secs(wait), cancel)?;
                }
                401 => {
                    return Err(DashboardError::Unauthorized(self.reply(
                        &mut response,
                        status,
                        request_id,
                    )));
                }
                403 => {
                    return Err(DashboardError::Forbidden(self.reply(
                        &mut response,
                        status,
                        request_id,
                    )));
                }
                404 => {
                    return Err(DashboardError::NotFound(self.reply(
                        &mut response,
                        status,
                        request_id,
                    )));
                }
                500..=599 => {
                    return Err(DashboardError::Server(self.reply(
                        &mut response,
                        status,
                        request_id,
                    )));
                }
                _ => {
                    return Err(DashboardError::Status(self.reply(
                        &mut response,
                        status,
                        request_id,
                    )));
                }
            }
        }
    }

    /// Refuses a URL that is not on the base's origin (the key would go elsewhere) or
    /// not secure.
    fn check_target(&self, url: &str) -> Result<(), DashboardError> {
        let origin = Origin::of(url).ok_or_else(|| DashboardError::Malformed {
            request_id: None,
            reason: self.clean(url),
        })?;
        if origin != self.origin {
            return Err(DashboardError::RedirectElsewhere(self.clean(&origin.host)));
        }
        // A user name or password in a `Link` or `Location`: not sent, not shown.
        if let Some(shown) = without_userinfo(url) {
            return Err(DashboardError::Malformed {
                request_id: None,
                reason: self.clean(&shown),
            });
        }
        origin.check_secure(url)
    }

    /// An error answer with its `errors` message, if its body has one.
    fn reply(
        &self,
        response: &mut ureq::http::Response<ureq::Body>,
        status: u16,
        request_id: Option<String>,
    ) -> Reply {
        let detail = response
            .body_mut()
            .with_config()
            .limit(MAX_ERROR_BODY)
            .read_to_vec()
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .and_then(|v| {
                v.get("errors")?
                    .as_array()?
                    .iter()
                    .filter_map(serde_json::Value::as_str)
                    .map(|s| self.clean(s))
                    .find(|s| !s.is_empty())
            });
        Reply {
            status,
            request_id,
            detail,
        }
    }

    /// A transport error as the user should read it.
    fn classify(&self, error: ureq::Error, url: &str) -> DashboardError {
        let via_proxy = self.proxy.as_ref().filter(|p| {
            Uri::from_str(url)
                .map(|u| !p.is_no_proxy(&u))
                .unwrap_or(true)
        });
        let proxy_error = |reason: String| DashboardError::Proxy {
            proxy: via_proxy
                .map(|p| format!("{}:{}", p.host(), p.port()))
                .unwrap_or_default(),
            reason,
        };
        match error {
            ureq::Error::Timeout(which) => {
                let limit = match which {
                    ureq::Timeout::Connect | ureq::Timeout::Resolve => {
                        self.settings.connect_timeout
                    }
                    _ => self.settings.call_timeout,
                };
                DashboardError::Timeout {
                    seconds: limit.as_secs_f64().ceil() as u64,
                }
            }
            ureq::Error::BodyExceedsLimit(max) => DashboardError::TooLarge { max },
            ureq::Error::ConnectProxyFailed(reason) => proxy_error(self.clean(&reason)),
            ureq::Error::InvalidProxyUrl => proxy_error("invalid URL".into()),
            ureq::Error::Tls(reason) => DashboardError::Tls(reason.to_owned()),
            ureq::Error::Rustls(e) => DashboardError::Tls(e.to_string()),
            ureq::Error::HostNotFound if via_proxy.is_some() => {
                proxy_error(ureq::Error::HostNotFound.to_string())
            }
            ureq::Error::HostNotFound => {
                DashboardError::HostNotFound(Origin::of(url).map(|o| o.host).unwrap_or_default())
            }
            ureq::Error::Io(e) => {
                if let Some(inner) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
                    return DashboardError::Tls(inner.to_string());
                }
                if let Some(ureq::Error::BodyExceedsLimit(max)) =
                    e.get_ref().and_then(|i| i.downcast_ref::<ureq::Error>())
                {
                    return DashboardError::TooLarge { max: *max };
                }
                if e.kind() == ErrorKind::InvalidData {
                    return DashboardError::Tls(e.to_string());
                }
                if e.kind() == ErrorKind::TimedOut {
                    return DashboardError::Timeout {
                        seconds: self.settings.call_timeout.as_secs_f64().ceil() as u64,
                    };
                }
                if via_proxy.is_some() {
                    proxy_error(e.to_string())
                } else if is_name_lookup_failure(&e) {
                    DashboardError::HostNotFound(
                        Origin::of(url).map(|o| o.host).unwrap_or_default(),
                    )
                } else {
                    DashboardError::Network(e.to_string())
                }
            }
            ureq::Error::ConnectionFailed if via_proxy.is_some() => {
                proxy_error(ureq::Error::ConnectionFailed.to_string())
            }
            other if via_proxy.is_none() && is_name_lookup_text(&other.to_string()) => {
                DashboardError::HostNotFound(Origin::of(url).map(|o| o.host).unwrap_or_default())
            }
            other => DashboardError::Network(self.clean(&other.to_string())),
        }
    }
}

/// A header's value as text, if not blank (the client redacts, then cleans it).
fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .filter(|v| !v.trim().is_empty())
}

/// A `Retry-After` in seconds, and as sent (clipped): digits only. A number of
/// seconds too large for a `u64` is the largest (it is past any limit); anything else
/// (an HTTP date, a negative number) is treated as absent.
fn retry_after(value: &str) -> Option<(u64, String)> {
    let value = value.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let shown = if value.len() > 24 {
        format!("{}…", &value[..24])
    } else {
        value.to_owned()
    };
    Some((value.parse().unwrap_or(u64::MAX), shown))
}

/// The `rel=next` target of an answer's `Link` headers (every line of them, as one
/// list), `Ok(None)` without one, `Err` when they cannot be read.
fn links(headers: &HeaderMap) -> Result<Option<String>, ()> {
    let mut all = String::new();
    for value in headers.get_all("link") {
        if !all.is_empty() {
            all.push_str(", ");
        }
        all.push_str(value.to_str().map_err(|_| ())?);
    }
    link::next(&all)
}

/// A header's value as it is (a URL may be longer than a cleaned text); header
/// values hold visible ASCII only.
fn raw_header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Sleeps, waking every 50 ms to see whether the user cancelled.
fn sleep_unless_cancelled(wait: Duration, cancel: &AtomicBool) -> Result<(), DashboardError> {
    let until = Instant::now() + wait;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(DashboardError::Cancelled);
        }
        let now = Instant::now();
        if now >= until {
            return Ok(());
        }
        std::thread::sleep((until - now).min(Duration::from_millis(50)));
    }
}

/// Whether an I/O error is the system's resolver failing to find a name: the
/// standard library's "failed to lookup address information" on Unix, WSAHOST_NOT_FOUND
/// or WSANO_DATA on Windows.
fn is_name_lookup_failure(e: &std::io::Error) -> bool {
    #[cfg(windows)]
    if matches!(e.raw_os_error(), Some(11001 | 11004)) {
        return true;
    }
    is_name_lookup_text(&e.to_string())
}

/// Whether an error's text is the standard library's name-lookup failure.
fn is_name_lookup_text(text: &str) -> bool {
    text.contains("failed to lookup address information")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_the_resolver_cannot_find_is_told_as_such() {
        use std::net::ToSocketAddrs;
        // `.invalid` never resolves (RFC 6761), with or without a network.
        let e = ("no-such-host.invalid", 443)
            .to_socket_addrs()
            .expect_err("an .invalid name does not resolve");
        assert!(is_name_lookup_failure(&e), "{e}");
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert!(!is_name_lookup_failure(&refused));
    }
}
