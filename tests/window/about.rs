//! The About box: reachable by keyboard from the top bar, a dialog with a heading, the
//! version, the licence and the path of the licence notices, all in the accessibility
//! tree; Escape closes it and gives the focus back to its button.

use crate::support::kittest::*;
use cssm_assistant::app::Dialogs;
use cssm_assistant::i18n::Lang;
use cssm_assistant::ui::about;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn the_about_box_opens_by_keyboard_shows_the_notices_and_escape_closes_it() {
    for lang in Lang::ALL {
        let mut h = harness(lang, Dialogs::scripted([]));
        let title = t(lang, "about.title");
        assert!(
            h.query_by_role_and_label(Role::Heading, &title).is_none(),
            "{lang:?}: closed at first"
        );

        // Keyboard only: focus the button, press Enter.
        h.get_by_role_and_label(Role::Button, &t(lang, "about.button"))
            .focus();
        h.run();
        h.key_press(Key::Enter);
        h.run();

        let heading = h.get_by_role_and_label(Role::Heading, &title);
        assert_eq!(heading.accesskit_node().level(), Some(2), "{lang:?}");
        assert!(heading.is_focused(), "{lang:?}: the heading has the focus");
        let version = t(lang, "about.version").replace("{version}", env!("CARGO_PKG_VERSION"));
        h.get_by_label(&version);
        let license = t(lang, "about.license").replace("{license}", "MIT OR Apache-2.0");
        h.get_by_label(&license);
        // The notices' path, as this program would look for it.
        let path = about::current_notices_path().display().to_string();
        assert!(path.ends_with("THIRD-PARTY-LICENSES.html"), "{path}");
        h.get_by_label(&path);
        h.get_by_role_and_label(Role::Button, &t(lang, "about.close"));

        h.key_press(Key::Escape);
        h.run();
        assert!(
            h.query_by_role_and_label(Role::Heading, &title).is_none(),
            "{lang:?}: Escape closes the box"
        );
        assert!(!about::is_open(&h.ctx), "{lang:?}");
        let name = t(lang, "about.button");
        let button = h.get_by_role_and_label(Role::Button, &name);
        assert!(
            button.is_focused(),
            "{lang:?}: the focus is back on the button"
        );
    }
}

#[test]
fn the_close_button_closes_the_about_box() {
    let lang = Lang::Fr;
    let mut h = harness(lang, Dialogs::scripted([]));
    click(&mut h, lang, "about.button");
    assert!(about::is_open(&h.ctx));
    click(&mut h, lang, "about.close");
    assert!(!about::is_open(&h.ctx));
    assert!(
        h.query_by_role_and_label(Role::Heading, &t(lang, "about.title"))
            .is_none()
    );
}
