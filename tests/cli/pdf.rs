//! `cssm-assistant summary CASE.ron --format pdf -o x.pdf`, run as a user runs it, and
//! the PDF read back with independent tools: poppler's `pdfinfo` (tagged, title, page
//! size), `pdffonts` (every font embedded), `pdftotext` (the text in reading order,
//! the request to forward in one block), and pikepdf (`tests/pdf/check_pdf.py`: the
//! PDF/UA identification, the structure, the languages). `.ci/run` installs
//! poppler-utils and pikepdf; elsewhere a missing tool skips its check with a note
//! (under CI it fails).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A case that reaches "Meraki Support must open a case with SWIT", every ID given.
const CLAIMED: &str = r#"(
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "yes" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "Acme.Example",
              "order_number": "87654321", "meraki_org_id": "2930418",
              "subscription_id": "SR1234567",
              "notes": "Key S2345-6789A-BCDEF-GHJKM was used. <script>x</script>" },
)
"#;

const REQUEST: &str = "Meraki Support has confirmed that Cisco Networking Subscription SR1234567 is claimed and bound in Meraki organization 2930418 and assigned to Smart Account \"Acme Corp\" (acme.example), order 87654321. Its consumption does not appear in that Smart Account in CSSM. Please check why.";

fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cssm-assistant"));
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .stdin(Stdio::null());
    c
}

/// Runs a tool; `None` (with a note) when it is not installed outside CI.
fn tool(name: &str, args: &[&str]) -> Option<String> {
    match Command::new(name).args(args).output() {
        Ok(out) => {
            assert!(
                out.status.success(),
                "{name} {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{name} is needed under CI: {e}"
            );
            eprintln!("note: {name} not installed, its check is skipped");
            None
        }
    }
}

fn write_pdf(dir: &Path, lang: &str) -> PathBuf {
    let case = dir.join("case.ron");
    std::fs::write(&case, CLAIMED).expect("write the case");
    let out = dir.join(format!("summary.{lang}.pdf"));
    let run = command()
        .args(["summary", "--lang", lang, "--format", "pdf", "-o"])
        .arg(&out)
        .arg(&case)
        .output()
        .expect("the binary runs");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty() && run.stderr.is_empty());
    out
}

#[test]
fn the_pdf_is_tagged_embeds_its_fonts_and_reads_in_order_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (lang, other, size, who, request_title, title) in [
        (
            "fr",
            "en",
            "(A4)",
            "Qui doit agir",
            "Demande pour SWIT",
            "Récapitulatif de la fiche",
        ),
        (
            "en",
            "",
            "(letter)",
            "Who must act",
            "Request for SWIT",
            "Case summary: ",
        ),
    ] {
        let pdf = write_pdf(dir.path(), lang);
        let path = pdf.to_str().expect("a UTF-8 path");
        let bytes = std::fs::read(&pdf).expect("read the PDF");
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(
            !String::from_utf8_lossy(&bytes).contains("BCDEF"),
            "no claim key"
        );

        if let Some(info) = tool("pdfinfo", &[path]) {
            assert!(info.contains("Tagged:          yes"), "{info}");
            assert!(
                info.lines()
                    .any(|l| l.starts_with("Title:") && l.contains(title)),
                "{info}"
            );
            assert!(
                info.lines()
                    .any(|l| l.starts_with("Page size:") && l.ends_with(size)),
                "{info}"
            );
        }
        if let Some(fonts) = tool("pdffonts", &[path]) {
            let rows: Vec<&str> = fonts.lines().skip(2).collect();
            assert!(!rows.is_empty(), "{fonts}");
            for row in rows {
                // name, type..., encoding, then emb sub uni: "yes yes yes".
                assert!(row.contains(" yes yes yes "), "a font not embedded: {row}");
            }
        }
        if let Some(text) = tool("pdftotext", &[path, "-"]) {
            let at = |needle: &str| {
                text.find(needle)
                    .unwrap_or_else(|| panic!("{needle:?} not in the text:\n{text}"))
            };
            // Reading order: who acts and the IDs, the request, why, the technical end.
            assert!(
                at(who) < at("2930418") && at("2930418") < at(request_title),
                "{text}"
            );
            assert!(at(request_title) < at("Meraki Support has confirmed"));
            // The request is one block: its lines follow each other, no blank line,
            // and read back whole once the line breaks are spaces.
            let start = at("Meraki Support has confirmed");
            let block = text[start..].split("\n\n").next().unwrap_or("");
            assert_eq!(block.replace('\n', " ").trim_end(), REQUEST, "{text}");
            assert!(
                text.contains("<script>x</script>"),
                "typed text shows as typed"
            );
            if lang == "fr" {
                assert!(at("Pourquoi") < at("Case summary in English"));
            }
        }
        match Command::new("python3")
            .args(["tests/pdf/check_pdf.py", path, lang, other])
            .output()
        {
            Ok(out) if out.status.success() => {}
            Ok(out) => {
                let said = String::from_utf8_lossy(&out.stdout).into_owned()
                    + &String::from_utf8_lossy(&out.stderr);
                if said.contains("No module named 'pikepdf'") && std::env::var_os("CI").is_none() {
                    eprintln!("note: pikepdf not installed, its check is skipped");
                } else {
                    panic!("pikepdf check failed:\n{said}");
                }
            }
            Err(e) => assert!(std::env::var_os("CI").is_none(), "python3: {e}"),
        }
    }
}

#[test]
fn a_pdf_goes_through_a_pipe_but_never_to_a_terminal_or_over_the_case_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("case.ron");
    std::fs::write(&case, CLAIMED).expect("write the case");
    // Standard output is a pipe here: the PDF goes through it.
    let piped = command()
        .args(["summary", "--format", "pdf"])
        .arg(&case)
        .output()
        .expect("the binary runs");
    assert_eq!(piped.status.code(), Some(0));
    assert!(piped.stdout.starts_with(b"%PDF-"));
    // `-o` is as safe as for Markdown: the case file itself is refused.
    let over = command()
        .args(["summary", "--format", "pdf", "-o"])
        .arg(&case)
        .arg(&case)
        .output()
        .expect("the binary runs");
    assert_eq!(over.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&case).expect("the case"), CLAIMED);
    // On a terminal (when the test has one): refused with a message.
    #[cfg(unix)]
    if let Ok(tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        let run = command()
            .args(["summary", "--lang", "fr", "--format", "pdf"])
            .arg(&case)
            .stdout(tty)
            .output()
            .expect("the binary runs");
        assert_eq!(run.status.code(), Some(1));
        let said = String::from_utf8_lossy(&run.stderr);
        assert!(said.contains("terminal") && said.contains("-o"), "{said}");
    }
}
