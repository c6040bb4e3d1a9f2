//! Times as the summary and the requests write them: in UTC, to the second.

use jiff::Timestamp;
use jiff::tz::Offset;

/// A time in UTC, to the second: `2026-11-24 09:05:00`.
pub fn time(t: Timestamp) -> String {
    let t = Offset::UTC.to_datetime(t);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}
