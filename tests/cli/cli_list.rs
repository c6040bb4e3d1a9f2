//! `cssm-assistant check` without `--org` (the organizations the key can read) or
//! without `--subscription` (that organization's subscriptions), against the fake
//! Dashboard on 127.0.0.1: every page, a stable order, the user's language, TSV for
//! scripts, a 429 waited out, an unreadable item counted and said, a bad `Link` said,
//! and `check`'s exit statuses.

use crate::support::fake_dashboard;

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use fake_dashboard::{FakeDashboard, Reply, listed_organization, lists, lists_with, subscription};

const KEY: &str = "c0ffee00112233445566778899aabbccddeeff00";

#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cssm-assistant"));
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env("MERAKI_DASHBOARD_API_KEY", KEY)
        .stdin(Stdio::null());
    for v in [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        c.env_remove(v);
    }
    c
}

fn finish(c: &mut Command) -> Run {
    let out = c.output().expect("the binary runs");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 messages"),
    };
    assert!(
        !run.stdout.contains(KEY) && !run.stderr.contains(KEY),
        "the key was printed: {run:?}"
    );
    run
}

/// Seven organizations over three pages, out of order, one with API access off, and
/// one item without an ID.
fn organizations() -> Vec<Vec<serde_json::Value>> {
    vec![
        vec![
            listed_organization("300", "Zeta Retail", true),
            listed_organization("120", "acme Lyon", true),
            serde_json::json!({ "name": "No id here" }),
        ],
        vec![
            listed_organization("110", "Acme Paris", true),
            listed_organization("400", "Globex", false),
        ],
        vec![
            listed_organization("500", "Initech", true),
            listed_organization("105", "Acme Paris", true),
        ],
    ]
}

#[test]
fn check_without_org_lists_every_organization_in_a_stable_order() {
    let server = lists(organizations(), vec![]);
    let run = finish(command().args(["check", "--base-url", &server.base_url()]));
    assert_eq!(run.code, Some(0), "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "acme Lyon, 120, API access on, region Europe, licensing model subscription",
            "Acme Paris, 105, API access on, region Europe, licensing model subscription",
            "Acme Paris, 110, API access on, region Europe, licensing model subscription",
            "Globex, 400, API access off, region Europe, licensing model subscription",
            "Initech, 500, API access on, region Europe, licensing model subscription",
            "Zeta Retail, 300, API access on, region Europe, licensing model subscription",
        ],
        "{}",
        run.stdout
    );
    // The item without an ID is counted and said, never dropped silently.
    assert!(
        run.stderr
            .contains("1 item could not be read (no readable ID)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("6 organizations listed."),
        "{}",
        run.stderr
    );
    // Every page, read-only, with the key as a Bearer token; perPage as the spec says.
    let received = server.received();
    assert_eq!(received.len(), 3, "{received:?}");
    assert!(
        received
            .iter()
            .all(|r| r.method == "GET"
                && r.header("authorization") == Some(&format!("Bearer {KEY}")))
    );
    assert!(received[0].target.contains("perPage=9000"), "{received:?}");

    // The same order again, in French, and as TSV for scripts.
    let run = finish(command().args(["check", "--lang", "fr", "--base-url", &server.base_url()]));
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout
            .contains("Globex, 400, accès API désactivé, région Europe"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("1 élément n'a pas pu être lu"),
        "{}",
        run.stderr
    );
    let run = finish(command().args([
        "check",
        "--format",
        "tsv",
        "--lang",
        "fr",
        "--base-url",
        &server.base_url(),
    ]));
    assert_eq!(run.code, Some(0), "{run:?}");
    let rows: Vec<Vec<&str>> = run
        .stdout
        .lines()
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(
        rows[0],
        ["id", "name", "api_enabled", "licensing_model", "region"]
    );
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0]).collect();
    assert_eq!(ids, ["120", "105", "110", "400", "500", "300"]);
    assert_eq!(
        rows[4],
        ["400", "Globex", "false", "subscription", "Europe"]
    );
}

