//! What keeps the command line from surprising its user: where `-o` writes (a device or
//! a pipe as a stream, a symbolic link followed, never over the input), the exit codes,
//! and messages that cannot drive the terminal (control characters escaped) or flood it
//! (notices capped).

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::i18n::I18n;
use crate::platform::os_error::OsProblem;
use crate::platform::storage;

/// The name the program gives itself in messages.
const PROGRAM: &str = "cssm-assistant";

/// Exit status when the output cannot be written (nothing is left half-written).
pub const EXIT_OUTPUT: u8 = 1;

/// Exit status when the case file cannot be read, parsed or validated.
pub const EXIT_CASE_FILE: u8 = 2;

/// Exit status when the program's built-in procedure does not load (a broken build).
pub const EXIT_PROCEDURE: u8 = 3;

/// Most notices printed about one case file; the rest are counted in one more line.
pub const MAX_NOTICES: usize = 20;

/// Longest message printed, in characters; longer ones end in `…`.
pub const MAX_MESSAGE_CHARS: usize = 1_000;

/// Where `-o` writes.
#[derive(Debug)]
pub enum Output {
    /// A regular file (new or replaced), written atomically at this path. A symbolic
    /// link is followed: this is the file it points to, and the link stays.
    File(PathBuf),
    /// A character device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO), opened for
    /// writing: written as a stream, never replaced.
    Stream(File),
}

/// Why `-o` was refused before anything was written.
#[derive(Debug)]
pub enum OutputRefusal {
    /// The output is the case file being read.
    SameAsInput,
    /// The output is a folder, a block device or a socket.
    NotAFile,
    /// A symbolic link that leads nowhere, or a device that does not open.
    Io(io::Error),
}

/// Decides how to write `output` for the case file `input`.
pub fn output_for(output: &Path, input: &Path) -> Result<Output, OutputRefusal> {
    if is_windows_device(output) {
        return open_stream(output);
    }
    // A pipe or a device reached through links (`/dev/stdout`, `/proc/self/fd/1`,
    // whose final target `pipe:[…]` is no path) is opened by the name given.
    if std::fs::metadata(output).is_ok_and(|m| is_stream(&m)) {
        return open_stream(output);
    }
    let link = std::fs::symlink_metadata(output).ok();
    let target = match &link {
        // Follow the link (and links to links) to the file it names; a link that
        // leads nowhere yet names the file it would create, so a message names its
        // folder rather than the link's.
        Some(meta) if meta.file_type().is_symlink() => match std::fs::canonicalize(output) {
            Ok(target) => target,
            Err(_) => link_target(output),
        },
        _ => output.to_path_buf(),
    };
    let Ok(meta) = std::fs::metadata(&target) else {
        // A new file.
        return Ok(Output::File(target));
    };
    if same_file(&target, input) {
        return Err(OutputRefusal::SameAsInput);
    }
    if meta.is_file() {
        return Ok(Output::File(target));
    }
    if is_stream(&meta) {
        return open_stream(&target);
    }
    Err(OutputRefusal::NotAFile)
}

/// Where a dangling link leads, following links to links (40 at most, as the system
/// does): the path of the file writing through it would create.
fn link_target(link: &Path) -> PathBuf {
    let mut path = link.to_path_buf();
    for _ in 0..40 {
        let Ok(next) = std::fs::read_link(&path) else {
            break;
        };
        path = match path.parent() {
            Some(folder) if next.is_relative() => folder.join(next),
            _ => next,
        };
    }
    path
}

fn open_stream(path: &Path) -> Result<Output, OutputRefusal> {
    OpenOptions::new()
        .write(true)
        .open(path)
        .map(Output::Stream)
        .map_err(OutputRefusal::Io)
}

/// Whether the metadata is that of a character device or a FIFO.
#[cfg(unix)]
fn is_stream(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    kind.is_char_device() || kind.is_fifo()
}

/// Whether the metadata is that of a character device or a FIFO: never, off Unix
/// (Windows devices are known by name).
#[cfg(not(unix))]
fn is_stream(_meta: &std::fs::Metadata) -> bool {
    false
}

/// Whether `path` names one of Windows' devices (`NUL`, `CON`…), which are written as
/// streams.
fn is_windows_device(path: &Path) -> bool {
    if !cfg!(windows) {
        return false;
    }
    let Some(name) = path.file_stem().and_then(|n| n.to_str()) else {
        return false;
    };
    let name = name.trim_end_matches([' ', '.']).to_ascii_uppercase();
    matches!(name.as_str(), "NUL" | "CON" | "PRN" | "AUX")
        || (name.len() == 4
            && (name.starts_with("COM") || name.starts_with("LPT"))
            && name.as_bytes()[3].is_ascii_digit())
}

/// Whether two paths name the same file on disk.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// Text safe to print on a terminal, on one line: control characters (escape
/// sequences, carriage returns, bidirectional overrides) are shown as `\u{1b}` and
/// the like, runs of whitespace become one space, and a very long text is cut with `…`.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_MESSAGE_CHARS * 4));
    let mut count = 0;
    let mut space = false;
    for c in text.trim().chars() {
        if count >= MAX_MESSAGE_CHARS {
            out.push('…');
            break;
        }
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            count += 1;
            space = false;
        }
        if c.is_control() || is_invisible_format(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
        count += 1;
    }
    out
}

