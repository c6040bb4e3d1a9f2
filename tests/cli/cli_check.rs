//! `cssm-assistant check` run as a user runs it, against a fake Dashboard on
//! 127.0.0.1: what it prints, what it writes, its exit status (0 done, 1 output not
//! written, 2 bad input or no key, 3 the Dashboard refused or could not be reached), and
//! the key in nothing it prints or writes.

use crate::support::binary::{self, Run};
use crate::support::fake_dashboard;

use std::path::{Path, PathBuf};
use std::process::Command;

use cssm_assistant::case::{AnswerSource, Case, Strictness};
use cssm_assistant::procedure::Procedure;
use fake_dashboard::{FakeDashboard, Reply, organization, paged, subscription};

const KEY: &str = "f00dcafe0123456789abcdef0123456789abcdef";

/// A case file on the Meraki step, not yet checked with Meraki Support.
const CASE: &str = crate::support::fixtures::NOT_YET_CASE;

/// The binary with a known environment (English, no proxy) and the key set.
fn command() -> Command {
    let mut c = binary::command();
    c.env("MERAKI_DASHBOARD_API_KEY", KEY);
    c
}

/// Runs `c` and checks the key is in nothing it printed.
fn finish(c: &mut Command) -> Run {
    let run = binary::finish(c);
    assert!(
        !run.stdout.contains(KEY) && !run.stderr.contains(KEY),
        "the key was printed: {run:?}"
    );
    run
}

fn case_file(dir: &Path) -> PathBuf {
    let path = dir.join("case.ron");
    std::fs::write(&path, CASE).expect("write");
    path
}

fn dashboard_with_the_subscription(networks: u64) -> FakeDashboard {
    paged(
        organization("549236", "Acme Org", "subscription"),
        vec![
            vec![subscription("Sub-other", 1, "acme.example", "active")],
            vec![subscription(
                "Sub-wanted",
                networks,
                "acme.example",
                "pending",
            )],
        ],
    )
}

#[test]
fn prints_the_evidence_proposals_and_conflicts_in_french() {
    let server = dashboard_with_the_subscription(2);
    let dir = tempfile::tempdir().expect("dir");
    let run = finish(
        command()
            .args(["check", "--lang", "fr", "--base-url", &server.base_url()])
            .arg(case_file(dir.path())),
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout
            .starts_with("Éléments issus du Dashboard Meraki\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Organisation 549236\u{a0}: Acme Org"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Réseaux associés (bound)\u{a0}: 2"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("req-page-1"),
        "request ids: {}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Réponse proposée\u{a0}: l'abonnement est ajouté et associé"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Selon le Dashboard, le compte Smart est «\u{a0}En attente\u{a0}», alors que la réponse donnée est «\u{a0}Actif\u{a0}»."),
        "{}",
        run.stdout
    );
    // Every request carried the key from the environment, and only the GETs were made.
    assert!(
        server
            .received()
            .iter()
            .all(|r| r.method == "GET"
                && r.header("authorization") == Some(&format!("Bearer {KEY}")))
    );
}

#[test]
fn ids_from_the_flags_without_a_case() {
    let server = dashboard_with_the_subscription(0);
    let run = finish(command().args([
        "check",
        "--org",
        "549236",
        "--subscription",
        "Sub-wanted",
        "--base-url",
        &server.base_url(),
    ]));
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stdout.contains("no network is bound"), "{}", run.stdout);
}

