//! The "answer changed" banner and its Undo, and browsing a radio group with the arrow
//! keys (which answers at once): Undo undoes the change the banner tells of, only on
//! its page, and browsing away and back is no change at all, in the state and in the
//! event log sent to support.

use cssm_assistant::assistant::{Action, Assistant, View};
use cssm_assistant::case::AnswerSource;
use cssm_assistant::evidence::Evidence;
use cssm_assistant::i18n::Lang;
use cssm_assistant::procedure::Procedure;

fn answer(a: &mut Assistant, question: &str, option: &str) {
    a.apply(Action::Answer {
        question: question.into(),
        option: option.into(),
    });
}

/// An assistant at the outcome of a finished path.
fn finished() -> Assistant {
    let mut a = Assistant::new(Procedure::builtin().expect("procedure"), Lang::En);
    for (id, value) in [
        ("smart_account_name", "Acme Corp"),
        ("smart_account_domain", "acme.example"),
    ] {
        a.apply(Action::SetField {
            id: id.into(),
            value: value.into(),
        });
    }
    for (q, o) in [
        ("has_smart_account_access", "yes"),
        ("sa_assigned", "yes"),
        ("sa_status", "active"),
        ("subscription_visible", "no"),
        ("claimed_bound", "yes"),
    ] {
        answer(&mut a, q, o);
    }
    assert!(a.evaluation().outcome.is_some());
    a.apply(Action::Open(View::Outcome));
    a.apply(Action::Edit("sa_status".into()));
    a
}

fn events_of(a: &Assistant, item: &str) -> usize {
    a.case().events.iter().filter(|e| e.item == item).count()
}

#[test]
fn browsing_away_and_back_is_no_change() {
    let mut a = finished();
    let before = a.case().clone();
    let undo_before = a.can_undo();
    answer(&mut a, "sa_status", "pending");
    assert!(
        a.banner.as_ref().is_some_and(|b| b.undo),
        "the change is told"
    );
    answer(&mut a, "sa_status", "active");
    assert!(a.banner.is_none(), "{:?}", a.banner);
    assert_eq!(a.case().answers, before.answers);
    assert_eq!(
        events_of(&a, "sa_status"),
        events_of(
            &Assistant::with_case(
                Procedure::builtin().expect("procedure"),
                before.clone(),
                Lang::En
            ),
            "sa_status"
        ),
        "the browse is logged: {:?}",
        a.case().events
    );
    assert_eq!(a.can_undo(), undo_before);
}

#[test]
fn browsing_through_several_options_is_one_change_in_the_log() {
    let mut a = finished();
    let before = events_of(&a, "subscription_visible");
    answer(&mut a, "subscription_visible", "yes");
    answer(&mut a, "subscription_visible", "no");
    answer(&mut a, "subscription_visible", "yes");
    assert_eq!(
        events_of(&a, "subscription_visible"),
        before + 1,
        "{:?}",
        a.case().events
    );
    let last = a.case().events.last().expect("an event");
    assert_eq!(last.from.as_deref(), Some("no"));
    assert_eq!(last.to.as_deref(), Some("yes"));
}

#[test]
fn the_banner_undo_goes_away_with_its_page() {
    let mut a = finished();
    answer(&mut a, "sa_status", "pending");
    assert!(a.banner.as_ref().is_some_and(|b| b.undo));
    a.apply(Action::Back);
    assert!(
        a.banner.is_none(),
        "the Undo banner followed to another page"
    );
}

#[test]
fn the_banner_undo_never_undoes_a_later_change() {
    let mut a = finished();
    answer(&mut a, "sa_status", "pending");
    assert!(a.banner.as_ref().is_some_and(|b| b.undo));
    // A later change with its own undo step ("I can't resolve this").
    a.apply(Action::Escalate);
    assert!(
        a.banner.as_ref().is_none_or(|b| !b.undo),
        "an Undo that says \"answer changed\" would now undo the escalation: {:?}",
        a.banner
    );
}

/// The assistant of [`finished`] with evidence of its own IDs that shows the
/// subscription not listed: it proposes `claimed_bound` = no.
fn checked_not_listed() -> Assistant {
    let mut a = finished();
    for (id, value) in [("meraki_org_id", "549236"), ("subscription_id", "Sub-1")] {
        a.apply(Action::SetField {
            id: id.into(),
            value: value.into(),
        });
    }
    a.apply(Action::DashboardChecked(Box::new(Ok(Evidence {
        checked_at: "2026-11-24T09:06:00Z".parse().expect("time"),
        base_url: "https://api.meraki.com/api/v1".into(),
        request_ids: Vec::new(),
        organization_id: "549236".into(),
        organization_name: None,
        licensing_model: Some("subscription".into()),
        subscription_id: Some("Sub-1".into()),
        subscriptions_listed: 1,
        subscription: None,
    }))));
    a.apply(Action::Edit("claimed_bound".into()));
    a
}

#[test]
fn browsing_away_and_back_keeps_an_accepted_answers_source() {
    let mut a = checked_not_listed();
    a.apply(Action::AcceptProposal {
        question: "claimed_bound".into(),
        option: "no".into(),
    });
    assert_eq!(
        a.case().answer_source("claimed_bound"),
        AnswerSource::DashboardApi
    );
    let accepted = a.case().clone();
    answer(&mut a, "claimed_bound", "yes");
    assert_eq!(
        a.case().answer_source("claimed_bound"),
        AnswerSource::MerakiSupport
    );
    answer(&mut a, "claimed_bound", "no");
    assert_eq!(a.case().answers, accepted.answers);
    assert_eq!(
        a.case().answer_source("claimed_bound"),
        AnswerSource::DashboardApi,
        "back where the browse started: the answer is still the Dashboard's"
    );
    // Undo still undoes the acceptance itself.
    a.apply(Action::Undo);
    assert_eq!(
        a.case().answers.get("claimed_bound").map(String::as_str),
        Some("yes")
    );
    assert_eq!(
        a.case().answer_source("claimed_bound"),
        AnswerSource::MerakiSupport
    );
}
