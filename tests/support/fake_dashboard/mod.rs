//! A fake Meraki Dashboard on 127.0.0.1 for the tests and the benchmark: a small
//! HTTP/1.1 server (std only) that answers each request through a handler, in its own
//! thread, and records every request it receives (request line and headers) so tests
//! can check what was sent, and to whom.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// A request as received.
#[derive(Debug, Clone)]
pub struct Received {
    /// `GET`, `CONNECT`…
    pub method: String,
    /// The request target (`/api/v1/…?…`, or an absolute URL through a proxy).
    pub target: String,
    /// Headers, names lower-case.
    pub headers: Vec<(String, String)>,
}

impl Received {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// An answer to send.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The status.
    pub status: u16,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// How long to wait before answering.
    pub delay: Duration,
}

impl Reply {
    /// A 200 with a JSON body.
    pub fn json(value: &serde_json::Value) -> Reply {
        Reply::status(200).body(value.to_string().into_bytes())
    }

    /// An answer with this status and an empty body.
    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
        }
    }

    /// The same answer with this body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Reply {
        self.body = body.into();
        self
    }

    /// The same answer with this header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The same answer, sent after `delay`.
    pub fn after(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    /// The Dashboard's error shape: `{"errors": [message]}`.
    pub fn error(status: u16, message: &str) -> Reply {
        Reply::status(status).body(serde_json::json!({ "errors": [message] }).to_string())
    }
}

type Handler = dyn Fn(&Received, u64) -> Reply + Send + Sync;

/// A fake Dashboard listening on 127.0.0.1; stops when dropped.
pub struct FakeDashboard {
    addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    busy: Arc<Mutex<Duration>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FakeDashboard {
    /// Starts a server answering with `handler(request, index)` (index counts requests
    /// from 0).
    pub fn start(
        handler: impl Fn(&Received, u64) -> Reply + Send + Sync + 'static,
    ) -> FakeDashboard {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("address");
        let received = Arc::new(Mutex::new(Vec::new()));
        let busy = Arc::new(Mutex::new(Duration::ZERO));
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let thread = {
            let received = Arc::clone(&received);
            let busy = Arc::clone(&busy);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut count = 0u64;
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let handler = Arc::clone(&handler);
                    let received = Arc::clone(&received);
                    let busy = Arc::clone(&busy);
                    let index = count;
                    count += 1;
                    std::thread::spawn(move || serve(stream, &*handler, &received, &busy, index));
                }
            })
        };
        FakeDashboard {
            addr,
            received,
            busy,
            stop,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The API base: `http://127.0.0.1:PORT/api/v1`.
    pub fn base_url(&self) -> String {
        format!("{}/api/v1", self.origin())
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The time the server spent answering (from a request's head read to its answer
    /// written, the delay included), summed over every request so far.
    pub fn busy(&self) -> Duration {
        *self.busy.lock().expect("lock")
    }

    /// Every request received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }
}

impl Drop for FakeDashboard {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(
    stream: TcpStream,
    handler: &Handler,
    received: &Mutex<Vec<Received>>,
    busy: &Mutex<Duration>,
    index: u64,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return; // The wake-up connection, or a client that went away.
    }
    // As a proxy: accept the tunnel, record it, then serve the request sent inside it.
    if line.starts_with("CONNECT ") {
        let mut h = String::new();
        while reader.read_line(&mut h).unwrap_or(0) > 0 && h != "\r\n" && h != "\n" {
            h.clear();
        }
        let target = line
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .to_owned();
        received.lock().expect("lock").push(Received {
            method: "CONNECT".into(),
            target,
            headers: Vec::new(),
        });
        let mut out = match stream.try_clone() {
            Ok(s) => s,
            Err(_) => return,
        };
        let _ = out.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" || h == "\n" {
            break;
        }
        if let Some((name, value)) = h.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    let request = Received {
        method,
        target,
        headers,
    };
    received.lock().expect("lock").push(request.clone());
    let started = std::time::Instant::now();
    let reply = handler(&request, index);
    if !reply.delay.is_zero() {
        std::thread::sleep(reply.delay);
    }
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reason(reply.status),
        reply.body.len()
    );
    if !reply
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
    {
        head.push_str("Content-Type: application/json\r\n");
    }
    for (n, v) in &reply.headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(&reply.body);
    let _ = out.flush();
    *busy.lock().expect("lock") += started.elapsed();
    // Drain what is left so closing does not reset the connection under the client.
    let _ = out.set_read_timeout(Some(Duration::from_millis(50)));
    let _ = reader.get_mut().read(&mut [0u8; 1024]);
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        307 => "Temporary Redirect",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

/// An organization as `GET /organizations/{id}` returns it.
pub fn organization(id: &str, name: &str, model: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "name": name,
        "url": format!("https://n1.meraki.com/o/{id}/manage/organization/overview"),
        "api": { "enabled": true },
        "licensing": { "model": model },
        "cloud": { "region": { "name": "Europe" } },
    })
}

