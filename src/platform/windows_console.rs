//! Windows: the program is built for the "windows" subsystem so that Explorer opens no
//! console window beside it (closing that console would kill the assistant). Such a
//! program has no console of its own, so when it is started from a terminal
//! (`cssm-assistant.exe summary case.ron`), it attaches to that terminal's console to
//! print there: the command's output, `--help`, `--version` and error messages.
//!
//! Why this and not a console program that hides its console: a console-subsystem .exe
//! started from Explorer flashes a console window before it can hide it, and Explorer
//! users are most of our users. The cost of this choice: `cmd.exe` does not wait for a
//! windows-subsystem program, so its prompt comes back before the output and
//! `%ERRORLEVEL%` is not set; PowerShell waits when the output is piped or redirected
//! (`| Out-String`, `> out.md`), and `start /wait` works from cmd. When the output is
//! already redirected to a file or a pipe, the program keeps those handles as they are.

/// Attaches to the console of the process that started this one, if it has one and if
/// standard output is not already redirected. Does nothing when started from Explorer.
#[cfg(windows)]
#[allow(unsafe_code)] // Two Win32 calls with no pointer arguments; see each SAFETY note.
pub fn attach_to_parent_console() {
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_OUTPUT_HANDLE,
    };
    // SAFETY: GetStdHandle takes a constant and returns a handle value (possibly null),
    // it reads no memory of ours.
    let stdout = unsafe { GetStdHandle(STD_OUTPUT_HANDLE) };
    if !stdout.is_null() && stdout as isize != -1 {
        // Redirected by the parent (a file or a pipe): print there.
        return;
    }
    // SAFETY: AttachConsole takes a process id constant; on failure (no parent
    // console, as from Explorer) it returns 0 and changes nothing, which is fine.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

/// Does nothing outside Windows: programs there inherit their terminal.
#[cfg(not(windows))]
pub fn attach_to_parent_console() {}
