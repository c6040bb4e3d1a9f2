//! The files' loose ends of the 2026-12-05 review: `-o /dev/stdout` into a pipe and a
//! dangling link get the right message (L8), a killed write's temporary file does not
//! stay for good (L9), and a FIFO given as the case file is refused, never waited on
//! (L11).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cssm_assistant::i18n::{I18n, Lang};

const CASE: &str = r#"(
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active", "subscription_visible": "no", "claimed_bound": "not_yet" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example", "meraki_org_id": "2930418" },
)"#;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cssm-assistant"));
    c.env("LANG", "en_US.UTF-8").env_remove("LC_ALL");
    c
}

fn case_in(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("case.ron");
    std::fs::write(&path, CASE).expect("write");
    path
}

#[cfg(unix)]
#[test]
fn dev_stdout_into_a_pipe_is_written_as_a_stream() {
    let tmp = tempfile::tempdir().expect("tmp");
    let case = case_in(tmp.path());
    for out in ["/dev/stdout", "/proc/self/fd/1"] {
        if !Path::new(out).exists() {
            continue;
        }
        let run = bin()
            .args(["summary"])
            .arg(&case)
            .args(["--lang", "en", "-o", out])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .expect("runs");
        assert_eq!(
            run.status.code(),
            Some(0),
            "{out}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let text = String::from_utf8_lossy(&run.stdout);
        assert!(text.contains("Acme Corp"), "{out}: {text}");
    }
}

#[cfg(unix)]
#[test]
fn a_dangling_link_names_the_folder_it_leads_to() {
    let tmp = tempfile::tempdir().expect("tmp");
    let case = case_in(tmp.path());
    std::os::unix::fs::symlink("nowhere/x.md", tmp.path().join("dangling.md")).expect("link");
    let run = bin()
        .current_dir(tmp.path())
        .args(["summary"])
        .arg(&case)
        .args(["--lang", "en", "-o", "dangling.md"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("nowhere"), "{err}");
    assert!(!err.contains("\".\""), "{err}");
    // A dangling link into a folder that exists: the file is created through it.
    std::fs::create_dir(tmp.path().join("nowhere")).expect("dir");
    let run = bin()
        .current_dir(tmp.path())
        .args(["summary"])
        .arg(&case)
        .args(["--lang", "en", "-o", "dangling.md"])
        .output()
        .expect("runs");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(tmp.path().join("nowhere/x.md").is_file());
    assert!(
        std::fs::symlink_metadata(tmp.path().join("dangling.md"))
            .expect("link")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_killed_writes_temporary_file_is_swept_by_the_next_write() {
    let tmp = tempfile::tempdir().expect("tmp");
    let case = case_in(tmp.path());
    let stale = tmp.path().join(".cssm-assistant-Ab12Cd.tmp");
    let fresh = tmp.path().join(".cssm-assistant-Ef34Gh.tmp");
    std::fs::write(&stale, "half a summary").expect("write");
    std::fs::write(&fresh, "a write under way").expect("write");
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| f.set_modified(hour_ago))
        .expect("date it");
    let run = bin()
        .args(["summary"])
        .arg(&case)
        .arg("-o")
        .arg(tmp.path().join("out.md"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0));
    assert!(!stale.exists(), "left for good");
    assert!(fresh.exists(), "a write under way is left alone");
}

/// L9 as the review ran it: a write killed by the file-size limit (SIGXFSZ) leaves
/// its temporary file, and the old file intact.
#[cfg(target_os = "linux")]
#[test]
fn a_write_killed_by_the_file_size_limit_keeps_the_old_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let case = case_in(tmp.path());
    let out = tmp.path().join("out.md");
    std::fs::write(&out, "old").expect("write");
    let script = format!(
        "ulimit -f 1; exec '{}' summary '{}' --lang en -o '{}'",
        env!("CARGO_BIN_EXE_cssm-assistant"),
        case.display(),
        out.display()
    );
    // A summary longer than the 1024-byte limit.
    let notes = "Waiting for Meraki Support. ".repeat(80);
    let long = CASE.replace(
        "\"meraki_org_id\"",
        &format!("\"notes\": \"{notes}\", \"meraki_org_id\""),
    );
    std::fs::write(&case, long).expect("write");
    let status = Command::new("sh")
        .args(["-c", &script])
        .status()
        .expect("sh");
    assert!(!status.success(), "the limit stopped the write");
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "old");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_case_file_is_refused_at_once() {
    let tmp = tempfile::tempdir().expect("tmp");
    let fifo = tmp.path().join("c.ron");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // No mkfifo here.
    }
    let started = Instant::now();
    let mut child = bin()
        .args(["summary"])
        .arg(&fifo)
        .args(["--lang", "en"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    // Never blocked: it must end on its own well within the time limit.
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("blocked on the FIFO");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(2));
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
        .expect("read");
    assert!(
        err.contains(I18n::new(Lang::En).tr("os_error.not_a_file")),
        "{err}"
    );
}