/// A subscription as the subscriptions listing returns it.
pub fn subscription(id: &str, networks: u64, domain: &str, sa_status: &str) -> serde_json::Value {
    serde_json::json!({
        "subscriptionId": id,
        "name": format!("Subscription {id}"),
        "description": "Cisco Networking Subscription",
        "status": "active",
        "startDate": "2025-01-01T00:00:00Z",
        "endDate": "2028-01-01T00:00:00Z",
        "lastUpdatedAt": "2025-01-02T00:00:00Z",
        "webOrderId": "12345678",
        "type": "termed",
        "smartAccount": {
            "status": sa_status,
            "account": { "id": "8800001", "name": "Acme Corp", "domain": domain }
        },
        "counts": { "networks": networks, "organizations": 1 },
        "enterpriseAgreement": null,
        "entitlements": [ { "sku": "LIC-MS-NW-E", "seats": { "assigned": 10, "available": 5, "limit": 15 } } ],
    })
}

/// A Dashboard with one organization and its subscriptions listing served in pages
/// (`startingAfter=pN` in the `Link: rel=next` targets, absolute URLs as Meraki's).
pub fn paged(org: serde_json::Value, pages: Vec<Vec<serde_json::Value>>) -> FakeDashboard {
    paged_with_delay(org, pages, Duration::ZERO)
}

/// [`paged`], each answer sent after `delay` (as a distant server would).
pub fn paged_with_delay(
    org: serde_json::Value,
    pages: Vec<Vec<serde_json::Value>>,
    delay: Duration,
) -> FakeDashboard {
    let pages: Vec<String> = pages
        .into_iter()
        .map(|p| serde_json::Value::Array(p).to_string())
        .collect();
    let org_id = org["id"].as_str().unwrap_or_default().to_owned();
    let org_body = org.to_string();
    let port = Arc::new(Mutex::new(0u16));
    let port_in = Arc::clone(&port);
    let server = FakeDashboard::start(move |req, _| {
        let path = req.target.split('?').next().unwrap_or_default();
        if path == format!("/api/v1/organizations/{org_id}") {
            return Reply::status(200).body(org_body.clone()).after(delay);
        }
        if path == "/api/v1/administered/licensing/subscription/subscriptions" {
            let page = req
                .target
                .split(['?', '&'])
                .find_map(|kv| kv.strip_prefix("startingAfter=p"))
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0);
            // Every page carries a `Link` header, as Meraki's do: `rel=first`, then
            // `rel=prev` after the first page and `rel=next` before the last.
            let base = req
                .target
                .split("&startingAfter")
                .next()
                .unwrap_or_default();
            let port = *port_in.lock().expect("lock");
            let mut links = vec![format!("<http://127.0.0.1:{port}{base}>; rel=first")];
            if page > 0 {
                links.push(format!(
                    "<http://127.0.0.1:{port}{base}&endingBefore=p{page}>; rel=prev"
                ));
            }
            if page + 1 < pages.len() {
                links.push(format!(
                    "<http://127.0.0.1:{port}{base}&startingAfter=p{}>; rel=next",
                    page + 1
                ));
            }
            let reply = Reply::status(200)
                .body(pages[page].clone())
                .header("Link", &links.join(", "));
            return reply
                .header("X-Request-Id", &format!("req-page-{page}"))
                .after(delay);
        }
        Reply::error(404, "Not found")
    });
    *port.lock().expect("lock") = server.port();
    server
}

/// An organization as `GET /organizations` lists it, with API access on or off.
pub fn listed_organization(id: &str, name: &str, api_enabled: bool) -> serde_json::Value {
    let mut org = organization(id, name, "subscription");
    org["api"]["enabled"] = serde_json::Value::Bool(api_enabled);
    org
}

/// The value of a query parameter of a request target (`[` and `]` as sent, encoded).
pub fn query_value<'a>(target: &'a str, name: &str) -> Option<&'a str> {
    let encoded = name.replace('[', "%5B").replace(']', "%5D");
    target.split_once('?')?.1.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name || k == encoded).then_some(v)
    })
}

