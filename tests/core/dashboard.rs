//! The Dashboard client against a fake Dashboard on 127.0.0.1: pagination, the
//! evidence mapping, and every failure a partner can meet, each as one clear message.

use crate::support::fake_dashboard;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use cssm_assistant::dashboard::{self, Client, ProxyChoice, Settings};
use cssm_assistant::evidence::{
    ApiKey, CheckProgress, DashboardError, Evidence, Finding, Target, analyse,
};
use cssm_assistant::i18n::{I18n, Lang};
use fake_dashboard::{FakeDashboard, Reply, organization, paged, subscription};

const KEY: &str = "0123456789abcdef0123456789abcdef01234567";

fn settings(base: &str) -> Settings {
    Settings {
        base_url: base.to_owned(),
        proxy: ProxyChoice::Direct,
        ..Settings::default()
    }
}

fn client(base: &str) -> Client {
    Client::new(settings(base), ApiKey::new(KEY).expect("key")).expect("client")
}

fn run(
    client: &Client,
    sub: Option<&str>,
) -> (Result<Evidence, DashboardError>, Vec<CheckProgress>) {
    let mut seen = Vec::new();
    let target = Target::new("549236", sub).expect("target");
    let result = dashboard::check(
        client,
        &target,
        &mut |p| seen.push(p),
        &AtomicBool::new(false),
    );
    (result, seen)
}

fn fillers(prefix: &str, n: usize) -> Vec<serde_json::Value> {
    (0..n)
        .map(|i| subscription(&format!("{prefix}{i:04}"), 1, "other.example", "active"))
        .collect()
}

