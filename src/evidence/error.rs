//! Why a Dashboard check failed, as one message in the user's language that says what
//! to check.

use crate::i18n::I18n;

/// Why a Dashboard check failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DashboardError {
    /// No API key was given.
    NoKey,
    /// The base URL is not a URL.
    BadBaseUrl(String),
    /// Plain `http://` to another machine than this one: refused, the key would travel
    /// in clear.
    InsecureUrl(String),
    /// The base URL holds a user name or password (`user:password@`): refused, they
    /// would be sent with every call and written with the evidence.
    CredentialsInUrl(String),
    /// An identifier that cannot be a Meraki organization or subscription ID.
    BadId {
        /// `meraki_org_id` or `subscription_id`.
        id: &'static str,
        /// The value given.
        value: String,
    },
    /// No organization ID to check.
    NoOrganization,
    /// 401: the key is wrong, revoked or missing.
    Unauthorized(Reply),
    /// 403: the key's administrator has no access to the organization.
    Forbidden(Reply),
    /// 404: no such organization (or, with older API versions, a bad key).
    NotFound(Reply),
    /// 429 still after the allowed retries, or a wait longer than allowed.
    RateLimited {
        /// The Dashboard's answer.
        reply: Reply,
        /// The last wait it asked for, in seconds.
        retry_after: Option<u64>,
    },
    /// A 5xx answer.
    Server(Reply),
    /// Another unexpected status.
    Status(Reply),
    /// The call took longer than allowed.
    Timeout {
        /// The limit, in seconds.
        seconds: u64,
    },
    /// The whole check took longer than its overall time limit.
    CheckTimeLimit {
        /// The limit, in seconds.
        seconds: u64,
    },
    /// A 429's `Retry-After` asked for a wait longer than what is left of the
    /// check's overall time limit: the check stopped without waiting.
    RetryPastLimit {
        /// The wait asked for, as sent (digits, possibly more than fit a number).
        asked: String,
        /// The seconds left of the limit.
        left: u64,
        /// The limit, in seconds.
        seconds: u64,
    },
    /// The secure connection failed (certificate not trusted, not TLS…).
    Tls(String),
    /// The proxy could not be reached or refused the connection.
    Proxy {
        /// The proxy as configured (without credentials).
        proxy: String,
        /// What failed.
        reason: String,
    },
    /// The host name could not be resolved.
    HostNotFound(String),
    /// Any other network failure.
    Network(String),
    /// The answer is not the JSON the API documents.
    Malformed {
        /// The request id of the answer, if any.
        request_id: Option<String>,
        /// What was wrong.
        reason: String,
    },
    /// The answer is larger than allowed.
    TooLarge {
        /// The limit, in bytes.
        max: u64,
    },
    /// The Dashboard sent the client to another host; the key was not sent there.
    RedirectElsewhere(String),
    /// Too many redirects or pages: the Dashboard is looping.
    Looping,
    /// The user cancelled the check.
    Cancelled,
}

/// What the Dashboard answered with an error status.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The `X-Request-Id` header, to quote to Meraki.
    pub request_id: Option<String>,
    /// The first message of the body's `errors` list, if any.
    pub detail: Option<String>,
}

impl DashboardError {
    /// Whether the failure is the user's input (arguments, key, URL) rather than the
    /// Dashboard's answer or the network: the command line exits with 2 for those.
    pub fn is_input_error(&self) -> bool {
        matches!(
            self,
            DashboardError::NoKey
                | DashboardError::BadBaseUrl(_)
                | DashboardError::InsecureUrl(_)
                | DashboardError::CredentialsInUrl(_)
                | DashboardError::BadId { .. }
                | DashboardError::NoOrganization
        )
    }

    /// The error with every text passed through `f` (to take a secret out of it).
    pub fn map_texts(self, f: impl Fn(&str) -> String) -> DashboardError {
        let reply = |r: Reply| Reply {
            status: r.status,
            request_id: r.request_id.as_deref().map(&f),
            detail: r.detail.as_deref().map(&f),
        };
        match self {
            DashboardError::BadBaseUrl(s) => DashboardError::BadBaseUrl(f(&s)),
            DashboardError::InsecureUrl(s) => DashboardError::InsecureUrl(f(&s)),
            DashboardError::CredentialsInUrl(s) => DashboardError::CredentialsInUrl(f(&s)),
            DashboardError::RetryPastLimit {
                asked,
                left,
                seconds,
            } => DashboardError::RetryPastLimit {
                asked: f(&asked),
                left,
                seconds,
            },
            DashboardError::BadId { id, value } => DashboardError::BadId {
                id,
                value: f(&value),
            },
            DashboardError::Unauthorized(r) => DashboardError::Unauthorized(reply(r)),
            DashboardError::Forbidden(r) => DashboardError::Forbidden(reply(r)),
            DashboardError::NotFound(r) => DashboardError::NotFound(reply(r)),
            DashboardError::RateLimited {
                reply: r,
                retry_after,
            } => DashboardError::RateLimited {
                reply: reply(r),
                retry_after,
            },
            DashboardError::Server(r) => DashboardError::Server(reply(r)),
            DashboardError::Status(r) => DashboardError::Status(reply(r)),
            DashboardError::Tls(s) => DashboardError::Tls(f(&s)),
            DashboardError::Proxy { proxy, reason } => DashboardError::Proxy {
                proxy: f(&proxy),
                reason: f(&reason),
            },
            DashboardError::HostNotFound(s) => DashboardError::HostNotFound(f(&s)),
            DashboardError::Network(s) => DashboardError::Network(f(&s)),
            DashboardError::Malformed { request_id, reason } => DashboardError::Malformed {
                request_id: request_id.as_deref().map(&f),
                reason: f(&reason),
            },
            DashboardError::RedirectElsewhere(s) => DashboardError::RedirectElsewhere(f(&s)),
            other => other,
        }
    }

