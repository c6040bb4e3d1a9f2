//! Cases used by the summary tests: one per outcome of the built-in procedure, plus an
//! unfinished one, each built the way the window builds it (typed fields, answers,
//! changes of mind) at fixed times, so their summaries are stable.

// Each test file uses its own part of these helpers.
#![allow(dead_code)]

use cssm_assistant::case::Case;
use cssm_assistant::i18n::Lang;
use cssm_assistant::procedure::Procedure;
use jiff::{SignedDuration, Timestamp};

/// When every fixture case is started.
pub const STARTED: &str = "2026-11-24T09:00:00Z";

/// When every golden summary is generated.
pub const GENERATED: &str = "2026-11-24T10:30:00Z";

/// One thing the user does.
#[derive(Debug, Clone, Copy)]
pub enum Act {
    /// Types a value into a field.
    Type(&'static str, &'static str),
    /// Answers a question.
    Answer(&'static str, &'static str),
    /// Takes the escape hatch ("I can't resolve this").
    Escalate,
}

/// A case and the outcome it reaches (`None`: unfinished).
#[derive(Debug, Clone, Copy)]
pub struct Fixture {
    /// The golden file's name: the outcome id, or `unfinished`.
    pub name: &'static str,
    /// The outcome the case reaches.
    pub outcome: Option<&'static str>,
    /// What the user did, in order.
    pub acts: &'static [Act],
}

use Act::{Answer, Escalate, Type};

const ACCESS: Act = Answer("has_smart_account_access", "yes");
const ASSIGNED: Act = Answer("sa_assigned", "yes");
const ACTIVE: Act = Answer("sa_status", "active");
const NOT_VISIBLE: Act = Answer("subscription_visible", "no");
const NAME: Act = Type("smart_account_name", "Acme Corp");
const DOMAIN: Act = Type("smart_account_domain", "Acme.Example");

/// Every fixture: the eight outcomes and an unfinished case.
pub const FIXTURES: &[Fixture] = &[
    Fixture {
        name: "obtain_access",
        outcome: Some("obtain_access"),
        acts: &[
            NAME,
            DOMAIN,
            ACCESS,
            ASSIGNED,
            // Changing the first answer leaves the second one out of the path.
            Answer("has_smart_account_access", "no"),
            Type(
                "notes",
                "The customer's Smart Account administrator is away until Monday.",
            ),
        ],
    },
    Fixture {
        name: "assign_smart_account",
        outcome: Some("assign_smart_account"),
        acts: &[
            NAME,
            DOMAIN,
            Type("order_number", "87654321"),
            ACCESS,
            Answer("sa_assigned", "no"),
        ],
    },
    Fixture {
        name: "contact_licensing_support",
        outcome: Some("contact_licensing_support"),
        acts: &[
            NAME,
            DOMAIN,
            Type("order_number", "87654321"),
            Type("contact_email", "jane.doe@partner.example"),
            ACCESS,
            ASSIGNED,
            Answer("sa_status", "pending"),
        ],
    },
    Fixture {
        name: "already_visible",
        outcome: Some("already_visible"),
        acts: &[
            NAME,
            DOMAIN,
            ACCESS,
            ASSIGNED,
            ACTIVE,
            Answer("subscription_visible", "yes"),
        ],
    },
    Fixture {
        name: "ask_meraki_support",
        outcome: Some("ask_meraki_support"),
        acts: &[
            NAME,
            DOMAIN,
            Type("meraki_org_id", "2930418"),
            Type("subscription_id", "SR1234567"),
            ACCESS,
            ASSIGNED,
            ACTIVE,
            NOT_VISIBLE,
            Answer("claimed_bound", "not_yet"),
        ],
    },
    Fixture {
        name: "swit_case_claimed",
        outcome: Some("swit_case_claimed"),
        acts: &[
            NAME,
            DOMAIN,
            Type("meraki_org_id", "2930418"),
            Type("subscription_id", "SR1234567"),
            Type("order_number", "87654321"),
            Type("contact_email", "jane.doe@partner.example"),
            ACCESS,
            ASSIGNED,
            Answer("sa_status", "pending"),
            // The customer activated the account: the answer changes.
            ACTIVE,
            NOT_VISIBLE,
            Answer("claimed_bound", "not_yet"),
            Answer("claimed_bound", "yes"),
            Type(
                "notes",
                "Meraki case 01234567 confirmed the claim and bind on 2026-11-20.\nThe Virtual Account is \"Default\".",
            ),
        ],
    },
    Fixture {
        name: "swit_case_not_controlled",
        outcome: Some("swit_case_not_controlled"),
        acts: &[
            NAME,
            DOMAIN,
            Type("subscription_id", "Sub-0042-EU"),
            ACCESS,
            ASSIGNED,
            ACTIVE,
            NOT_VISIBLE,
            Answer("claimed_bound", "no"),
        ],
    },
    Fixture {
        name: "escalate_meraki_case",
        outcome: Some("escalate_meraki_case"),
        acts: &[
            NAME,
            DOMAIN,
            Type("contact_email", "jane.doe@partner.example"),
            ACCESS,
            ASSIGNED,
            Type(
                "notes",
                "CCW shows two Smart Accounts with this name; I cannot tell which one is assigned.",
            ),
            Escalate,
        ],
    },
    Fixture {
        name: "unfinished",
        outcome: None,
        acts: &[NAME, ACCESS, ASSIGNED],
    },
];

/// The built-in procedure.
pub fn procedure() -> Procedure {
    Procedure::builtin().expect("the built-in procedure loads")
}

/// A fixed time.
pub fn t(s: &str) -> Timestamp {
    s.parse().expect("a timestamp")
}

/// The fixture's case, each act 37 seconds after the one before.
pub fn build(fixture: &Fixture, lang: Lang) -> Case {
    let p = procedure();
    let start = t(STARTED);
    let mut case = Case::new(&p, lang, start);
    for (i, act) in fixture.acts.iter().enumerate() {
        let now = start + SignedDuration::from_secs(37 * (i as i64 + 1));
        match *act {
            Type(field, value) => {
                case.set_field(field, value, now);
            }
            Answer(question, option) => {
                case.set_answer(question, Some(option), now);
            }
            Escalate => {
                case.set_escalated(true, now);
            }
        }
    }
    case
}

/// The fixture with this name.
pub fn fixture(name: &str) -> &'static Fixture {
    FIXTURES
        .iter()
        .find(|f| f.name == name)
        .expect("a fixture of that name")
}
