//! What the program needs of the operating system, kept at the bottom of the house:
//! files written atomically and locked ([`storage`]), system errors as sentences in
//! the user's language ([`os_error`]), and the Windows console ([`windows_console`]).

pub mod os_error;
pub mod storage;
pub mod windows_console;
