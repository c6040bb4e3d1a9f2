//! Doubt is never turned into a fact, and the key stays secret, against hostile fake
//! Dashboards on 127.0.0.1 (issue 18, points 3 and 4): listing items the client cannot
//! read, unknown network counts, a bad `Link`, the check's overall time limit, a huge
//! `Retry-After`, proxies with a loopback base, credentials in the base URL, the key
//! echoed in any form, and Dashboard texts made to disguise themselves.

use crate::support::fake_dashboard;

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use cssm_assistant::dashboard::{self, Client, ProxyChoice, Settings};
use cssm_assistant::evidence::{
    ApiKey, DashboardError, Evidence, Finding, Target, analyse, claim_proposal, fact_lines,
    report_text,
};
use cssm_assistant::i18n::{I18n, Lang};
use fake_dashboard::{
    Echo, FakeDashboard, LISTING, Reply, dead_port, echoing, echoing_in_a_parse_error,
    organization, paged, paged_with_delay, subscription, with_listing, with_networks,
    without_smart_account, without_subscription_id,
};

const KEY: &str = "0123456789abcdef0123456789abcdef01234567";

fn settings(base: &str) -> Settings {
    Settings {
        base_url: base.to_owned(),
        proxy: ProxyChoice::Direct,
        ..Settings::default()
    }
}

fn run_with(settings: Settings, sub: Option<&str>) -> Result<Evidence, DashboardError> {
    let client = Client::new(settings, ApiKey::new(KEY).expect("key")).expect("client");
    let target = Target::new("549236", sub).expect("target");
    dashboard::check(&client, &target, &mut |_| {}, &AtomicBool::new(false))
}

fn run(base: &str, sub: Option<&str>) -> Result<Evidence, DashboardError> {
    run_with(settings(base), sub)
}

fn org_body() -> String {
    organization("549236", "Acme Org", "subscription").to_string()
}

/// A Dashboard whose listing answers `items` on one page, with a `Link` of its first
/// page (as Meraki's last page).
fn listing_of(items: Vec<serde_json::Value>) -> FakeDashboard {
    let body = serde_json::Value::Array(items).to_string();
    with_listing("549236", org_body(), move |_, origin| {
        Reply::status(200)
            .body(body.clone())
            .header("Link", &format!("<{origin}{LISTING}>; rel=first"))
    })
}

fn english(evidence: &Evidence) -> String {
    fact_lines(evidence, &I18n::new(Lang::En)).join("\n")
}

#[test]
fn an_item_without_a_readable_subscription_id_makes_the_result_unknown() {
    // The wanted subscription with its id under another key, as the review's M5.
    let item = without_subscription_id(subscription("Sub-wanted", 3, "acme.example", "active"));
    for items in [
        vec![item],
        vec![serde_json::Value::Null, 1.into(), "x".into()],
        vec![serde_json::json!({ "subscriptionId": null, "name": "Sub-wanted" })],
    ] {
        let count = items.len() as u64;
        let server = listing_of(items);
        let evidence = run(&server.base_url(), Some("Sub-wanted")).expect("evidence");
        assert!(evidence.subscription.is_none());
        assert_eq!(evidence.unreadable_items, count);
        assert!(!evidence.listing_certain());
        // Never "not listed", never "not claimed".
        assert_eq!(claim_proposal(&evidence), None);
        let analysis = analyse(
            &evidence,
            &BTreeMap::new(),
            &BTreeMap::from([("claimed_bound".to_owned(), "yes".to_owned())]),
        );
        assert!(analysis.proposals.is_empty(), "{analysis:?}");
        assert!(
            analysis
                .findings
                .contains(&Finding::UnreadableItems { count })
        );
        assert!(analysis.findings.contains(&Finding::NotFoundUncertain {
            subscription_id: "Sub-wanted".into(),
            organization_id: "549236".into(),
        }));
        assert!(
            !analysis
                .findings
                .iter()
                .any(|f| matches!(f, Finding::NotListed { .. }))
        );
        let facts = english(&evidence);
        assert!(!facts.contains("not listed"), "{facts}");
        assert!(facts.contains("unknown whether it is listed"), "{facts}");
        assert!(facts.contains("could not be read"), "{facts}");
        let report = report_text(&evidence, &analysis, &I18n::new(Lang::Fr));
        assert!(report.contains("on ne sait pas"), "{report}");
    }
}

