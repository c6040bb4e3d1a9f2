//! The spec's paths through the procedure, written out by hand from
//! procedure-spec.md: the answers in order, and the outcome they lead to.

/// Every branch of the spec: answers in the order asked, and the outcome.
pub const EXPECTED: &[(&[(&str, &str)], &str)] = &[
    (&[("has_smart_account_access", "no")], "obtain_access"),
    (
        &[("has_smart_account_access", "yes"), ("sa_assigned", "no")],
        "assign_smart_account",
    ),
    (
        &[
            ("has_smart_account_access", "yes"),
            ("sa_assigned", "yes"),
            ("sa_status", "pending"),
        ],
        "contact_licensing_support",
    ),
    (
        &[
            ("has_smart_account_access", "yes"),
            ("sa_assigned", "yes"),
            ("sa_status", "active"),
            ("subscription_visible", "yes"),
        ],
        "already_visible",
    ),
    (
        &[
            ("has_smart_account_access", "yes"),
            ("sa_assigned", "yes"),
            ("sa_status", "active"),
            ("subscription_visible", "no"),
            ("claimed_bound", "yes"),
        ],
        "swit_case_claimed",
    ),
    (
        &[
            ("has_smart_account_access", "yes"),
            ("sa_assigned", "yes"),
            ("sa_status", "active"),
            ("subscription_visible", "no"),
            ("claimed_bound", "no"),
        ],
        "swit_case_not_controlled",
    ),
    (
        &[
            ("has_smart_account_access", "yes"),
            ("sa_assigned", "yes"),
            ("sa_status", "active"),
            ("subscription_visible", "no"),
            ("claimed_bound", "not_yet"),
        ],
        "ask_meraki_support",
    ),
];
