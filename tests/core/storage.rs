//! Atomic writes: a new or replaced file gets all of its content, a failed write changes
//! nothing and leaves no temporary file behind. The refusals tested here do not rely on
//! permission bits, which root (as in CI) ignores.

use std::path::Path;

use cssm_assistant::platform::storage::{WriteError, write_atomic};

/// Files the writer may have left behind in `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.starts_with(".cssm-assistant-"))
        .collect()
}

#[test]
fn a_new_file_is_written_and_an_existing_one_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cssm-case-acme.example-20261124-1030.md");
    write_atomic(&path, b"first").expect("written");
    assert_eq!(std::fs::read(&path).expect("read"), b"first");
    write_atomic(&path, "second, longer: é".as_bytes()).expect("replaced");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "second, longer: é"
    );
    write_atomic(&path, b"").expect("emptied");
    assert_eq!(std::fs::read(&path).expect("read"), b"");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_read_only_file_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("case.md");
    std::fs::write(&path, "good content").expect("seed");
    let mut perms = std::fs::metadata(&path).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).expect("read-only");

    assert_eq!(
        write_atomic(&path, b"new content"),
        Err(WriteError::PermissionDenied { path: path.clone() })
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "good content"
    );
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_missing_folder_or_a_file_in_its_place_is_a_missing_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("no such folder").join("case.md");
    assert_eq!(
        write_atomic(&missing, b"x"),
        Err(WriteError::FolderMissing {
            path: missing.clone()
        })
    );
    assert!(!dir.path().join("no such folder").exists(), "not created");

    let file = dir.path().join("a file");
    std::fs::write(&file, "kept").expect("seed");
    let under_file = file.join("case.md");
    assert_eq!(
        write_atomic(&under_file, b"x"),
        Err(WriteError::FolderMissing {
            path: under_file.clone()
        })
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "kept");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_folder_in_the_target_place_is_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("case.md");
    std::fs::create_dir(&target).expect("a folder named like the file");
    std::fs::write(target.join("inside"), "kept").expect("seed");
    // Linux says "is a directory", Windows "access denied": either way, an error.
    let result = write_atomic(&target, b"x");
    assert!(result.is_err(), "{result:?}");
    assert!(target.is_dir());
    assert_eq!(
        std::fs::read_to_string(target.join("inside")).expect("read"),
        "kept"
    );
    assert!(leftovers(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn permissions_are_those_of_a_new_file_or_of_the_replaced_one() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o7777;
    let dir = tempfile::tempdir().expect("tempdir");

    // A new file: like one made by `File::create` (0o666 less the umask), not the
    // temporary file's private 0o600.
    let reference = dir.path().join("reference");
    std::fs::File::create(&reference).expect("create");
    let new = dir.path().join("new.md");
    write_atomic(&new, b"x").expect("written");
    assert_eq!(mode(&new), mode(&reference));

    // A replaced file keeps its own.
    let kept = dir.path().join("kept.md");
    std::fs::write(&kept, "old").expect("seed");
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    write_atomic(&kept, b"new").expect("replaced");
    assert_eq!(mode(&kept), 0o640);
    assert_eq!(std::fs::read_to_string(&kept).expect("read"), "new");
}

#[test]
fn files_written_together_replace_nothing_when_one_cannot_be_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    let summary = tmp.path().join("case.md");
    std::fs::write(&summary, b"old summary").expect("write");
    // The case file's folder is a regular file: its temporary file cannot be made.
    let blocker = tmp.path().join("blocker");
    std::fs::write(&blocker, b"x").expect("write");
    let case = blocker.join("case.ron");
    let result = cssm_assistant::platform::storage::write_atomic_all(&[
        (&summary, b"new summary".as_slice()),
        (&case, b"new case".as_slice()),
    ]);
    assert!(result.is_err());
    assert_eq!(std::fs::read(&summary).expect("read"), b"old summary");
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");

    // Both writable: both written.
    let case = tmp.path().join("case.ron");
    cssm_assistant::platform::storage::write_atomic_all(&[
        (&summary, b"new summary".as_slice()),
        (&case, b"new case".as_slice()),
    ])
    .expect("written");
    assert_eq!(std::fs::read(&summary).expect("read"), b"new summary");
    assert_eq!(std::fs::read(&case).expect("read"), b"new case");
}

#[test]
fn a_folder_in_place_of_the_second_file_leaves_the_first_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let md = dir.path().join("case.md");
    let ron = dir.path().join("case.ron");
    std::fs::write(&md, "old summary").expect("seed");
    std::fs::create_dir(&ron).expect("a folder named like the case file");
    let result = cssm_assistant::platform::storage::write_atomic_all(&[
        (&md, b"new summary".as_slice()),
        (&ron, b"new case".as_slice()),
    ]);
    assert!(matches!(&result, Err(e) if e.path() == ron), "{result:?}");
    assert_eq!(
        std::fs::read_to_string(&md).expect("read"),
        "old summary",
        "the summary was replaced although the case file could not be"
    );
    assert!(ron.is_dir());
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}