#[test]
fn a_subscription_not_listed_is_said_as_exactly_that() {
    let server = paged(
        organization("549236", "Acme Org", "subscription"),
        vec![vec![subscription("Sub-other", 1, "acme.example", "active")]],
    );
    let evidence = run(&server.base_url(), Some("Sub-missing")).expect("evidence");
    assert!(evidence.listing_certain());
    assert_eq!(claim_proposal(&evidence), Some("no"));
    let analysis = analyse(&evidence, &BTreeMap::new(), &BTreeMap::new());
    let en = report_text(&evidence, &analysis, &I18n::new(Lang::En));
    assert!(
        en.contains("Subscription Sub-missing is not listed in organization 549236."),
        "{en}"
    );
    assert!(
        en.contains("Subscription Sub-missing: not listed in organization 549236"),
        "{en}"
    );
    let fr = report_text(&evidence, &analysis, &I18n::new(Lang::Fr));
    assert!(
        fr.contains(
            "L'abonnement Sub-missing ne figure pas dans la liste de l'organisation 549236."
        ),
        "{fr}"
    );
    for text in [&en, &fr] {
        assert!(!text.to_lowercase().contains("control"), "{text}");
        assert!(!text.contains("contrôle"), "{text}");
    }
}

#[test]
fn an_unknown_network_count_stays_unknown() {
    for value in [
        None,
        Some(serde_json::Value::Null),
        Some((-1).into()),
        Some(serde_json::json!(1.0)),
        Some("3".into()),
    ] {
        let item = with_networks(
            subscription("Sub-wanted", 0, "acme.example", "active"),
            value.clone(),
        );
        let server = listing_of(vec![item]);
        let evidence = run(&server.base_url(), Some("Sub-wanted")).expect("evidence");
        let facts = evidence.subscription.as_ref().expect("listed");
        assert_eq!(facts.networks, None, "{value:?}");
        let analysis = analyse(&evidence, &BTreeMap::new(), &BTreeMap::new());
        assert!(
            analysis.findings.contains(&Finding::NetworkCountUnknown),
            "{value:?}: {analysis:?}"
        );
        assert!(
            !analysis.findings.contains(&Finding::NoNetworkBound),
            "{value:?}: {analysis:?}"
        );
        assert!(analysis.proposals.is_empty());
        let report = report_text(&evidence, &analysis, &I18n::new(Lang::En));
        assert!(report.contains("Networks bound: unknown"), "{report}");
        assert!(!report.contains("no network is bound"), "{report}");
    }
    // A count of 0 is a fact.
    let server = listing_of(vec![subscription(
        "Sub-wanted",
        0,
        "acme.example",
        "active",
    )]);
    let evidence = run(&server.base_url(), Some("Sub-wanted")).expect("evidence");
    let analysis = analyse(&evidence, &BTreeMap::new(), &BTreeMap::new());
    assert!(analysis.findings.contains(&Finding::NoNetworkBound));
}

#[test]
fn a_subscription_without_smart_account_shows_it_as_unknown_with_no_conflict() {
    let item = without_smart_account(subscription("Sub-wanted", 2, "acme.example", "active"));
    let server = listing_of(vec![item]);
    let evidence = run(&server.base_url(), Some("Sub-wanted")).expect("evidence");
    let facts = evidence.subscription.as_ref().expect("listed");
    assert_eq!(facts.smart_account_domain, None);
    assert_eq!(facts.smart_account_status, None);
    let analysis = analyse(
        &evidence,
        &BTreeMap::from([("sa_status".to_owned(), "active".to_owned())]),
        &BTreeMap::from([("smart_account_domain".to_owned(), "acme.example".to_owned())]),
    );
    assert!(analysis.conflicts().next().is_none(), "{analysis:?}");
    assert_eq!(claim_proposal(&evidence), Some("yes"));
    assert!(
        english(&evidence).contains("Smart Account: unknown (unknown), status unknown"),
        "{}",
        english(&evidence)
    );
}