    /// The request id of the answer, if the failure came with one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            DashboardError::Unauthorized(r)
            | DashboardError::Forbidden(r)
            | DashboardError::NotFound(r)
            | DashboardError::RateLimited { reply: r, .. }
            | DashboardError::Server(r)
            | DashboardError::Status(r) => r.request_id.as_deref(),
            DashboardError::Malformed { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The message in the user's language: what happened and what to check.
    pub fn message(&self, i18n: &I18n) -> String {
        let text = match self {
            DashboardError::NoKey => i18n.tr("dashboard.error.no_key").to_owned(),
            DashboardError::BadBaseUrl(url) => {
                i18n.trv("dashboard.error.bad_base_url", &[("url", url)])
            }
            DashboardError::InsecureUrl(url) => {
                i18n.trv("dashboard.error.insecure_url", &[("url", url)])
            }
            DashboardError::CredentialsInUrl(url) => {
                i18n.trv("dashboard.error.credentials_in_url", &[("url", url)])
            }
            DashboardError::BadId { id, value } => {
                let key = format!("dashboard.error.bad_id.{id}");
                i18n.trv(&key, &[("value", value)])
            }
            DashboardError::NoOrganization => i18n.tr("dashboard.error.no_org").to_owned(),
            DashboardError::Unauthorized(r) => status_text(i18n, "dashboard.error.401", r),
            DashboardError::Forbidden(r) => status_text(i18n, "dashboard.error.403", r),
            DashboardError::NotFound(r) => status_text(i18n, "dashboard.error.404", r),
            DashboardError::RateLimited { reply, retry_after } => {
                let mut t = status_text(i18n, "dashboard.error.429", reply);
                if let Some(s) = retry_after {
                    t.push(' ');
                    t.push_str(
                        &i18n.trv("dashboard.error.429.wait", &[("seconds", &s.to_string())]),
                    );
                }
                t
            }
            DashboardError::Server(r) => status_text(i18n, "dashboard.error.5xx", r),
            DashboardError::Status(r) => status_text(i18n, "dashboard.error.status", r),
            DashboardError::Timeout { seconds } => i18n.trv(
                "dashboard.error.timeout",
                &[("seconds", &seconds.to_string())],
            ),
            DashboardError::CheckTimeLimit { seconds } => i18n.trv(
                "dashboard.error.check_time_limit",
                &[("seconds", &seconds.to_string())],
            ),
            DashboardError::RetryPastLimit {
                asked,
                left,
                seconds,
            } => i18n.trv(
                "dashboard.error.retry_past_limit",
                &[
                    ("asked", asked),
                    ("left", &left.to_string()),
                    ("seconds", &seconds.to_string()),
                ],
            ),
            DashboardError::Tls(reason) => i18n.trv("dashboard.error.tls", &[("reason", reason)]),
            DashboardError::Proxy { proxy, reason } => i18n.trv(
                "dashboard.error.proxy",
                &[("proxy", proxy), ("reason", reason)],
            ),
            DashboardError::HostNotFound(host) => {
                i18n.trv("dashboard.error.host_not_found", &[("host", host)])
            }
            DashboardError::Network(reason) => {
                i18n.trv("dashboard.error.network", &[("reason", reason)])
            }
            DashboardError::Malformed { reason, .. } => {
                i18n.trv("dashboard.error.malformed", &[("reason", reason)])
            }
            DashboardError::TooLarge { max } => i18n.trv(
                "dashboard.error.too_large",
                &[("max", &i18n.number(max / 1024))],
            ),
            DashboardError::RedirectElsewhere(host) => {
                i18n.trv("dashboard.error.redirect_elsewhere", &[("host", host)])
            }
            DashboardError::Looping => i18n.tr("dashboard.error.looping").to_owned(),
            DashboardError::Cancelled => i18n.tr("dashboard.error.cancelled").to_owned(),
        };
        match self.request_id() {
            Some(id) => {
                let quoted = i18n.trv("dashboard.error.request_id", &[("id", id)]);
                format!("{text} {quoted}")
            }
            None => text,
        }
    }
}

fn status_text(i18n: &I18n, key: &str, reply: &Reply) -> String {
    let mut text = i18n.trv(key, &[("status", &reply.status.to_string())]);
    if let Some(detail) = &reply.detail {
        text.push(' ');
        text.push_str(&i18n.trv("dashboard.error.detail", &[("detail", detail)]));
    }
    text
}