/// A Dashboard that lists what a key can read: `GET /organizations` served in the
/// pages `orgs`, `GET /organizations/{id}` for each of them, and the subscriptions
/// listing of each organization of `subs` in its pages (`startingAfter=pN` in the
/// `Link: rel=next` targets, absolute URLs as Meraki's). Each answer is sent after
/// `delay`; `before` may answer a request first (a 429, a bad `Link`…).
pub fn lists_with(
    orgs: Vec<Vec<serde_json::Value>>,
    subs: Vec<(String, Vec<Vec<serde_json::Value>>)>,
    delay: Duration,
    before: impl Fn(&Received, u64) -> Option<Reply> + Send + Sync + 'static,
) -> FakeDashboard {
    let by_id: std::collections::HashMap<String, String> = orgs
        .iter()
        .flatten()
        .filter_map(|o| Some((o.get("id")?.as_str()?.to_owned(), o.to_string())))
        .collect();
    let text = |pages: Vec<Vec<serde_json::Value>>| -> Vec<String> {
        pages
            .into_iter()
            .map(|p| serde_json::Value::Array(p).to_string())
            .collect()
    };
    let org_pages = text(orgs);
    let sub_pages: std::collections::HashMap<String, Vec<String>> =
        subs.into_iter().map(|(o, p)| (o, text(p))).collect();
    let port = Arc::new(Mutex::new(0u16));
    let port_in = Arc::clone(&port);
    let server = FakeDashboard::start(move |req, index| {
        if let Some(reply) = before(req, index) {
            return reply;
        }
        let port = *port_in.lock().expect("lock");
        let path = req.target.split('?').next().unwrap_or_default();
        let pages = if path == "/api/v1/organizations" {
            &org_pages
        } else if let Some(id) = path.strip_prefix("/api/v1/organizations/") {
            return match by_id.get(id) {
                Some(body) => Reply::status(200).body(body.clone()).after(delay),
                None => Reply::error(404, "Not found"),
            };
        } else if path == "/api/v1/administered/licensing/subscription/subscriptions" {
            let org = query_value(&req.target, "organizationIds[]").unwrap_or_default();
            match sub_pages.get(org) {
                Some(pages) => pages,
                None => return Reply::error(404, "Not found"),
            }
        } else {
            return Reply::error(404, "Not found");
        };
        let page = query_value(&req.target, "startingAfter")
            .and_then(|v| v.strip_prefix('p'))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        let Some(body) = pages.get(page) else {
            return Reply::error(400, "Bad startingAfter");
        };
        let mut reply = Reply::status(200).body(body.clone());
        if page + 1 < pages.len() {
            let base = req
                .target
                .split("&startingAfter")
                .next()
                .unwrap_or_default();
            reply = reply.header(
                "Link",
                &format!(
                    "<http://127.0.0.1:{port}{base}>; rel=first, <http://127.0.0.1:{port}{base}&startingAfter=p{}>; rel=next",
                    page + 1
                ),
            );
        }
        reply
            .header("X-Request-Id", &format!("req-list-{page}"))
            .after(delay)
    });
    *port.lock().expect("lock") = server.port();
    server
}

/// [`lists_with`] without delay or interference.
pub fn lists(
    orgs: Vec<Vec<serde_json::Value>>,
    subs: Vec<(String, Vec<Vec<serde_json::Value>>)>,
) -> FakeDashboard {
    lists_with(orgs, subs, Duration::ZERO, |_, _| None)
}

/// A TLS server on 127.0.0.1 whose certificate no trust store holds (self-signed, as a
/// TLS-inspecting proxy whose root is not installed). Serves one handshake attempt;
/// returns its port.
pub fn untrusted_tls_server() -> u16 {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let certs: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(include_bytes!("untrusted-cert.pem"))
            .collect::<Result<_, _>>()
            .expect("certificate");
    let key = PrivateKeyDer::from_pem_slice(include_bytes!("untrusted-key.pem")).expect("key");
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("versions")
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .expect("server config");
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        if let Ok((tcp, _)) = listener.accept() {
            let _ = tcp.set_read_timeout(Some(Duration::from_secs(5)));
            if let Ok(conn) = rustls::ServerConnection::new(config) {
                let mut tls = rustls::StreamOwned::new(conn, tcp);
                let _ = tls.read(&mut [0u8; 1024]);
            }
        }
    });
    port
}

/// A Dashboard with one organization (its JSON as sent, any text) whose subscriptions
/// listing answers through `listing` (each request, with the origin
/// `http://127.0.0.1:PORT` to build `Link` targets from). For the hostile answers:
/// items without `subscriptionId`, bad `Link` headers, huge `Retry-After`.
pub fn with_listing(
    org_id: &str,
    org_body: String,
    listing: impl Fn(&Received, &str) -> Reply + Send + Sync + 'static,
) -> FakeDashboard {
    let org_path = format!("/api/v1/organizations/{org_id}");
    let origin = Arc::new(Mutex::new(String::new()));
    let origin_in = Arc::clone(&origin);
    let server = FakeDashboard::start(move |req, _| {
        let path = req.target.split('?').next().unwrap_or_default();
        if path == org_path {
            return Reply::status(200).body(org_body.clone());
        }
        if path == "/api/v1/administered/licensing/subscription/subscriptions" {
            return listing(req, &origin_in.lock().expect("lock"));
        }
        Reply::error(404, "Not found")
    });
    *origin.lock().expect("lock") = server.origin();
    server
}

