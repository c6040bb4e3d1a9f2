//! Picking the organization and the subscription from the Dashboard in the window
//! (kittest, against the fake Dashboard on 127.0.0.1): keyboard only (type to filter,
//! arrows, Enter), rows a screen reader reads as name, ID, status, the fields filled
//! as edits (logged, undone), Cancel while pages load, and an organization whose API
//! access is off.

use crate::support::fake_dashboard;
use crate::support::kittest;

use std::time::{Duration, Instant};

use cssm_assistant::app::{AssistantApp, Dialogs};
use cssm_assistant::i18n::Lang;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use fake_dashboard::{FakeDashboard, Reply, listed_organization, lists, subscription};
use kittest::*;

const KEY: &str = "feedface0123456789abcdef0123456789abcdef";

/// Three organizations over two pages (one with API access off); two subscriptions
/// of organization 110 over two pages.
fn dashboard() -> FakeDashboard {
    lists(
        vec![
            vec![
                listed_organization("120", "Acme Lyon", true),
                listed_organization("400", "Globex", false),
            ],
            vec![listed_organization("110", "Acme Paris", true)],
        ],
        vec![(
            "110".to_owned(),
            vec![
                vec![subscription("Sub-B", 3, "acme.example", "active")],
                vec![subscription("Sub-A", 1, "acme.example", "active")],
            ],
        )],
    )
}

/// A harness on the Meraki step, the key typed, the fake as the Dashboard.
fn on_meraki_step(lang: Lang, server: &FakeDashboard) -> Harness<'static, AssistantApp> {
    let mut h = harness(lang, Dialogs::scripted([]));
    fill_required(&mut h, lang);
    choose(&mut h, lang, "has_smart_account_access", "yes");
    click(&mut h, lang, "ui.next");
    choose(&mut h, lang, "sa_assigned", "yes");
    choose(&mut h, lang, "sa_status", "active");
    choose(&mut h, lang, "subscription_visible", "no");
    click(&mut h, lang, "ui.next");
    h.state_mut().assistant.dashboard.base_url = Some(server.base_url());
    h.run();
    h.get_by_label(&t(lang, "dashboard.ui.key")).focus();
    h.run();
    h.get_by_label(&t(lang, "dashboard.ui.key")).type_text(KEY);
    h.run();
    h
}