fn stated(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn follows_every_page_and_finds_the_subscription_on_the_last() {
    let mut last = fillers("Sub3", 2);
    last.push(subscription("Sub-wanted", 3, "acme.example", "active"));
    let server = paged(
        organization("549236", "Acme Org", "subscription"),
        vec![fillers("Sub1", 3), fillers("Sub2", 3), last],
    );
    let (result, progress) = run(&client(&server.base_url()), Some("Sub-wanted"));
    let evidence = result.expect("evidence");
    let found = evidence.subscription.as_ref().expect("listed");
    assert_eq!(found.subscription_id, "Sub-wanted");
    assert_eq!(found.networks, Some(3));
    assert_eq!(found.smart_account_domain.as_deref(), Some("acme.example"));
    assert_eq!(evidence.subscriptions_listed, 9);
    assert_eq!(evidence.organization_name.as_deref(), Some("Acme Org"));
    assert_eq!(evidence.licensing_model.as_deref(), Some("subscription"));
    assert_eq!(evidence.base_url, server.base_url());
    assert_eq!(
        evidence.request_ids,
        ["req-page-0", "req-page-1", "req-page-2"]
    );
    assert_eq!(
        progress,
        [
            CheckProgress::Organization,
            CheckProgress::Page(1),
            CheckProgress::Page(2),
            CheckProgress::Page(3)
        ]
    );

    let received = server.received();
    assert_eq!(received.len(), 4, "{received:?}");
    assert_eq!(received[0].target, "/api/v1/organizations/549236");
    assert_eq!(
        received[1].target,
        "/api/v1/administered/licensing/subscription/subscriptions?organizationIds%5B%5D=549236&subscriptionIds%5B%5D=Sub-wanted"
    );
    for r in &received {
        assert_eq!(r.method, "GET");
        assert_eq!(
            r.header("authorization"),
            Some(format!("Bearer {KEY}").as_str())
        );
        let agent = r.header("user-agent").unwrap_or_default();
        assert_eq!(agent, concat!("cssm-assistant/", env!("CARGO_PKG_VERSION")));
    }

    let analysis = analyse(
        &evidence,
        &stated(&[("sa_status", "active")]),
        &stated(&[("smart_account_domain", "ACME.example")]),
    );
    assert_eq!(analysis.proposals.len(), 1);
    assert_eq!(analysis.proposals[0].question, "claimed_bound");
    assert_eq!(analysis.proposals[0].option, "yes");
    assert!(analysis.findings.is_empty(), "{:?}", analysis.findings);
}

#[test]
fn a_subscription_not_listed_proposes_not_claimed() {
    let server = paged(
        organization("549236", "Acme Org", "subscription"),
        vec![fillers("Sub1", 2), fillers("Sub2", 2)],
    );
    let (result, _) = run(&client(&server.base_url()), Some("Sub-missing"));
    let evidence = result.expect("evidence");
    assert!(evidence.subscription.is_none());
    assert_eq!(evidence.subscriptions_listed, 4);
    let analysis = analyse(&evidence, &BTreeMap::new(), &BTreeMap::new());
    assert_eq!(analysis.proposals[0].option, "no");
    assert_eq!(
        analysis.findings,
        [Finding::NotListed {
            subscription_id: "Sub-missing".into(),
            organization_id: "549236".into(),
        }]
    );
    // Stated as claimed: a conflict, and the proposal still offered.
    let analysis = analyse(
        &evidence,
        &stated(&[("claimed_bound", "yes")]),
        &BTreeMap::new(),
    );
    assert!(
        analysis
            .conflicts()
            .any(|f| matches!(f, Finding::ClaimConflict { .. }))
    );
    assert_eq!(analysis.proposals.len(), 1);
}

#[test]
fn listed_with_no_network_bound_proposes_nothing() {
    let server = paged(
        organization("549236", "Acme Org", "subscription"),
        vec![vec![subscription(
            "Sub-wanted",
            0,
            "acme.example",
            "active",
        )]],
    );
    let (result, _) = run(&client(&server.base_url()), Some("Sub-wanted"));
    let evidence = result.expect("evidence");
    let analysis = analyse(&evidence, &BTreeMap::new(), &BTreeMap::new());
    assert!(analysis.proposals.is_empty());
    assert_eq!(analysis.findings, [Finding::NoNetworkBound]);
    let text = analysis.findings[0].message(&I18n::new(Lang::Fr));
    assert!(text.contains("aucun réseau"), "{text}");
}

#[test]
fn smart_account_domain_and_status_differing_are_conflicts() {
    let server = paged(
        organization("549236", "Acme Org", "subscription"),
        vec![vec![subscription(
            "Sub-wanted",
            2,
            "globex.example",
            "pending",
        )]],
    );
    let (result, _) = run(&client(&server.base_url()), Some("Sub-wanted"));
    let evidence = result.expect("evidence");
    let analysis = analyse(
        &evidence,
        &stated(&[("sa_status", "active")]),
        &stated(&[("smart_account_domain", "acme.example")]),
    );
    let conflicts: Vec<&Finding> = analysis.conflicts().collect();
    assert_eq!(conflicts.len(), 2, "{conflicts:?}");
    assert!(conflicts.contains(&&Finding::SmartAccountStatusConflict {
        found: "pending".into(),
        stated: "active".into()
    }));
    assert!(conflicts.contains(&&Finding::OtherSmartAccount {
        name: "Acme Corp".into(),
        domain: "globex.example".into()
    }));
    let en = I18n::new(Lang::En);
    assert_eq!(
        conflicts
            .iter()
            .find(|f| matches!(f, Finding::OtherSmartAccount { .. }))
            .expect("finding")
            .message(&en),
        "The subscription's Smart Account is Acme Corp (globex.example), not the one entered."
    );
}

#[test]
fn a_co_term_organization_is_told_the_article_does_not_apply() {
    let server = paged(organization("549236", "Acme Org", "co-term"), vec![vec![]]);
    let (result, _) = run(&client(&server.base_url()), Some("Sub-wanted"));
    let evidence = result.expect("evidence");
    let analysis = analyse(&evidence, &BTreeMap::new(), &BTreeMap::new());
    assert_eq!(
        analysis.findings[0],
        Finding::NotSubscriptionLicensing {
            model: "co-term".into()
        }
    );
    let text = analysis.findings[0].message(&I18n::new(Lang::En));
    assert!(
        text.contains("co-term") && text.contains("does not apply"),
        "{text}"
    );
}

#[test]
fn unknown_values_stay_unknown() {
    let server = FakeDashboard::start(|req, _| {
        if req.target.contains("/organizations/") {
            Reply::json(
                &serde_json::json!({ "id": "549236", "licensing": { "model": "new-model" } }),
            )
        } else {
            Reply::json(
                &serde_json::json!([{ "subscriptionId": "Sub-wanted", "status": "paused", "counts": {} }]),
            )
        }
    });
    let (result, _) = run(&client(&server.base_url()), Some("Sub-wanted"));
    let evidence = result.expect("evidence");
    let s = evidence.subscription.as_ref().expect("listed");
    assert_eq!(s.networks, None);
    assert_eq!(s.smart_account_status, None);
    let analysis = analyse(
        &evidence,
        &stated(&[("sa_status", "active")]),
        &BTreeMap::new(),
    );
    assert!(
        analysis.proposals.is_empty(),
        "no guess without a network count"
    );
    assert!(analysis.conflicts().next().is_none());
    let lines = cssm_assistant::evidence::fact_lines(&evidence, &I18n::new(Lang::En)).join("\n");
    assert!(lines.contains("Networks bound: unknown"), "{lines}");
    // A status the catalogue does not know is quoted as the API gave it (words
    // review 2026-12-05, L2); known ones are in words of the language.
    assert!(lines.contains("status \"paused\""), "{lines}");
    let fr = cssm_assistant::evidence::fact_lines(&evidence, &I18n::new(Lang::Fr)).join("\n");
    assert!(fr.contains("statut «\u{a0}paused\u{a0}»"), "{fr}");
}

#[test]
fn a_429_waits_as_asked_then_succeeds() {
    let server = FakeDashboard::start(|req, i| {
        if i == 0 {
            Reply::error(429, "API rate limit exceeded for organization").header("Retry-After", "1")
        } else if req.target.contains("/organizations/") {
            Reply::json(&organization("549236", "Acme Org", "subscription"))
        } else {
            Reply::json(&serde_json::json!([]))
        }
    });
    let (result, progress) = run(&client(&server.base_url()), None);
    result.expect("evidence after the wait");
    assert_eq!(
        progress[..2],
        [
            CheckProgress::Organization,
            CheckProgress::Waiting {
                seconds: 1,
                attempt: 1
            }
        ]
    );
    assert_eq!(server.received().len(), 3);
}

#[test]
fn a_429_that_lasts_stops_after_the_retries_with_a_clear_message() {
    let server = FakeDashboard::start(|_, _| {
        Reply::error(429, "API rate limit exceeded for organization")
            .header("Retry-After", "0")
            .header("X-Request-Id", "rl-1")
    });
    let mut s = settings(&server.base_url());
    s.max_retries = 2;
    let c = Client::new(s, ApiKey::new(KEY).expect("key")).expect("client");
    let (result, _) = run(&c, None);
    let err = result.expect_err("rate limited");
    assert!(
        matches!(
            err,
            DashboardError::RateLimited {
                retry_after: Some(0),
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.received().len(), 3, "one call and two retries");
    let fr = err.message(&I18n::new(Lang::Fr));
    assert!(
        fr.contains("HTTP 429") && fr.contains("rl-1") && fr.contains("réessayez"),
        "{fr}"
    );
}

#[test]
fn a_retry_after_longer_than_allowed_is_not_waited() {
    // Longer than the 60 s a wait may last, within the check's 180 s.
    let server =
        FakeDashboard::start(|_, _| Reply::error(429, "slow down").header("Retry-After", "120"));
    let (result, progress) = run(&client(&server.base_url()), None);
    assert!(matches!(
        result,
        Err(DashboardError::RateLimited {
            retry_after: Some(120),
            ..
        })
    ));
    assert!(
        !progress
            .iter()
            .any(|p| matches!(p, CheckProgress::Waiting { .. }))
    );
}

fn failing(reply: Reply) -> DashboardError {
    let server = FakeDashboard::start(move |_, _| reply.clone());
    let (result, _) = run(&client(&server.base_url()), Some("Sub-wanted"));
    result.expect_err("a failure")
}

#[test]
fn a_401_says_to_check_the_key() {
    let err = failing(Reply::error(401, "Invalid API key"));
    assert!(matches!(err, DashboardError::Unauthorized(_)));
    let en = err.message(&I18n::new(Lang::En));
    assert!(
        en.contains("HTTP 401")
            && en.contains("check that the key")
            && en.contains("Invalid API key"),
        "{en}"
    );
    let fr = err.message(&I18n::new(Lang::Fr));
    assert!(
        fr.contains("HTTP 401") && fr.contains("vérifiez que la clé"),
        "{fr}"
    );
    assert!(!en.contains(KEY) && !fr.contains(KEY));
}

#[test]
fn a_403_says_to_check_the_organization_access() {
    let err = failing(Reply::error(403, "Forbidden"));
    assert!(matches!(err, DashboardError::Forbidden(_)));
    let en = err.message(&I18n::new(Lang::En));
    assert!(
        en.contains("HTTP 403") && en.contains("no access to this organization"),
        "{en}"
    );
}

#[test]
fn a_404_says_to_check_the_organization_id_and_region() {
    let err = failing(Reply::error(404, "Not found"));
    assert!(matches!(err, DashboardError::NotFound(_)));
    let fr = err.message(&I18n::new(Lang::Fr));
    assert!(
        fr.contains("HTTP 404") && fr.contains("l'ID d'organisation et la région"),
        "{fr}"
    );
}

#[test]
fn a_500_quotes_its_request_id() {
    let err =
        failing(Reply::error(500, "Something went wrong").header("X-Request-Id", "7f3a9c21b5"));
    assert!(matches!(err, DashboardError::Server(_)));
    assert_eq!(err.request_id(), Some("7f3a9c21b5"));
    let en = err.message(&I18n::new(Lang::En));
    assert!(
        en.contains("HTTP 500") && en.contains("Request id: 7f3a9c21b5"),
        "{en}"
    );
}

#[test]
fn malformed_json_is_told_as_such() {
    let err = failing(Reply::status(200).body("{\"id\": \"549236\", \"name\": "));
    assert!(matches!(err, DashboardError::Malformed { .. }), "{err:?}");
    let server = FakeDashboard::start(|req, _| {
        if req.target.contains("/organizations/") {
            Reply::json(&organization("549236", "Acme Org", "subscription"))
        } else {
            Reply::json(&serde_json::json!({ "not": "a list" }))
        }
    });
    let (result, _) = run(&client(&server.base_url()), None);
    let err = result.expect_err("not an array");
    let fr = err.message(&I18n::new(Lang::Fr));
    assert!(fr.contains("n'est pas celle que son API documente"), "{fr}");
}

#[test]
fn an_oversized_answer_is_not_read() {
    let big = format!("[{}]", vec!["{\"subscriptionId\":\"x\"}"; 40_000].join(","));
    let server = FakeDashboard::start(move |_, _| Reply::status(200).body(big.clone()));
    let mut s = settings(&server.base_url());
    s.max_body_bytes = 64 * 1024;
    let c = Client::new(s, ApiKey::new(KEY).expect("key")).expect("client");
    let (result, _) = run(&c, None);
    let err = result.expect_err("too large");
    assert_eq!(err, DashboardError::TooLarge { max: 64 * 1024 });
    assert!(
        err.message(&I18n::new(Lang::En))
            .contains("larger than 64 KiB")
    );
}

#[test]
fn a_slow_answer_times_out() {
    let server = FakeDashboard::start(|_, _| {
        Reply::json(&organization("549236", "Acme Org", "subscription"))
            .after(Duration::from_secs(5))
    });
    let mut s = settings(&server.base_url());
    s.call_timeout = Duration::from_millis(300);
    let c = Client::new(s, ApiKey::new(KEY).expect("key")).expect("client");
    let started = std::time::Instant::now();
    let (result, _) = run(&c, None);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "did not wait for the slow answer"
    );
    let err = result.expect_err("time-out");
    assert_eq!(err, DashboardError::Timeout { seconds: 1 });
    let en = err.message(&I18n::new(Lang::En));
    assert!(
        en.contains("did not answer") && en.contains("proxy"),
        "{en}"
    );
}

#[test]
fn a_redirect_to_another_host_never_carries_the_key() {
    let other =
        FakeDashboard::start(|_, _| Reply::json(&organization("549236", "Evil", "subscription")));
    let location = format!(
        "http://localhost:{}/api/v1/organizations/549236",
        other.port()
    );
    let server = FakeDashboard::start(move |_, _| Reply::status(307).header("Location", &location));
    let (result, _) = run(&client(&server.base_url()), None);
    let err = result.expect_err("refused");
    assert_eq!(err, DashboardError::RedirectElsewhere("localhost".into()));
    assert!(
        other
            .received()
            .iter()
            .all(|r| r.header("authorization").is_none()),
        "the other host received the key"
    );
    assert!(
        err.message(&I18n::new(Lang::En))
            .contains("the key was not sent")
    );
}

#[test]
fn a_redirect_on_the_same_host_is_followed_with_the_key() {
    let server = FakeDashboard::start(|req, _| {
        if req.target == "/api/v1/organizations/549236" {
            Reply::status(308).header("Location", "/api/v1/moved/organizations/549236")
        } else if req.target.starts_with("/api/v1/moved/") {
            Reply::json(&organization("549236", "Acme Org", "subscription"))
        } else {
            Reply::json(&serde_json::json!([]))
        }
    });
    let (result, _) = run(&client(&server.base_url()), None);
    assert_eq!(
        result.expect("evidence").organization_name.as_deref(),
        Some("Acme Org")
    );
    let received = server.received();
    assert_eq!(received[1].target, "/api/v1/moved/organizations/549236");
    assert!(received[1].header("authorization").is_some());
}

#[test]
fn a_next_page_on_another_host_is_not_followed() {
    let other = FakeDashboard::start(|_, _| Reply::json(&serde_json::json!([])));
    let link = format!(
        "<http://localhost:{}/api/v1/x?startingAfter=a>; rel=next",
        other.port()
    );
    let server = FakeDashboard::start(move |req, _| {
        if req.target.contains("/organizations/") {
            Reply::json(&organization("549236", "Acme Org", "subscription"))
        } else {
            Reply::json(&serde_json::json!([])).header("Link", &link)
        }
    });
    let (result, _) = run(&client(&server.base_url()), None);
    assert!(matches!(result, Err(DashboardError::RedirectElsewhere(_))));
    assert!(other.received().is_empty());
}

#[test]
fn plain_http_is_refused_except_to_this_machine() {
    let err = Client::new(
        settings("http://api.meraki.com/api/v1"),
        ApiKey::new(KEY).expect("key"),
    )
    .expect_err("refused");
    assert!(matches!(err, DashboardError::InsecureUrl(_)));
    assert!(err.is_input_error());
    assert!(err.message(&I18n::new(Lang::Fr)).contains("https://"));
}

#[test]
fn an_untrusted_certificate_is_a_tls_error() {
    let port = fake_dashboard::untrusted_tls_server();
    let c = client(&format!("https://127.0.0.1:{port}/api/v1"));
    let (result, _) = run(&c, None);
    let err = result.expect_err("tls");
    assert!(matches!(err, DashboardError::Tls(_)), "{err:?}");
    let en = err.message(&I18n::new(Lang::En));
    assert!(
        en.contains("secure connection failed") && en.contains("certificate"),
        "{en}"
    );
}

#[test]
fn requests_go_through_the_configured_proxy() {
    // An HTTPS base goes through the proxy: the fake proxy receives the tunnel request
    // (the TLS handshake inside it then fails, as it is no Dashboard), and no key in
    // clear.
    let proxy = FakeDashboard::start(|_, _| Reply::status(400));
    let mut s = settings("https://api.meraki.com/api/v1");
    s.proxy = ProxyChoice::Url(proxy.origin());
    let c = Client::new(s, ApiKey::new(KEY).expect("key")).expect("client");
    let (result, _) = run(&c, None);
    result.expect_err("no Dashboard behind this proxy");
    let received = proxy.received();
    assert_eq!(received[0].method, "CONNECT");
    assert_eq!(received[0].target, "api.meraki.com:443");
    assert!(
        received
            .iter()
            .all(|r| r.headers.iter().all(|(_, v)| !v.contains(KEY))),
        "{received:?}"
    );
}

#[test]
fn an_unreachable_proxy_is_named() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let mut s = settings("https://api.meraki.com/api/v1");
    s.proxy = ProxyChoice::Url(format!("http://127.0.0.1:{port}"));
    let c = Client::new(s, ApiKey::new(KEY).expect("key")).expect("client");
    let (result, _) = run(&c, None);
    let err = result.expect_err("proxy");
    assert!(matches!(err, DashboardError::Proxy { .. }), "{err:?}");
    let en = err.message(&I18n::new(Lang::En));
    assert!(
        en.contains(&format!("127.0.0.1:{port}")) && en.contains("HTTPS_PROXY"),
        "{en}"
    );
}

#[test]
fn a_cancel_stops_the_wait_for_a_retry() {
    let server =
        FakeDashboard::start(|_, _| Reply::error(429, "slow down").header("Retry-After", "30"));
    let c = client(&server.base_url());
    let cancel = AtomicBool::new(false);
    let target = Target::new("549236", None).expect("target");
    let started = std::time::Instant::now();
    let result = dashboard::check(
        &c,
        &target,
        &mut |p| {
            if matches!(p, CheckProgress::Waiting { .. }) {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    );
    assert_eq!(result, Err(DashboardError::Cancelled));
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(server.received().len(), 1);
}

#[test]
fn identifiers_are_checked_before_any_request() {
    assert!(matches!(
        Target::new("12/../34", None),
        Err(DashboardError::BadId {
            id: "meraki_org_id",
            ..
        })
    ));
    assert!(matches!(
        Target::new("549236", Some("Sub 1&x=y")),
        Err(DashboardError::BadId {
            id: "subscription_id",
            ..
        })
    ));
    assert_eq!(Target::new("  ", None), Err(DashboardError::NoOrganization));
    assert_eq!(
        Target::new(" 549236 ", Some(" "))
            .expect("target")
            .subscription_id,
        None
    );
}

#[test]
fn the_key_never_shows_in_debug_output() {
    let c = client("https://api.meraki.com/api/v1");
    assert!(!format!("{c:?}").contains(KEY));
}

#[test]
fn a_dashboard_that_echoes_the_key_gets_it_kept_nowhere() {
    let server = FakeDashboard::start(|req, _| {
        let auth = req.header("authorization").unwrap_or_default().to_owned();
        if req.target.contains("/organizations/") {
            Reply::json(&organization(
                "549236",
                &format!("Org {auth}"),
                "subscription",
            ))
        } else {
            Reply::error(500, &format!("failed for {auth}")).header("X-Request-Id", &auth)
        }
    });
    let (result, _) = run(&client(&server.base_url()), None);
    let err = result.expect_err("500");
    for lang in Lang::ALL {
        assert!(!err.message(&I18n::new(lang)).contains(KEY));
    }
    assert!(!format!("{err:?}").contains(KEY));

    let server = FakeDashboard::start(|req, _| {
        let auth = req.header("authorization").unwrap_or_default().to_owned();
        if req.target.contains("/organizations/") {
            Reply::json(&organization(
                "549236",
                &format!("Org {auth}"),
                "subscription",
            ))
        } else {
            Reply::json(&serde_json::json!([]))
        }
    });
    let (result, _) = run(&client(&server.base_url()), None);
    let evidence = result.expect("evidence");
    assert_eq!(
        evidence.organization_name.as_deref(),
        Some("Org Bearer [API key]")
    );
}

#[test]
fn an_echoed_key_cut_by_the_text_limit_leaves_none_of_its_characters() {
    // The key starts 10 characters before the 200-character limit of a kept text.
    let pad = "x".repeat(190);
    let start = &KEY[..10];
    let server = FakeDashboard::start(move |req, _| {
        let key = req
            .header("authorization")
            .unwrap_or_default()
            .trim_start_matches("Bearer ")
            .to_owned();
        let echo = format!("{}{key}", "x".repeat(190));
        if req.target.contains("/organizations/") && !req.target.contains("subscriptions") {
            Reply::json(&organization("549236", &echo, "subscription"))
        } else {
            Reply::error(500, &echo).header("X-Request-Id", &echo)
        }
    });
    let (result, _) = run(&client(&server.base_url()), None);
    let err = result.expect_err("500");
    for lang in Lang::ALL {
        assert!(!err.message(&I18n::new(lang)).contains(start));
    }
    assert!(!format!("{err:?}").contains(start), "{err:?}");

    let server = FakeDashboard::start(move |req, _| {
        let key = req
            .header("authorization")
            .unwrap_or_default()
            .trim_start_matches("Bearer ")
            .to_owned();
        let echo = format!("{}{key}", "x".repeat(190));
        if req.target.contains("/organizations/") && !req.target.contains("subscriptions") {
            Reply::json(&organization("549236", &echo, "subscription"))
        } else {
            Reply::json(&serde_json::json!([])).header("X-Request-Id", &echo)
        }
    });
    let (result, _) = run(&client(&server.base_url()), None);
    let evidence = result.expect("evidence");
    let name = evidence.organization_name.expect("name");
    assert!(name.starts_with(&pad), "{name}");
    assert!(!name.contains(start), "{name}");
    assert!(!format!("{:?}", evidence.request_ids).contains(start));
}

#[test]
fn the_spec_table_status_and_enterprise_agreement() {
    let evidence = Evidence {
        checked_at: "2026-11-24T09:06:00Z".parse().expect("time"),
        base_url: "https://api.meraki.com/api/v1".into(),
        request_ids: Vec::new(),
        organization_id: "549236".into(),
        organization_name: None,
        licensing_model: Some("subscription".into()),
        subscription_id: Some("SR1234567".into()),
        subscriptions_listed: 1,
        subscription: Some(cssm_assistant::evidence::SubscriptionFacts {
            subscription_id: "SR1234567".into(),
            status: Some("expired".into()),
            kind: Some("enterpriseAgreement".into()),
            networks: Some(4),
            smart_account_status: Some("active".into()),
            smart_account_domain: Some("acme.example".into()),
            ..Default::default()
        }),
        unreadable_items: 0,
        listing_incomplete: false,
    };
    let analysis = analyse(
        &evidence,
        &stated(&[("sa_status", "active"), ("claimed_bound", "yes")]),
        &stated(&[("smart_account_domain", "acme.example")]),
    );
    assert!(analysis.proposals.is_empty(), "the answer already matches");
    assert_eq!(
        analysis.findings,
        [
            Finding::SubscriptionStatus {
                status: "expired".into()
            },
            Finding::EnterpriseAgreement
        ]
    );
    assert!(analysis.conflicts().next().is_none());
    let fr = I18n::new(Lang::Fr);
    assert_eq!(
        analysis.findings[0].message(&fr),
        "Le statut de l'abonnement est expiré (expired), et non actif (active)."
    );
}