#[test]
fn accept_writes_a_version_2_case_with_the_evidence_and_the_sources() {
    let server = paged(
        organization("549236", "Acme Org", "subscription"),
        vec![vec![subscription("Sub-other", 1, "acme.example", "active")]],
    );
    let dir = tempfile::tempdir().expect("dir");
    let case = case_file(dir.path());
    let out = dir.path().join("checked.ron");
    let run = finish(
        command()
            .args([
                "check",
                "--subscription",
                "Sub-new9",
                "--accept",
                "--base-url",
                &server.base_url(),
                "-o",
            ])
            .arg(&out)
            .arg(&case),
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(!text.contains(KEY));
    assert!(text.contains("schema_version: 2"), "{text}");
    let p = Procedure::builtin().expect("procedure");
    let loaded = Case::from_path(&out, &p, Strictness::Strict)
        .expect("loads")
        .case;
    assert_eq!(
        loaded.answers.get("claimed_bound").map(String::as_str),
        Some("no")
    );
    assert_eq!(
        loaded.answer_source("claimed_bound"),
        AnswerSource::DashboardApi
    );
    assert_eq!(loaded.field("subscription_id"), "Sub-new9");
    assert_eq!(loaded.outcome.as_deref(), Some("swit_case_not_controlled"));
    let e = loaded.evidence.expect("evidence");
    assert_eq!(e.base_url, server.base_url());
    assert_eq!(e.subscription_id.as_deref(), Some("Sub-new9"));
    assert!(e.subscription.is_none());
    // Without --accept the answers stay as they were.
    let run = finish(
        command()
            .args(["check", "--base-url", &server.base_url(), "-o"])
            .arg(&out)
            .arg(&case),
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    let loaded = Case::from_path(&out, &p, Strictness::Strict)
        .expect("loads")
        .case;
    assert_eq!(
        loaded.answers.get("claimed_bound").map(String::as_str),
        Some("not_yet")
    );
    assert!(loaded.evidence.is_some());
}

#[test]
fn no_key_is_exit_2_and_says_where_the_key_comes_from() {
    let run = finish(
        command()
            .env_remove("MERAKI_DASHBOARD_API_KEY")
            .args(["check", "--org", "1"]),
    );
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("MERAKI_DASHBOARD_API_KEY"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_arguments_are_exit_2() {
    for args in [
        vec!["check", "--org", "12/../3"],
        vec!["check", "--org", "12/../3", "--subscription", "Sub-1"],
        vec![
            "check",
            "--org",
            "1",
            "--region",
            "ca",
            "--base-url",
            "https://x.example/api/v1",
        ],
        vec!["check", "--org", "1", "--region", "mars"],
        vec![
            "check",
            "--org",
            "1",
            "--base-url",
            "http://api.meraki.com/api/v1",
        ],
        vec!["check", "--org", "1", "--accept"],
        vec!["check", "--org", "1", "-o", "out.ron"],
        vec!["check", "--org", "1", "--api-key", "x"],
    ] {
        let run = finish(command().args(&args));
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert!(!run.stderr.trim().is_empty(), "{args:?}");
    }
    let dir = tempfile::tempdir().expect("dir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(procedure: \"other\", answers: {}, fields: {})").expect("write");
    let run = finish(command().args(["check", "--org", "1"]).arg(&bad));
    assert_eq!(run.code, Some(2), "{run:?}");
}

#[test]
fn a_refusal_is_exit_3_naming_the_status_and_request_id() {
    let server = FakeDashboard::start(|_, _| {
        Reply::error(500, "Something went wrong").header("X-Request-Id", "9b1e77aa")
    });
    let run =
        finish(command().args(["check", "--org", "549236", "--base-url", &server.base_url()]));
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(
        run.stderr.contains("HTTP 500") && run.stderr.contains("9b1e77aa"),
        "{}",
        run.stderr
    );
    let server = FakeDashboard::start(|_, _| Reply::error(401, "Invalid API key"));
    let run = finish(command().args([
        "check",
        "--org",
        "549236",
        "--lang",
        "fr",
        "--base-url",
        &server.base_url(),
    ]));
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(
        run.stderr.contains("HTTP 401") && run.stderr.contains("clé"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unwritable_output_is_exit_1() {
    let server = dashboard_with_the_subscription(2);
    let dir = tempfile::tempdir().expect("dir");
    let run = finish(
        command()
            .args(["check", "--base-url", &server.base_url(), "-o"])
            .arg(dir.path().join("missing-folder/out.ron"))
            .arg(case_file(dir.path())),
    );
    assert_eq!(run.code, Some(1), "{run:?}");
}

#[test]
fn https_proxy_and_no_proxy_are_honoured() {
    // An HTTPS base (a name that never resolves, RFC 6761) through the proxy: the proxy
    // gets the tunnel request; the TLS inside it then fails, as it is no Dashboard.
    // (A plain-HTTP loopback base never goes through a proxy: see
    // `a_loopback_base_goes_direct_whatever_the_proxy_variables_say`.)
    let proxy = FakeDashboard::start(|_, _| Reply::status(400));
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let base = "https://api.meraki.invalid/api/v1";
    let run = finish(command().env("HTTPS_PROXY", proxy.origin()).args([
        "check",
        "--org",
        "549236",
        "--subscription",
        "Sub-1",
        "--base-url",
        base,
    ]));
    assert_eq!(run.code, Some(3), "{run:?}");
    assert_eq!(proxy.received()[0].method, "CONNECT");
    assert_eq!(proxy.received()[0].target, "api.meraki.invalid:443");

    let before = proxy.received().len();
    let run = finish(
        command()
            .env("HTTPS_PROXY", proxy.origin())
            .env("NO_PROXY", "api.meraki.invalid")
            .args(["check", "--org", "549236", "--base-url", base]),
    );
    assert_eq!(run.code, Some(3), "{run:?}");
    assert_eq!(proxy.received().len(), before, "NO_PROXY was not honoured");

    let run = finish(
        command()
            .env("HTTPS_PROXY", format!("http://127.0.0.1:{port}"))
            .args(["check", "--org", "549236", "--region", "com"]),
    );
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(
        run.stderr.contains(&format!("proxy 127.0.0.1:{port}")),
        "{}",
        run.stderr
    );
}

/// `-o` as `summary -o` does it: a symbolic link is followed (the file it names is
/// replaced, the link stays), and the case file being read is never written over.
#[cfg(unix)]
#[test]
fn output_follows_links_and_refuses_the_case_file() {
    let server = dashboard_with_the_subscription(2);
    let dir = tempfile::tempdir().expect("dir");
    let case = case_file(dir.path());
    let real = dir.path().join("real.ron");
    std::fs::write(&real, "old").expect("write");
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let run = finish(
        command()
            .args(["check", "--base-url", &server.base_url(), "-o"])
            .arg(&link)
            .arg(&case),
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    assert!(
        std::fs::read_to_string(&real)
            .expect("read")
            .contains("schema_version: 2")
    );

    // The case file itself, directly or through a link, is refused: exit 1, unchanged.
    let to_case = dir.path().join("to-case.ron");
    std::os::unix::fs::symlink(&case, &to_case).expect("symlink");
    for out in [&case, &to_case] {
        let run = finish(
            command()
                .args(["check", "--base-url", &server.base_url(), "-o"])
                .arg(out)
                .arg(&case),
        );
        assert_eq!(run.code, Some(1), "{run:?}");
        assert!(
            run.stderr.contains("this is the case file being read"),
            "{}",
            run.stderr
        );
        assert_eq!(std::fs::read_to_string(&case).expect("read"), CASE);
    }
}

/// `-o` to a device (through a link, so that replacing the output would replace the
/// link, never the device) writes to it as a stream.
#[cfg(unix)]
#[test]
fn output_to_a_device_is_written_as_a_stream() {
    let server = dashboard_with_the_subscription(2);
    let dir = tempfile::tempdir().expect("dir");
    let case = case_file(dir.path());
    let null = dir.path().join("null");
    std::os::unix::fs::symlink("/dev/null", &null).expect("symlink");
    let run = finish(
        command()
            .args(["check", "--base-url", &server.base_url(), "-o"])
            .arg(&null)
            .arg(&case),
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        std::fs::symlink_metadata(&null)
            .expect("meta")
            .file_type()
            .is_symlink(),
        "the link to the device was replaced by a file"
    );
}

#[test]
fn escape_sequences_from_a_case_file_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().expect("dir");
    let case = dir.path().join("case\u{1b}[2J.ron");
    let hostile = CASE.replace(
        "\"smart_account_name\"",
        "\"\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\": \"x\", \"smart_account_name\"",
    );
    std::fs::write(&case, hostile).expect("write");
    let run = finish(command().arg("check").arg(&case));
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        !run.stderr.chars().any(|c| c.is_control() && c != '\n'),
        "{:?}",
        run.stderr
    );
    assert!(
        run.stderr.contains("case\\u{1b}[2J.ron"),
        "{:?}",
        run.stderr
    );
    assert!(run.stderr.contains("\\u{7}"), "{:?}", run.stderr);
}

#[test]
fn thousands_of_notices_are_capped() {
    let dir = tempfile::tempdir().expect("dir");
    let count = 40_000;
    let mut text = String::from(
        "(\n    procedure: \"cssm-subscription-visibility\",\n    procedure_version: 0,\n    answers: {},\n    fields: {\n        \"meraki_org_id\": \"549236\",\n",
    );
    for i in 0..count {
        text.push_str(&format!("        \"k{i}\": \"v\",\n"));
    }
    text.push_str("    },\n)\n");
    let case = dir.path().join("many.ron");
    std::fs::write(&case, text).expect("write");
    // No key: the notices are told, then the missing key (exit 2).
    let run = finish(
        command()
            .env_remove("MERAKI_DASHBOARD_API_KEY")
            .arg("check")
            .arg(&case),
    );
    assert_eq!(run.code, Some(2), "{run:?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(lines.len() <= 25, "{} lines", lines.len());
    assert!(
        // Numbers written as English writes them (words review 2026-12-05, L11).
        run.stderr.contains(&format!(
            "and {},{:03} more",
            (count + 1 - 20) / 1000,
            (count + 1 - 20) % 1000
        )),
        "{}",
        run.stderr
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_standard_output_that_cannot_be_written_is_told_in_the_users_language() {
    let server = dashboard_with_the_subscription(2);
    let dir = tempfile::tempdir().expect("dir");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let run = finish(
        command()
            .args(["check", "--lang", "fr", "--base-url", &server.base_url()])
            .arg(case_file(dir.path()))
            .stdout(full),
    );
    assert_eq!(run.code, Some(1), "{run:?}");
    let last = run.stderr.lines().last().expect("a message");
    assert!(
        last.starts_with("cssm-assistant: impossible d'écrire sur la sortie standard"),
        "{last}"
    );
    assert!(!last.contains("No space left"), "{last}");
    assert!(!last.contains("os error"), "{last}");
}

// ==== issue 18 (doubt, secrets) ====

/// `command()` checking `--org 549236 --subscription Sub-wanted` at `base`.
fn check_at(base: &str) -> Command {
    let mut c = command();
    c.args([
        "check",
        "--lang",
        "en",
        "--org",
        "549236",
        "--subscription",
        "Sub-wanted",
        "--base-url",
        base,
    ]);
    c
}

const PROXY_VARS: [&str; 6] = [
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
];

#[test]
fn a_loopback_base_goes_direct_whatever_the_proxy_variables_say() {
    let server = dashboard_with_the_subscription(2);
    // A proxy that records what reaches it, then a dead one.
    let recorder = FakeDashboard::start(|_, _| Reply::status(502));
    let dead = format!("http://127.0.0.1:{}", fake_dashboard::dead_port());
    for proxy in [recorder.origin(), dead] {
        let mut c = check_at(&server.base_url());
        for v in PROXY_VARS {
            c.env(v, &proxy);
        }
        let run = finish(&mut c);
        assert_eq!(run.code, Some(0), "{proxy}: {run:?}");
        assert!(run.stdout.contains("Networks bound: 2"), "{}", run.stdout);
    }
    assert!(
        recorder.received().is_empty(),
        "the key went through the proxy: {:?}",
        recorder.received()
    );
}

#[test]
fn a_base_url_with_a_password_is_refused_and_the_password_not_printed() {
    let server = dashboard_with_the_subscription(2);
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out.ron");
    let base = format!(
        "http://relayuser:S3cretRelayPw@127.0.0.1:{}/api/v1",
        server.port()
    );
    let run = finish(
        command()
            .args(["check", "--lang", "en", "--base-url", &base, "-o"])
            .arg(&out)
            .arg(case_file(dir.path())),
    );
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("user name or password"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("S3cret") && !run.stdout.contains("S3cret"),
        "{run:?}"
    );
    assert!(!out.exists());
    assert!(server.received().is_empty());
}

#[test]
fn a_key_echoed_json_escaped_upper_cased_or_percent_encoded_is_printed_and_written_nowhere() {
    use fake_dashboard::Echo;
    let holds = |text: &str| {
        let lower = text.to_lowercase();
        lower.contains(KEY)
            || lower.contains(&Echo::JsonEscaped.json(KEY))
            || lower.contains(&Echo::PercentEncoded.json(KEY).to_lowercase())
    };
    for form in Echo::ALL {
        // Quoted by a parse error, on stderr.
        let server = fake_dashboard::echoing_in_a_parse_error(form);
        let run = finish(&mut check_at(&server.base_url()));
        assert_eq!(run.code, Some(3), "{form:?}: {run:?}");
        assert!(!holds(&run.stderr), "{form:?}: {}", run.stderr);
        assert!(run.stderr.contains("[API key]"), "{form:?}: {}", run.stderr);

        // In the organization's name: stdout, then the case file.
        let server = FakeDashboard::start(move |req, _| {
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
                Reply::json(&serde_json::json!([subscription(
                    "Sub-wanted",
                    1,
                    "acme.example",
                    "active"
                )]))
            }
        });
        let run = finish(&mut check_at(&server.base_url()));
        assert_eq!(run.code, Some(0), "{form:?}: {run:?}");
        assert!(!holds(&run.stdout), "{form:?}: {}", run.stdout);
        assert!(
            run.stdout.contains("Org [API key]"),
            "{form:?}: {}",
            run.stdout
        );
        let dir = tempfile::tempdir().expect("dir");
        let out = dir.path().join("out.ron");
        let run = finish(
            command()
                .args(["check", "--base-url", &server.base_url(), "-o"])
                .arg(&out)
                .arg(case_file(dir.path())),
        );
        assert_eq!(run.code, Some(0), "{form:?}: {run:?}");
        let text = std::fs::read_to_string(&out).expect("written");
        assert!(!holds(&text), "{form:?}: {text}");
    }
}

#[test]
fn dashboard_texts_are_escaped_on_stdout() {
    let org = serde_json::json!({
        "id": "549236",
        "name": "Acme \u{202E}gro.live\u{202C} Corp \u{200B}\u{1B}[31mred",
        "licensing": { "model": "subscription" },
    });
    let mut item = subscription("Sub-wanted", 1, "\u{202E}elpmaxe.emca", "active");
    item["name"] = "Sub for claim S2345-6789A-BCDEF-GHJKM".into();
    let server = paged(org, vec![vec![item]]);
    let run = finish(&mut check_at(&server.base_url()));
    assert_eq!(run.code, Some(0), "{run:?}");
    for c in ['\u{202E}', '\u{202C}', '\u{200B}', '\u{1B}'] {
        assert!(!run.stdout.contains(c), "{c:?} in {}", run.stdout);
    }
    assert!(!run.stdout.contains("GHJKM"), "{}", run.stdout);
    assert!(run.stdout.contains("(claim key removed)"), "{}", run.stdout);
}

#[test]
fn an_unreadable_listing_item_is_never_printed_as_not_listed() {
    let item = fake_dashboard::without_subscription_id(subscription(
        "Sub-wanted",
        3,
        "acme.example",
        "active",
    ));
    let server = paged(
        organization("549236", "Acme Org", "subscription"),
        vec![vec![item]],
    );
    let run = finish(&mut check_at(&server.base_url()));
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(!run.stdout.contains("is not listed"), "{}", run.stdout);
    assert!(!run.stdout.contains("not listed in"), "{}", run.stdout);
    assert!(!run.stdout.contains("Proposed answer"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("unknown whether it is listed in organization 549236"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("1 item of the listing could not be read"),
        "{}",
        run.stdout
    );

    // With --accept: nothing is accepted, and the answer stays as it was.
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out.ron");
    let run = finish(
        command()
            .args(["check", "--accept", "--base-url", &server.base_url(), "-o"])
            .arg(&out)
            .arg(case_file(dir.path())),
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    let p = Procedure::builtin().expect("procedure");
    let loaded = Case::from_path(&out, &p, Strictness::Strict)
        .expect("loads")
        .case;
    assert_eq!(
        loaded.answers.get("claimed_bound").map(String::as_str),
        Some("not_yet")
    );
    assert_eq!(loaded.evidence.expect("evidence").unreadable_items, 1);
}

#[test]
fn a_huge_retry_after_stops_at_once_and_says_why() {
    let server = FakeDashboard::start(|_, _| {
        Reply::error(429, "API rate limit exceeded")
            .header("Retry-After", "99999999999999999999999")
    });
    let started = std::time::Instant::now();
    let run = finish(&mut check_at(&server.base_url()));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(
        run.stderr.contains("180 s") && run.stderr.contains("without waiting"),
        "{}",
        run.stderr
    );
    assert_eq!(server.received().len(), 1);
}

#[test]
fn other_ids_than_the_case_s_without_accept_are_refused_before_any_call() {
    let server = dashboard_with_the_subscription(3);
    let dir = tempfile::tempdir().expect("dir");
    let case = case_file(dir.path());
    let out = dir.path().join("checked.ron");
    for (flag, value, lang, said) in [
        (
            "--subscription",
            "Sub-other",
            "C",
            "--subscription Sub-other is not the case file's ID (Sub-wanted)",
        ),
        (
            "--org",
            "549999",
            "fr_FR.UTF-8",
            "--org 549999 n'est pas l'ID du fichier de fiche (549236)",
        ),
    ] {
        let run = finish(
            command()
                .env("LANG", lang)
                .args(["check", flag, value, "--base-url", &server.base_url(), "-o"])
                .arg(&out)
                .arg(&case),
        );
        assert_eq!(run.code, Some(2), "{run:?}");
        assert!(run.stderr.contains(said), "{}", run.stderr);
        assert!(!out.exists(), "nothing written");
    }
    assert!(
        server.received().is_empty(),
        "nothing was asked of the Dashboard"
    );
    // The same IDs as the case's are no difference.
    let run = finish(
        command()
            .args([
                "check",
                "--subscription",
                " Sub-wanted",
                "--base-url",
                &server.base_url(),
            ])
            .arg(&case),
    );
    assert_eq!(run.code, Some(0), "{run:?}");
}