#[test]
fn a_malformed_link_says_the_listing_may_be_incomplete() {
    // The review's L5: `rel=next` target without its `>`.
    let server = with_listing("549236", org_body(), |req, origin| {
        if req.target.contains("startingAfter") {
            Reply::json(&serde_json::json!([subscription(
                "Sub-wanted",
                1,
                "acme.example",
                "active"
            )]))
        } else {
            Reply::json(&serde_json::json!([
                subscription("Sub100002", 1, "acme.example", "active"),
                subscription("Sub100003", 1, "acme.example", "active"),
            ]))
            .header(
                "Link",
                &format!("<{origin}{LISTING}&startingAfter=Sub100003; rel=next"),
            )
        }
    });
    let evidence = run(&server.base_url(), Some("Sub-wanted")).expect("evidence");
    assert!(evidence.listing_incomplete);
    assert_eq!(evidence.subscriptions_listed, 2);
    assert!(evidence.subscription.is_none());
    // Not listed on the pages read: unknown, not "no".
    assert_eq!(claim_proposal(&evidence), None);
    let analysis = analyse(&evidence, &BTreeMap::new(), &BTreeMap::new());
    assert!(analysis.proposals.is_empty());
    assert!(analysis.findings.contains(&Finding::ListingIncomplete));
    let facts = english(&evidence);
    assert!(facts.contains("may be incomplete"), "{facts}");
    assert!(!facts.contains("not listed"), "{facts}");
}

#[test]
fn links_sent_as_several_header_lines_are_all_read() {
    let server = with_listing("549236", org_body(), |req, origin| {
        if req.target.contains("startingAfter") {
            Reply::json(&serde_json::json!([subscription(
                "Sub-wanted",
                1,
                "acme.example",
                "active"
            )]))
            .header("Link", &format!("<{origin}{LISTING}>; rel=first"))
        } else {
            Reply::json(&serde_json::json!([
                subscription("Sub100002", 1, "acme.example", "active"),
                subscription("Sub100003", 1, "acme.example", "active"),
            ]))
            .header("Link", &format!("<{origin}{LISTING}>; rel=first"))
            .header(
                "Link",
                &format!("<{origin}{LISTING}&startingAfter=Sub100003>; rel=next"),
            )
        }
    });
    let evidence = run(&server.base_url(), None).expect("evidence");
    assert_eq!(evidence.subscriptions_listed, 3);
    assert!(evidence.listing_certain());
}

#[test]
fn a_full_page_without_any_link_may_not_be_the_last() {
    let items: Vec<serde_json::Value> = (0..1000)
        .map(|i| subscription(&format!("Sub{i:04}"), 1, "acme.example", "active"))
        .collect();
    let body = serde_json::Value::Array(items).to_string();
    let server = with_listing("549236", org_body(), move |_, _| {
        Reply::status(200).body(body.clone())
    });
    let evidence = run(&server.base_url(), Some("Sub-missing")).expect("evidence");
    assert!(evidence.listing_incomplete);
    assert_eq!(claim_proposal(&evidence), None);
}

