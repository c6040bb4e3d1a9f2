//! The message shown above the form: success, information or error, rendered in the
//! current language when it is drawn, with Undo or a question's answer when it has one.

use crate::i18n::{I18n, Lang};

use super::Action;

/// How a banner message looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BannerKind {
    /// Something happened as asked.
    Success,
    /// Something the user should know.
    Info,
    /// Something failed; nothing was lost.
    Error,
}

/// A message shown above the form, rendered in the current language at draw time.
pub struct Banner {
    /// How it looks.
    pub kind: BannerKind,
    /// Whether it offers Undo.
    pub undo: bool,
    /// A button that answers the banner's question: its label's locale key and the
    /// action it applies (Dismiss answers no).
    pub confirm: Option<(&'static str, Action)>,
    text: Box<dyn Fn(&I18n) -> String>,
}

impl Banner {
    /// A banner whose text is rendered by `text` in the current language.
    pub fn new(kind: BannerKind, text: impl Fn(&I18n) -> String + 'static) -> Banner {
        Banner {
            kind,
            undo: false,
            confirm: None,
            text: Box::new(text),
        }
    }

    /// The text in a language.
    pub fn text(&self, i18n: &I18n) -> String {
        (self.text)(i18n)
    }
}

impl std::fmt::Debug for Banner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Banner")
            .field("kind", &self.kind)
            .field("text", &self.text(&I18n::new(Lang::En)))
            .finish()
    }
}

/// A message from the window shell (autosave, drafts) rendered in every language when
/// it is made, so that it travels in an [`Action`] as plain data and still follows a
/// change of language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localized([String; Lang::ALL.len()]);

impl Localized {
    /// The message `text` renders, in each language.
    pub fn new(text: impl Fn(&I18n) -> String) -> Localized {
        Localized(Lang::ALL.map(|lang| text(&I18n::new(lang))))
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        &self.0[i]
    }
}

/// A banner that offers Undo for the change it tells of.
pub(super) fn undo_banner(kind: BannerKind, text: impl Fn(&I18n) -> String + 'static) -> Banner {
    let mut banner = Banner::new(kind, text);
    banner.undo = true;
    banner
}
