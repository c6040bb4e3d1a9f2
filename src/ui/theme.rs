//! The light and dark looks of the window, chosen for contrast (WCAG 2.1 AA): every
//! text at least 4.5:1 against the fill it sits on, every input's edge at least 3:1.
//! `tests/contrast.rs` measures what the window actually draws in both themes.

use egui::{Color32, Stroke, Theme, ThemePreference, Visuals};
use serde::{Deserialize, Serialize};

/// The theme the user chose: the system's, or one of the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system's light or dark setting.
    #[default]
    #[serde(rename = "system")]
    System,
    /// Always light.
    #[serde(rename = "light")]
    Light,
    /// Always dark.
    #[serde(rename = "dark")]
    Dark,
}

impl ThemeChoice {
    /// Every choice, in the order the window offers them.
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    /// egui's preference for this choice.
    pub fn preference(self) -> ThemePreference {
        match self {
            ThemeChoice::System => ThemePreference::System,
            ThemeChoice::Light => ThemePreference::Light,
            ThemeChoice::Dark => ThemePreference::Dark,
        }
    }

    /// The choice behind egui's preference.
    pub fn from_preference(preference: ThemePreference) -> ThemeChoice {
        match preference {
            ThemePreference::System => ThemeChoice::System,
            ThemePreference::Light => ThemeChoice::Light,
            ThemePreference::Dark => ThemeChoice::Dark,
        }
    }

    /// The locale key of its name in the window.
    pub fn key(self) -> &'static str {
        match self {
            ThemeChoice::System => "theme.system",
            ThemeChoice::Light => "theme.light",
            ThemeChoice::Dark => "theme.dark",
        }
    }
}

/// Opacity of the stepper's steps still to do. They are disabled buttons (they cannot
/// be opened yet), which WCAG exempts from contrast, but their titles tell what comes
/// next and are worth reading: at 0.75 they pass 4.5:1 in both themes and still look
/// dimmer than the steps that can be opened. Elsewhere disabled controls keep egui's
/// 0.5, which says "not now" more plainly.
pub const READABLE_DISABLED_ALPHA: f32 = 0.75;

/// The look of the window in a theme.
pub fn visuals(theme: Theme) -> Visuals {
    match theme {
        Theme::Dark => dark(),
        Theme::Light => light(),
    }
}

fn dark() -> Visuals {
    let mut v = Visuals::dark();
    // Body text 12:1 on the panel (egui's grey 140 was 5.2:1), help text 7:1 (was 2.7:1).
    v.widgets.noninteractive.fg_stroke.color = Color32::from_gray(210);
    v.weak_text_color = Some(Color32::from_gray(165));
    // Input and button edges, 4.2:1 on the panel and 4.8:1 on a text box (egui draws none).
    v.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_gray(125));
    // Red text at 6:1 (pure red is 4.3:1 on the dark panel).
    v.error_fg_color = Color32::from_rgb(0xff, 0x6e, 0x6e);
    v.warn_fg_color = Color32::from_rgb(0xff, 0xa3, 0x3d);
    v
}

fn light() -> Visuals {
    let mut v = Visuals::light();
    // Body text 11:1 on the panel, help text 6:1.
    v.widgets.noninteractive.fg_stroke.color = Color32::from_gray(40);
    v.weak_text_color = Some(Color32::from_gray(95));
    // Input and button edges, 4.1:1 on the panel (egui draws none on an idle text box).
    v.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_gray(120));
    // Links 6:1 (egui's light blue is 2.8:1), red 6:1 (pure red is 3.8:1).
    v.hyperlink_color = Color32::from_rgb(0x00, 0x5a, 0xb4);
    v.error_fg_color = Color32::from_rgb(0xbe, 0x00, 0x00);
    v.warn_fg_color = Color32::from_rgb(0x9a, 0x4a, 0x00);
    v
}

/// Installs both looks in the context; which one shows follows `choice`.
pub fn install(ctx: &egui::Context, choice: ThemeChoice) {
    ctx.set_visuals_of(Theme::Dark, visuals(Theme::Dark));
    ctx.set_visuals_of(Theme::Light, visuals(Theme::Light));
    ctx.set_theme(choice.preference());
}

/// The theme choice the context holds now.
pub fn current_choice(ctx: &egui::Context) -> ThemeChoice {
    ThemeChoice::from_preference(ctx.options(|o| o.theme_preference))
}