#[test]
fn a_whole_check_has_one_time_limit_besides_each_call() {
    // Pages that each take 0.6 s, each linking to the next: every call is well within
    // its own limit, the check is not.
    let pages: Vec<Vec<serde_json::Value>> = (0..20)
        .map(|p| {
            vec![subscription(
                &format!("Fill{p:06}"),
                1,
                "acme.example",
                "active",
            )]
        })
        .collect();
    let server = paged_with_delay(
        organization("549236", "Acme Org", "subscription"),
        pages,
        Duration::from_millis(600),
    );
    let mut s = settings(&server.base_url());
    s.check_timeout = Duration::from_secs(2);
    let started = Instant::now();
    let err = run_with(s, Some("Sub-wanted")).expect_err("time limit");
    assert_eq!(err, DashboardError::CheckTimeLimit { seconds: 2 });
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    assert!(server.received().len() < 6);
    let en = err.message(&I18n::new(Lang::En));
    assert!(
        en.contains("2 s") && en.contains("overall time limit"),
        "{en}"
    );
    let fr = err.message(&I18n::new(Lang::Fr));
    assert!(
        fr.contains("2 s") && fr.contains("limite de temps globale"),
        "{fr}"
    );

    // A call that never answers is cut at what is left of the check, not at its own
    // 30 s.
    let silent = FakeDashboard::start(|_, _| {
        Reply::json(&serde_json::json!({})).after(Duration::from_secs(8))
    });
    let mut s = settings(&silent.base_url());
    s.check_timeout = Duration::from_secs(1);
    let started = Instant::now();
    let err = run_with(s, None).expect_err("time limit");
    assert_eq!(err, DashboardError::CheckTimeLimit { seconds: 1 });
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    // The default limit: 3 minutes.
    assert_eq!(Settings::default().check_timeout, Duration::from_secs(180));
}

#[test]
fn a_retry_after_past_the_time_left_stops_at_once_and_says_so() {
    for asked in ["99999999999999999999999", "3600", "181"] {
        let server = FakeDashboard::start(move |_, _| {
            Reply::error(429, "API rate limit exceeded").header("Retry-After", asked)
        });
        let started = Instant::now();
        let err = run(&server.base_url(), None).expect_err("stopped");
        assert!(started.elapsed() < Duration::from_secs(2), "{asked}");
        assert_eq!(server.received().len(), 1, "{asked}: retried");
        let DashboardError::RetryPastLimit { seconds, .. } = &err else {
            panic!("{asked}: {err:?}");
        };
        assert_eq!(*seconds, 180);
        let en = err.message(&I18n::new(Lang::En));
        assert!(
            en.contains(&asked[..asked.len().min(24)])
                && en.contains("180 s")
                && en.contains("without waiting"),
            "{en}"
        );
    }
}

#[test]
fn a_plain_http_loopback_base_never_goes_through_a_proxy() {
    let server = paged(
        organization("549236", "Acme Org", "subscription"),
        vec![vec![subscription(
            "Sub-wanted",
            1,
            "acme.example",
            "active",
        )]],
    );
    // A dead proxy: going through it would fail; a live one must see nothing.
    let mut s = settings(&server.base_url());
    s.proxy = ProxyChoice::Url(format!("http://127.0.0.1:{}", dead_port()));
    run_with(s, Some("Sub-wanted")).expect("direct, not through the dead proxy");
    let proxy = FakeDashboard::start(|_, _| Reply::status(502));
    let mut s = settings(&server.base_url());
    s.proxy = ProxyChoice::Url(proxy.origin());
    run_with(s, Some("Sub-wanted")).expect("direct");
    assert!(proxy.received().is_empty(), "{:?}", proxy.received());
    assert!(
        server
            .received()
            .iter()
            .all(|r| r.method == "GET" && r.target.starts_with("/api/v1/"))
    );
}

#[test]
fn a_base_url_with_a_user_name_and_password_is_refused() {
    let server = paged(
        organization("549236", "Acme Org", "subscription"),
        vec![vec![]],
    );
    let url = format!(
        "http://relayuser:S3cretRelayPw@127.0.0.1:{}/api/v1",
        server.port()
    );
    let err = Client::new(settings(&url), ApiKey::new(KEY).expect("key")).expect_err("refused");
    assert!(
        matches!(err, DashboardError::CredentialsInUrl(_)),
        "{err:?}"
    );
    assert!(err.is_input_error());
    for lang in Lang::ALL {
        let text = err.message(&I18n::new(lang));
        assert!(
            !text.contains("S3cret") && !text.contains("relayuser"),
            "{text}"
        );
        assert!(text.contains("HTTPS_PROXY"), "{text}");
    }
    assert!(!format!("{err:?}").contains("S3cret"));
    assert!(server.received().is_empty());
}

