//! Times as the summary and the requests write them: in UTC, to the second.

use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::tz::Offset;

/// A time in UTC, to the second: `2026-11-24 09:05:00`.
pub fn time(t: Timestamp) -> String {
    let mut out = String::with_capacity(19);
    push_time(&mut out, t);
    out
}

/// Appends [`time`] to `out`, digit by digit: a long event log writes thousands of
/// times, and the formatting machinery was a sixth of its cost.
pub fn push_time(out: &mut String, t: Timestamp) {
    let t = Offset::UTC.to_datetime(t);
    let year = i32::from(t.year());
    // Timestamps hold years -9999 to 9999; one before the common era is written as
    // the formatting machinery writes it.
    if year < 0 {
        let _ = write!(
            out,
            "{year:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        );
        return;
    }
    let mut text = *b"0000-00-00 00:00:00";
    for (value, digits) in [
        (year.unsigned_abs(), 0..4),
        (two(t.month()), 5..7),
        (two(t.day()), 8..10),
        (two(t.hour()), 11..13),
        (two(t.minute()), 14..16),
        (two(t.second()), 17..19),
    ] {
        let mut value = value;
        for digit in text[digits].iter_mut().rev() {
            *digit = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    // Only ASCII digits were written over ASCII.
    out.push_str(std::str::from_utf8(&text).unwrap_or_default());
}

/// Writes many times in a row (an event log): the date is worked out once per day,
/// the time of day from the seconds.
#[derive(Debug, Default)]
pub struct Times {
    /// The day (since the Unix epoch) of the date in `date`.
    day: Option<i64>,
    /// `2026-11-24 `: the date written and the space after it.
    date: String,
}

impl Times {
    /// Appends [`time`] of `t` to `out`.
    pub fn push(&mut self, out: &mut String, t: Timestamp) {
        let seconds = t.as_second();
        // Before 1970 a fraction of a second counts the other way: the general path.
        if seconds < 0 {
            push_time(out, t);
            return;
        }
        let day = seconds / 86_400;
        if self.day != Some(day) {
            self.date.clear();
            push_time(&mut self.date, t);
            self.date.truncate("2026-11-24 ".len());
            self.day = Some(day);
        }
        out.push_str(&self.date);
        let of_day = seconds % 86_400;
        let mut text = *b"00:00:00";
        for (value, digits) in [
            (of_day / 3600, 0..2),
            (of_day / 60 % 60, 3..5),
            (of_day % 60, 6..8),
        ] {
            text[digits.start] = b'0' + (value / 10) as u8;
            text[digits.start + 1] = b'0' + (value % 10) as u8;
        }
        // Only ASCII digits were written over ASCII.
        out.push_str(std::str::from_utf8(&text).unwrap_or_default());
    }
}

/// A month, day, hour, minute or second (never negative) as a number.
fn two(part: i8) -> u32 {
    u32::from(part.unsigned_abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_utc_to_the_second_with_leading_zeros() {
        let at = |s: &str| s.parse::<Timestamp>().expect("a timestamp");
        assert_eq!(time(at("2026-11-24T09:05:00Z")), "2026-11-24 09:05:00");
        assert_eq!(time(at("2026-11-24T23:59:59+02:00")), "2026-11-24 21:59:59");
        assert_eq!(time(at("0042-01-02T03:04:05Z")), "0042-01-02 03:04:05");
        assert_eq!(time(at("9999-12-30T00:00:00Z")), "9999-12-30 00:00:00");
        // As the formatting machinery wrote them, one at a time and in a row.
        let mut times = Times::default();
        for seconds in [
            0i64,
            1,
            59,
            86_399,
            86_400,
            1_764_000_000,
            1_764_003_599,
            -1,
            -62_000_000_000,
            7,
        ] {
            let t = Timestamp::from_second(seconds).expect("in range");
            let d = Offset::UTC.to_datetime(t);
            let expected = format!(
                "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                d.year(),
                d.month(),
                d.day(),
                d.hour(),
                d.minute(),
                d.second()
            );
            assert_eq!(time(t), expected);
            let mut in_a_row = String::new();
            times.push(&mut in_a_row, t);
            assert_eq!(in_a_row, expected);
        }
    }
}