/// Several lines of text from outside (the Meraki Dashboard's names) safe to print on
/// a terminal: claim keys removed (with `marker`), control characters other than the
/// line breaks, and invisible characters that reorder or hide text, shown as `\u{202e}`
/// and the like. Spaces and line breaks are kept, so the layout stays.
pub fn printable_lines(text: &str, marker: &str) -> String {
    let text = crate::secrets::redact(text, marker);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c != '\n'
            && (c.is_control() || is_invisible_format(c) || crate::summary::markdown::is_hiding(c))
        {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that are invisible but change how text shows (bidirectional overrides,
/// zero-width characters, line and paragraph separators).
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The notices to print, at most [`MAX_NOTICES`], and how many more there were.
pub fn capped<T>(notices: &[T]) -> (&[T], usize) {
    if notices.len() <= MAX_NOTICES {
        (notices, 0)
    } else {
        (&notices[..MAX_NOTICES], notices.len() - MAX_NOTICES)
    }
}

/// Writes `text` (text, or the bytes of a PDF) to `-o path` (see [`output_for`]),
/// naming `path` in messages; returns the exit status.
pub(crate) fn write_output(
    path: &Path,
    input: &Path,
    text: &(impl AsRef<[u8]> + ?Sized),
    i18n: &I18n,
) -> u8 {
    let text = text.as_ref();
    let refused = |key: &str| {
        report(
            Some(path),
            &format!(
                "{} {}",
                i18n.tr(key),
                i18n.tr("write_error.nothing_written")
            ),
        );
        EXIT_OUTPUT
    };
    match output_for(path, input) {
        Ok(Output::File(target)) => match storage::write_atomic(&target, text) {
            Ok(()) => 0,
            Err(e) => {
                // Through a link, the reason names the folder of the file it leads to.
                report(Some(path), &e.reason(i18n));
                EXIT_OUTPUT
            }
        },
        Ok(Output::Stream(mut stream)) => match stream.write_all(text) {
            Ok(()) => 0,
            Err(e) => {
                report(Some(path), &OsProblem::from_io(&e).text(i18n));
                EXIT_OUTPUT
            }
        },
        Err(OutputRefusal::SameAsInput) => refused("lost.cli_output_is_input"),
        Err(OutputRefusal::NotAFile) => refused("lost.cli_output_not_a_file"),
        Err(OutputRefusal::Io(e)) => {
            report(
                Some(path),
                &storage::WriteError::from_io(path, &e).reason(i18n),
            );
            EXIT_OUTPUT
        }
    }
}

/// Prints one message line on standard error: `cssm-assistant: <file>: <message>`,
/// on one line, with control characters (from a case file, say) escaped and a very
/// long message cut (see [`printable`]). A standard error that cannot be written to is
/// ignored (the exit status still tells), where `eprintln!` would panic.
pub(crate) fn report(file: Option<&Path>, message: &str) {
    let message = printable(message);
    let line = match file {
        Some(file) => format!(
            "{PROGRAM}: {}: {message}\n",
            printable(&file.display().to_string())
        ),
        None => format!("{PROGRAM}: {message}\n"),
    };
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Writes `text` to standard output; returns the exit status. A reader that went away
/// (`| head`) is not an error; another failure is told with the system's reason in the
/// language of `i18n`.
pub(crate) fn write_stdout(text: &(impl AsRef<[u8]> + ?Sized), i18n: &I18n) -> u8 {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_ref())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => 0,
        // The reader went away (`| head`): it has what it wanted.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let reason = OsProblem::from_io(&e).text(i18n);
            report(None, &i18n.trv("cli.stdout_error", &[("reason", &reason)]));
            EXIT_OUTPUT
        }
    }
}

/// Prints the notices about the case file `file` as `note:` lines, at most
/// [`MAX_NOTICES`] of them, then one line counting the rest.
pub(crate) fn report_notices<T>(
    file: &Path,
    notices: &[T],
    message: impl Fn(&T) -> String,
    i18n: &I18n,
) {
    let (shown, more) = capped(notices);
    for notice in shown {
        let message = message(notice);
        report(Some(file), &i18n.trv("cli.note", &[("message", &message)]));
    }
    if more > 0 {
        let message = i18n.trn("lost.cli_more_notices", more as u64, &[]);
        report(Some(file), &i18n.trv("cli.note", &[("message", &message)]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashboard_text_reaches_the_terminal_without_keys_nor_controls() {
        let text = "  - Acme \u{202e}gro.live\u{202c} Corp \u{200b}\u{1b}[31mred\n  - Sub for claim S2345-6789A-BCDEF-GHJKM\n";
        assert_eq!(
            printable_lines(text, "(removed)"),
            "  - Acme \\u{202e}gro.live\\u{202c} Corp \\u{200b}\\u{1b}[31mred\n  - Sub for claim (removed)\n"
        );
    }

    #[test]
    fn escape_sequences_are_shown_not_run() {
        assert_eq!(
            printable("a\u{1b}[2Jb\u{7}\r\nc\u{202E}d"),
            "a\\u{1b}[2Jb\\u{7} c\\u{202e}d"
        );
        assert_eq!(printable("  plain   text \n"), "plain text");
        let long = "x".repeat(MAX_MESSAGE_CHARS + 10);
        assert_eq!(printable(&long).chars().count(), MAX_MESSAGE_CHARS + 1);
    }

    #[test]
    fn notices_are_capped() {
        let many: Vec<u32> = (0..77_778).collect();
        let (shown, more) = capped(&many);
        assert_eq!(shown.len(), MAX_NOTICES);
        assert_eq!(more, 77_778 - MAX_NOTICES);
        assert_eq!(capped(&many[..3]), (&many[..3], 0));
    }
}
