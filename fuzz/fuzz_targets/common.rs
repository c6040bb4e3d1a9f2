#![allow(dead_code)] // Each target uses its own part.

//! What both fuzz targets share: the built-in procedure, parsed once, and the claim-key
//! scan of a rendered text.

use std::sync::LazyLock;

use cssm_assistant::procedure::Procedure;
use cssm_assistant::procedure::validation::is_claim_key;

/// The built-in procedure, parsed and linted once per process.
pub static PROCEDURE: LazyLock<Procedure> =
    LazyLock::new(|| Procedure::builtin().expect("the built-in procedure loads"));

/// The first claim-key-shaped word of `text`, if any. A word is a run of ASCII letters,
/// digits and `-`, as the summary's redaction reads words.
pub fn claim_key_in(text: &str) -> Option<&str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .find(|word| is_claim_key(word))
}