/// The listing's path and organization filter, as a `Link` target after the origin.
pub const LISTING: &str =
    "/api/v1/administered/licensing/subscription/subscriptions?organizationIds%5B%5D=549236";

/// `item` with its `subscriptionId` moved to another key (`id`), as a listing the
/// client cannot read.
pub fn without_subscription_id(mut item: serde_json::Value) -> serde_json::Value {
    if let Some(map) = item.as_object_mut()
        && let Some(id) = map.remove("subscriptionId")
    {
        map.insert("id".into(), id);
    }
    item
}

/// `item` without its `smartAccount`.
pub fn without_smart_account(mut item: serde_json::Value) -> serde_json::Value {
    if let Some(map) = item.as_object_mut() {
        map.remove("smartAccount");
    }
    item
}

/// `item` with `counts.networks` set to `value` (`None`: no `counts` at all).
pub fn with_networks(
    mut item: serde_json::Value,
    value: Option<serde_json::Value>,
) -> serde_json::Value {
    if let Some(map) = item.as_object_mut() {
        match value {
            Some(v) => map["counts"]["networks"] = v,
            None => {
                map.remove("counts");
            }
        }
    }
    item
}

/// The forms in which a hostile server echoes the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Echo {
    /// Every character as a JSON `\u00XX` escape (in a JSON text).
    JsonEscaped,
    /// Upper-cased.
    UpperCase,
    /// Every character percent-encoded (`%61`).
    PercentEncoded,
    /// Split by zero-width spaces and bidirectional marks, some characters JSON-escaped
    /// (in a JSON text).
    SplitByEscapes,
}

impl Echo {
    /// Every form.
    pub const ALL: [Echo; 4] = [
        Echo::JsonEscaped,
        Echo::UpperCase,
        Echo::PercentEncoded,
        Echo::SplitByEscapes,
    ];

    /// `key` in this form, as it appears in a JSON text (between its quotes).
    pub fn json(self, key: &str) -> String {
        match self {
            Echo::JsonEscaped => key
                .chars()
                .map(|c| format!("\\u{:04x}", c as u32))
                .collect(),
            Echo::UpperCase => key.to_uppercase(),
            Echo::PercentEncoded => key.chars().map(|c| format!("%{:02X}", c as u32)).collect(),
            Echo::SplitByEscapes => key
                .chars()
                .enumerate()
                .map(|(i, c)| match i % 4 {
                    0 => format!("{c}\\u200b"),
                    1 => format!("\\u{:04X}", c as u32),
                    2 => format!("{c}\u{202E}"),
                    _ => c.to_string(),
                })
                .collect(),
        }
    }
}

/// A server that echoes the key (taken from each request's `Authorization`) in
/// `form`: in the organization's name, then in the listing's error answer (its
/// message and its `X-Request-Id`).
pub fn echoing(form: Echo) -> FakeDashboard {
    FakeDashboard::start(move |req, _| {
        let key = req
            .header("authorization")
            .unwrap_or_default()
            .trim_start_matches("Bearer ")
            .to_owned();
        let echo = form.json(&key);
        if req.target.starts_with("/api/v1/organizations/") {
            Reply::status(200).body(format!(
                r#"{{"id": "549236", "name": "Org {echo}", "licensing": {{"model": "subscription"}}}}"#
            ))
        } else {
            let id = if form == Echo::PercentEncoded {
                echo.clone()
            } else {
                key.to_uppercase()
            };
            Reply::status(500)
                .body(format!(r#"{{"errors": ["failed for {echo}"]}}"#))
                .header("X-Request-Id", &id)
        }
    })
}

/// A server whose organization answer is a bare JSON string holding the key in
/// `form`: the client's parse error quotes it.
pub fn echoing_in_a_parse_error(form: Echo) -> FakeDashboard {
    FakeDashboard::start(move |req, _| {
        let key = req
            .header("authorization")
            .unwrap_or_default()
            .trim_start_matches("Bearer ")
            .to_owned();
        Reply::status(200).body(format!("\"{}\"", form.json(&key)))
    })
}

/// A port on 127.0.0.1 where nothing listens (a dead proxy).
pub fn dead_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    port
}
