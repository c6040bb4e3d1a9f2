//! Writes every fixture case of the tests (`tests/fixtures`) as a case file, one per
//! language (`<name>.<lang>.ron`), into the folder given as the only argument. The tests
//! of the shipped programs (`scripts/test-packages.sh`) summarise them with the Linux
//! binary and with the Windows .exe under Wine, and compare the outputs byte for byte.
//!
//!     cargo run --example fixture_cases -- OUT_DIR

use std::path::PathBuf;
use std::process::ExitCode;

use cssm_assistant::i18n::Lang;

#[path = "../tests/support/fixtures.rs"]
mod fixtures;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: fixture_cases OUT_DIR");
        return ExitCode::from(2);
    };
    let procedure = fixtures::procedure();
    for fixture in fixtures::FIXTURES {
        for lang in Lang::ALL {
            let case = fixtures::build(fixture, lang).for_export(&procedure);
            let path = dir.join(format!("{}.{}.ron", fixture.name, lang.code()));
            if let Err(e) =
                std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, case.to_ron()))
            {
                eprintln!("{}: {e}", path.display());
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}
