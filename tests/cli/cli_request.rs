//! The request after `check --accept`, through the binary, against a fake Dashboard on
//! 127.0.0.1 (issue 18, point 2; the words review's case file C): a subscription the
//! organization's listing does not hold is said as "not listed in organization Y",
//! never as "Meraki does NOT control it", and Meraki Support is told to confirm it.

use crate::support::binary;
use crate::support::fake_dashboard::{organization, paged, subscription};

const KEY: &str = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0";

const CASE: &str = r#"(
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example",
              "meraki_org_id": "549236", "subscription_id": "SR1234567" },
)
"#;

#[test]
fn a_subscription_not_listed_is_said_so_in_the_request_never_not_controlled() {
    let server = paged(
        organization("549236", "Acme Org", "subscription"),
        vec![vec![subscription(
            "Sub-wanted",
            3,
            "acme.example",
            "active",
        )]],
    );
    let dir = tempfile::tempdir().expect("dir");
    let case = dir.path().join("C.ron");
    std::fs::write(&case, CASE).expect("write");
    let out = dir.path().join("C-checked.ron");
    let run = binary::finish(
        binary::command()
            .env("MERAKI_DASHBOARD_API_KEY", KEY)
            .args([
                "check",
                "--subscription",
                "Sub-none",
                "--accept",
                "--base-url",
                &server.base_url(),
                "-o",
            ])
            .arg(&out)
            .arg(&case),
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    for (lang, confirm) in [
        (
            "en",
            "Meraki Support: this answer comes from the partner's Dashboard check, not from \
             you. Confirm it before you send the request.",
        ),
        (
            "fr",
            "Assistance Meraki\u{a0}: cette réponse vient de la vérification du partenaire dans \
             le Dashboard, pas de vous. Confirmez-la avant de transmettre la demande.",
        ),
    ] {
        let run = binary::finish(
            binary::command()
                .args(["summary", "--lang", lang])
                .arg(&out),
        );
        assert_eq!(run.code, Some(0), "{run:?}");
        let text = run.stdout;
        assert!(
            text.contains(" (request id req-")
                && text.contains(
                    ") does not list Cisco Networking Subscription Sub-none in Meraki organization \
                 549236. It is expected in Smart Account \"Acme Corp\" (acme.example). Its \
                 consumption does not appear in that Smart Account in CSSM. Please check and \
                 advise."
                ),
            "{text}"
        );
        assert!(!text.contains("Meraki does NOT control"), "{text}");
        assert!(!text.contains("Meraki Support advises"), "{text}");
        let (above, _) = text
            .split_once("does not list Cisco Networking Subscription")
            .expect("the request");
        assert!(above.contains(confirm), "{lang}: {text}");
        assert!(!text.contains(KEY));
    }
}