#[test]
fn check_with_org_only_lists_its_subscriptions_waiting_out_a_429() {
    let subs = vec![
        vec![
            subscription("Sub-300", 2, "acme.example", "active"),
            subscription("Sub-100", 0, "acme.example", "active"),
        ],
        vec![
            serde_json::json!({ "subscriptionId": null, "name": "broken" }),
            subscription("SR-200", 5, "globex.example", "pending"),
        ],
    ];
    let limited = AtomicBool::new(false);
    let server = lists_with(
        organizations(),
        vec![("110".to_owned(), subs)],
        Duration::ZERO,
        move |req, _| {
            // The second page is rate-limited once.
            let second = req.target.contains("startingAfter=p1");
            (second && !limited.swap(true, Ordering::SeqCst)).then(|| {
                Reply::error(429, "API rate limit exceeded for organization")
                    .header("Retry-After", "1")
            })
        },
    );
    let run = finish(command().args(["check", "--org", "110", "--base-url", &server.base_url()]));
    assert_eq!(run.code, Some(0), "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(
        lines[0].starts_with("Subscription SR-200, SR-200, active, type termed, Smart Account Acme Corp (globex.example), networks bound: 5"),
        "{}",
        run.stdout
    );
    assert!(
        lines[1].starts_with("Subscription Sub-100, Sub-100,"),
        "{}",
        run.stdout
    );
    assert!(
        lines[2].starts_with("Subscription Sub-300, Sub-300,"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("organization 110: Acme Paris"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the Dashboard asks to wait: retrying in 1 s"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 item could not be read"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 subscriptions listed."),
        "{}",
        run.stderr
    );
    let received = server.received();
    let listing: Vec<_> = received
        .iter()
        .filter(|r| r.target.contains("/subscriptions?"))
        .collect();
    // Page 1, page 2 answered 429, page 2 again; never with subscriptionIds[].
    assert_eq!(listing.len(), 3, "{received:?}");
    assert!(
        listing
            .iter()
            .all(|r| !r.target.contains("subscriptionIds"))
    );
    assert!(listing[0].target.contains("perPage=1000"), "{listing:?}");

    // TSV, for scripts.
    let run = finish(command().args([
        "check",
        "--org",
        "110",
        "--format",
        "tsv",
        "--base-url",
        &server.base_url(),
    ]));
    assert_eq!(run.code, Some(0), "{run:?}");
    let rows: Vec<Vec<&str>> = run
        .stdout
        .lines()
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows[0][0], "subscription_id");
    assert_eq!(
        rows[1],
        [
            "SR-200",
            "Subscription SR-200",
            "active",
            "termed",
            "Acme Corp",
            "globex.example",
            "5"
        ]
    );
}

#[test]
fn a_case_file_with_an_organization_but_no_subscription_lists_its_subscriptions() {
    let server = lists(
        organizations(),
        vec![(
            "500".to_owned(),
            vec![vec![subscription("Sub-9", 1, "acme.example", "active")]],
        )],
    );
    let dir = tempfile::tempdir().expect("dir");
    let case = dir.path().join("case.ron");
    std::fs::write(
        &case,
        r#"(procedure: "cssm-subscription-visibility", answers: {}, fields: { "meraki_org_id": "500" })"#,
    )
    .expect("write");
    let run = finish(
        command()
            .args(["check", "--base-url", &server.base_url()])
            .arg(&case),
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout.starts_with("Subscription Sub-9, Sub-9, active"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_organization_with_api_access_off_is_said_and_exit_3() {
    let server = lists(organizations(), vec![]);
    let run = finish(command().args(["check", "--org", "400", "--base-url", &server.base_url()]));
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(
        run.stderr
            .contains("API access is off for organization 400"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        server
            .received()
            .iter()
            .all(|r| !r.target.contains("/subscriptions")),
        "no listing for an organization whose API access is off"
    );
}

#[test]
fn a_bad_link_is_said_and_nothing_is_listed() {
    // A `Link` whose target is no URL at all.
    let server = FakeDashboard::start(|_, _| {
        Reply::json(&serde_json::json!([listed_organization("1", "One", true)]))
            .header("Link", "<ftp:nowhere>; rel=next")
    });
    let run = finish(command().args(["check", "--base-url", &server.base_url()]));
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(
        run.stderr
            .contains("not what its API documents (Link: ftp:nowhere)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.is_empty(),
        "a partial list was printed: {}",
        run.stdout
    );

    // A `Link` to another host: the key is not sent there.
    let server = FakeDashboard::start(|_, _| {
        Reply::json(&serde_json::json!([listed_organization("1", "One", true)])).header(
            "Link",
            "<https://elsewhere.example/api/v1/organizations?p=2>; rel=next",
        )
    });
    let run = finish(command().args(["check", "--base-url", &server.base_url()]));
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(run.stderr.contains("elsewhere.example"), "{}", run.stderr);
    assert_eq!(server.received().len(), 1);

    // A `Link` that comes back to the same page: the listing is said to loop.
    let server = FakeDashboard::start(|req, _| {
        Reply::json(&serde_json::json!([listed_organization("1", "One", true)]))
            .header("Link", &format!("<{}>; rel=next", req.target))
    });
    let run = finish(command().args(["check", "--base-url", &server.base_url()]));
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(
        run.stderr.contains("keeps sending the request around"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_exit_statuses_are_checks() {
    // No key: 2, and nothing was asked of anyone.
    let server = lists(organizations(), vec![]);
    let run = finish(command().env_remove("MERAKI_DASHBOARD_API_KEY").args([
        "check",
        "--base-url",
        &server.base_url(),
    ]));
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("MERAKI_DASHBOARD_API_KEY"),
        "{}",
        run.stderr
    );
    assert!(server.received().is_empty());
    // A refused key: 3, with the status.
    let server = FakeDashboard::start(|_, _| Reply::error(401, "Invalid API key"));
    let run = finish(command().args(["check", "--base-url", &server.base_url()]));
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(run.stderr.contains("HTTP 401"), "{}", run.stderr);
    // A bad organization ID: 2.
    let run = finish(command().args([
        "check",
        "--org",
        "12/../3",
        "--base-url",
        &server.base_url(),
    ]));
    assert_eq!(run.code, Some(2), "{run:?}");
}