/// Steps frames (the spinner animates) until the listing has ended.
fn wait_listed(h: &mut Harness<'static, AssistantApp>) {
    h.step();
    let deadline = Instant::now() + Duration::from_secs(20);
    while h.state().assistant.dashboard.picker.running() {
        assert!(Instant::now() < deadline, "the listing did not end");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run();
}

/// Draws the consequences of an input: to the listing's end if one started.
fn settle(h: &mut Harness<'static, AssistantApp>) {
    h.step();
    if h.state().assistant.dashboard.picker.running() {
        wait_listed(h);
    } else {
        h.run();
    }
}

fn press(h: &mut Harness<'static, AssistantApp>, key: Key) {
    h.key_press(key);
    settle(h);
}

/// Clicks "Choose the organization from the Dashboard" and waits for the list.
fn open_organizations(h: &mut Harness<'static, AssistantApp>, lang: Lang) {
    h.get_by_role_and_label(Role::Button, &t(lang, "pick.open.org"))
        .click();
    settle(h);
}

fn field(h: &Harness<'static, AssistantApp>, id: &str) -> String {
    h.state().assistant.case().field(id).to_owned()
}

/// The rows of the list on screen, as a screen reader reads them.
fn rows(h: &Harness<'static, AssistantApp>) -> Vec<String> {
    h.query_all(By::new().role(Role::ListBoxOption))
        .filter_map(|n| n.accesskit_node().label())
        .collect()
}

fn focused_label(h: &Harness<'static, AssistantApp>) -> Option<String> {
    h.query_all(By::new())
        .find(|n| n.is_focused())
        .and_then(|n| n.accesskit_node().label())
}

#[test]
fn choose_an_organization_then_a_subscription_with_the_keyboard_then_undo() {
    let lang = Lang::En;
    let server = dashboard();
    let mut h = on_meraki_step(lang, &server);
    open_organizations(&mut h, lang);

    // A list box named by its heading, whose rows read as name, ID, status, in a
    // stable order (by name), every page read.
    let heading = "Organizations this key can read (3)";
    h.get_by_role_and_label(Role::ListBox, heading);
    assert_eq!(
        rows(&h),
        [
            "Acme Lyon, 120, API access on, region Europe, licensing model subscription",
            "Acme Paris, 110, API access on, region Europe, licensing model subscription",
            "Globex, 400, API access off, region Europe, licensing model subscription",
        ]
    );
    // The filter has the focus: type, go down to the list, move, Enter.
    assert_eq!(
        focused_label(&h).as_deref(),
        Some(t(lang, "pick.filter").as_str())
    );
    h.get_by_label(&t(lang, "pick.filter")).type_text("acme");
    h.run();
    assert_eq!(rows(&h).len(), 2);
    press(&mut h, Key::ArrowDown);
    assert!(
        focused_label(&h).is_some_and(|l| l.starts_with("Acme Lyon, 120")),
        "{:?}",
        focused_label(&h)
    );
    press(&mut h, Key::ArrowDown);
    assert!(
        focused_label(&h).is_some_and(|l| l.starts_with("Acme Paris, 110")),
        "{:?}",
        focused_label(&h)
    );
    press(&mut h, Key::Enter);
    assert_eq!(field(&h, "meraki_org_id"), "110");
    assert!(shows(
        &h,
        "Organization 110 (Acme Paris) chosen from the Dashboard."
    ));
    // Enter chose; it did not also leave the step.
    assert_eq!(
        h.state().assistant.view(),
        cssm_assistant::assistant::View::Step(2)
    );

    // Its subscriptions come next, every page, sorted by ID; the filter has the focus.
    h.get_by_role_and_label(Role::ListBox, "Subscriptions of organization 110 (2)");
    let subs = rows(&h);
    assert_eq!(subs.len(), 2);
    assert!(
        subs[0].starts_with("Subscription Sub-A, Sub-A, active"),
        "{subs:?}"
    );
    assert!(
        subs[1].starts_with("Subscription Sub-B, Sub-B, active"),
        "{subs:?}"
    );
    h.get_by_label(&t(lang, "pick.filter")).type_text("sub-b");
    h.run();
    press(&mut h, Key::Enter);
    assert_eq!(field(&h, "subscription_id"), "Sub-B");
    assert!(rows(&h).is_empty(), "the list closes once both are chosen");

    // Each choice is a logged edit, like a typed one…
    let events = &h.state().assistant.case().events;
    assert!(events.iter().any(|e| e.item == "meraki_org_id"));
    assert!(events.iter().any(|e| e.item == "subscription_id"));
    // …and Undo takes them back, one at a time.
    h.get_by_role_and_label(Role::Button, &t(lang, "ui.undo"))
        .click();
    h.run();
    assert_eq!(field(&h, "subscription_id"), "");
    assert_eq!(field(&h, "meraki_org_id"), "110");
    h.state_mut()
        .assistant
        .apply(cssm_assistant::assistant::Action::Undo);
    h.run();
    assert_eq!(field(&h, "meraki_org_id"), "");
    // Only GETs, with the key as a Bearer token.
    assert!(
        server
            .received()
            .iter()
            .all(|r| r.method == "GET"
                && r.header("authorization") == Some(&format!("Bearer {KEY}")))
    );
}

#[test]
fn the_filter_searches_as_you_type_in_french() {
    let lang = Lang::Fr;
    let server = dashboard();
    let mut h = on_meraki_step(lang, &server);
    open_organizations(&mut h, lang);
    assert!(shows(&h, "3 sur 3 affichés"));
    // By ID…
    h.get_by_label(&t(lang, "pick.filter")).type_text("40");
    h.run();
    assert_eq!(rows(&h).len(), 1);
    for _ in 0..2 {
        press(&mut h, Key::Backspace);
    }
    assert_eq!(rows(&h).len(), 3);
    // …or by name, whatever the case.
    h.get_by_label(&t(lang, "pick.filter")).type_text("GLOB");
    h.run();
    assert_eq!(
        rows(&h),
        ["Globex, 400, accès API désactivé, région Europe, modèle de licence subscription"]
    );
    assert!(shows(&h, "1 sur 3 affichés"));
    h.get_by_label(&t(lang, "pick.filter")).type_text("zzz");
    h.run();
    assert!(rows(&h).is_empty());
    assert!(shows(&h, &t(lang, "pick.no_match")));
    // Escape closes the list without choosing anything.
    press(&mut h, Key::Escape);
    assert!(h.state().assistant.dashboard.picker.shown.is_none());
    assert_eq!(field(&h, "meraki_org_id"), "");
}

#[test]
fn cancel_stops_the_listing_while_pages_load() {
    let lang = Lang::En;
    let server = FakeDashboard::start(|_, _| {
        Reply::error(429, "API rate limit exceeded").header("Retry-After", "30")
    });
    let mut h = on_meraki_step(lang, &server);
    h.get_by_role_and_label(Role::Button, &t(lang, "pick.open.org"))
        .click();
    h.step();
    let deadline = Instant::now() + Duration::from_secs(20);
    let waiting = "The Dashboard asks to wait: retrying in 30 s…";
    while !shows(&h, waiting) {
        assert!(Instant::now() < deadline, "the wait was never shown");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.get_by_role_and_label(Role::Button, &t(lang, "pick.cancel"))
        .click();
    wait_listed(&mut h);
    assert!(shows(&h, "The listing was canceled."));
    assert!(rows(&h).is_empty());
    assert_eq!(server.received().len(), 1, "no retry after Cancel");
    // The button lists again.
    assert!(
        !h.get_by_role_and_label(Role::Button, &t(lang, "pick.open.org"))
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn an_organization_with_api_access_off_is_filled_but_its_subscriptions_are_not_listed() {
    let lang = Lang::En;
    let server = dashboard();
    let mut h = on_meraki_step(lang, &server);
    open_organizations(&mut h, lang);
    h.get_by_role_and_label(
        Role::ListBoxOption,
        "Globex, 400, API access off, region Europe, licensing model subscription",
    )
    .click();
    settle(&mut h);
    assert_eq!(field(&h, "meraki_org_id"), "400");
    assert!(!h.state().assistant.dashboard.picker.running());
    assert!(shows(
        &h,
        "API access is off for organization 400: its subscriptions cannot be listed or checked. Turn it on in Organization > Settings, or type the subscription ID."
    ));
    assert!(
        server
            .received()
            .iter()
            .all(|r| !r.target.contains("/subscriptions")),
        "no listing for an organization whose API access is off"
    );
    // The subscription stays a field to type.
    type_into(&mut h, lang, "subscription_id", "Sub-typed");
    assert_eq!(field(&h, "subscription_id"), "Sub-typed");
}