/// Whether `text` holds the key in any form: as it is in any case, or once its JSON
/// escapes and percent-encodings are decoded and invisible characters dropped.
fn holds_key(text: &str) -> bool {
    let mut decoded = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let escape = rest
            .strip_prefix("\\u")
            .and_then(|r| r.get(..4))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .map(|v| (v, 6))
            .or_else(|| {
                rest.strip_prefix('%')
                    .and_then(|r| r.get(..2))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .map(|v| (v, 3))
            });
        match escape.and_then(|(v, n)| char::from_u32(v).map(|c| (c, n))) {
            Some((c, n)) => {
                decoded.push(c);
                rest = &rest[n..];
            }
            None => {
                decoded.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    let visible: String = decoded
        .chars()
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{FFFD}'))
        .collect::<String>()
        .to_lowercase();
    text.to_lowercase().contains(KEY) || visible.contains(KEY)
}

#[test]
fn a_key_echoed_in_any_form_is_kept_nowhere() {
    assert!(holds_key(&Echo::JsonEscaped.json(KEY)));
    assert!(holds_key(&Echo::SplitByEscapes.json(KEY)));
    for form in Echo::ALL {
        // In the organization's name, then in an error's message and request id.
        let server = echoing(form);
        let err = run(&server.base_url(), None).expect_err("500");
        for lang in Lang::ALL {
            let text = err.message(&I18n::new(lang));
            assert!(!holds_key(&text), "{form:?}: {text}");
        }
        assert!(!holds_key(&format!("{err:?}")), "{form:?}: {err:?}");

        // In a text the client could not parse: its error quotes it.
        let server = echoing_in_a_parse_error(form);
        let err = run(&server.base_url(), None).expect_err("malformed");
        assert!(matches!(err, DashboardError::Malformed { .. }), "{err:?}");
        for lang in Lang::ALL {
            let text = err.message(&I18n::new(lang));
            assert!(!holds_key(&text), "{form:?}: {text}");
        }
    }
    // In evidence that is kept: the name as read, and so in the case file.
    for form in Echo::ALL {
        let server = fake_dashboard::FakeDashboard::start(move |req, _| {
            let key = req
                .header("authorization")
                .unwrap_or_default()
                .trim_start_matches("Bearer ")
                .to_owned();
            if req.target.starts_with("/api/v1/organizations/") {
                Reply::status(200).body(format!(
                    r#"{{"id": "549236", "name": "Org {}", "licensing": {{"model": "subscription"}}}}"#,
                    form.json(&key)
                ))
            } else {
                Reply::json(&serde_json::json!([]))
            }
        });
        let evidence = run(&server.base_url(), None).expect("evidence");
        let name = evidence.organization_name.clone().expect("name");
        assert!(name.contains("[API key]"), "{form:?}: {name}");
        assert!(
            !holds_key(&format!("{evidence:?}")),
            "{form:?}: {evidence:?}"
        );
        let report = report_text(
            &evidence,
            &analyse(&evidence, &BTreeMap::new(), &BTreeMap::new()),
            &I18n::new(Lang::En),
        );
        assert!(!holds_key(&report), "{form:?}: {report}");
    }
}

#[test]
fn dashboard_texts_cannot_disguise_themselves_on_a_terminal() {
    let org = serde_json::json!({
        "id": "549236",
        "name": "Acme \u{202E}gro.live\u{202C} Corp \u{200B}\u{1B}[31mred",
        "licensing": { "model": "subscription" },
    });
    let mut item = subscription("Sub-wanted", 1, "\u{202E}elpmaxe.emca", "active");
    item["name"] = "Sub for claim S2345-6789A-BCDEF-GHJKM".into();
    let server = paged(org, vec![vec![item]]);
    let evidence = run(&server.base_url(), Some("Sub-wanted")).expect("evidence");
    let analysis = analyse(&evidence, &BTreeMap::new(), &BTreeMap::new());
    for lang in Lang::ALL {
        let report = report_text(&evidence, &analysis, &I18n::new(lang));
        for c in ['\u{202E}', '\u{202C}', '\u{200B}', '\u{1B}'] {
            assert!(!report.contains(c), "{c:?} in {report}");
        }
        assert!(report.contains('\u{FFFD}'), "{report}");
        assert!(!report.contains("GHJKM"), "{report}");
    }
}
