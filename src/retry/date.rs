//! HTTP-dates (RFC 9110 §5.6.7) by hand: the three forms a recipient must
//! accept, read into their fields and written back, and the proleptic
//! Gregorian calendar arithmetic that turns them into seconds since the UNIX
//! epoch. No clock is read here: the one rule that needs the present (a
//! two-digit year) takes it as an argument.

use core::fmt;
use core::time::Duration;
use std::time::{SystemTime, UNIX_EPOCH};

const DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const LONG_DAY_NAMES: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The longest HTTP-date (`Wednesday, 09-Sep-09 09:09:09 GMT` is 33 bytes);
/// anything longer is refused before it is read.
pub(super) const MAX_LEN: usize = 33;

/// Which of RFC 9110's three spellings a date came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Form {
    /// `Sun, 06 Nov 1994 08:49:37 GMT`, the one senders must use.
    ImfFixdate,
    /// `Sunday, 06-Nov-94 08:49:37 GMT`, obsolete, with a two-digit year.
    Rfc850,
    /// `Sun Nov  6 08:49:37 1994`, obsolete, C's `asctime()`.
    Asctime,
}

/// An HTTP-date as received: its fields, not yet a point in time, because
/// the RFC 850 form's two-digit year needs the time of receipt to be read.
/// The day name is kept as sent (RFC 9110 gives no rule for one that does
/// not match the date, and the date alone is unambiguous).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct HttpDate {
    form: Form,
    day_name: u8,
    /// Four digits, or for [`Form::Rfc850`] the last two.
    year: u16,
    /// 1 to 12.
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    /// Up to 60: RFC 9110 allows a leap second.
    second: u8,
}

impl HttpDate {
    /// Reads one of the three forms, exactly as RFC 9110's grammar spells
    /// them (case included); `None` for anything else, including a day that
    /// the month does not have.
    pub(super) fn parse(text: &[u8]) -> Option<Self> {
        if text.len() > MAX_LEN {
            return None;
        }
        let mut c = Cursor(text);
        if let Some(day_name) = c.word(&LONG_DAY_NAMES) {
            // rfc850-date = day-name-l "," SP date2 SP time-of-day SP GMT
            // date2 = day "-" month "-" 2DIGIT
            c.literal(b", ")?;
            return c.date_time_gmt(Form::Rfc850, day_name, b"-", 2);
        }
        let day_name = c.word(&DAY_NAMES)?;
        if c.literal(b", ").is_some() {
            // IMF-fixdate = day-name "," SP date1 SP time-of-day SP GMT
            // date1 = day SP month SP year
            return c.date_time_gmt(Form::ImfFixdate, day_name, b" ", 4);
        }
        // asctime-date = day-name SP date3 SP time-of-day SP year
        // date3 = month SP ( 2DIGIT / ( SP DIGIT ) )
        c.literal(b" ")?;
        let month = c.word(&MONTHS)?;
        c.literal(b" ")?;
        let day = match c.literal(b" ") {
            Some(()) => c.digits(1)?,
            None => c.digits(2)?,
        };
        c.literal(b" ")?;
        let time = c.time_of_day()?;
        c.literal(b" ")?;
        let year = c.digits(4)?;
        c.end()?;
        HttpDate::new(Form::Asctime, day_name, year, month + 1, day, time)
    }

    /// An IMF-fixdate for `secs` seconds since the epoch; `None` outside the
    /// years 0000 to 9999, which the form cannot write.
    pub(super) fn imf_fixdate(secs: i64) -> Option<Self> {
        let days = secs.div_euclid(86_400);
        let of_day = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let year = u16::try_from(year).ok().filter(|y| *y <= 9999)?;
        // Each cast is of a value already in its field's small range.
        Some(HttpDate {
            form: Form::ImfFixdate,
            day_name: weekday(days),
            year,
            month: month as u8,
            day: day as u8,
            hour: (of_day / 3600) as u8,
            minute: (of_day / 60 % 60) as u8,
            second: (of_day % 60) as u8,
        })
    }

    /// Seconds since the UNIX epoch (negative before it). `received_secs`,
    /// when the date was received in the same count, is what a two-digit
    /// year needs.
    pub(super) fn unix_secs(&self, received_secs: i64) -> i64 {
        let at = |year: i64| {
            // 29-Feb-xx in a century year that is not a leap year (reachable
            // only through a two-digit year `00`) counts on into 1 March.
            days_from_civil(year, u32::from(self.month), u32::from(self.day)) * 86_400
                + i64::from(self.hour) * 3600
                + i64::from(self.minute) * 60
                + i64::from(self.second)
        };
        match self.form {
            // RFC 9110 §5.6.7: a date that would be more than 50 years after
            // its receipt means the latest earlier year with those two
            // digits. The time of receipt is held to the years 1 to 9999,
            // far beyond any real one, so the arithmetic cannot overflow.
            Form::Rfc850 => {
                let received = received_secs.clamp(FIRST_SECS, LAST_SECS);
                let (year, month, day) = civil_from_days(received.div_euclid(86_400));
                let limit =
                    days_from_civil(year + 50, month, day) * 86_400 + received.rem_euclid(86_400);
                let same_century = year - year.rem_euclid(100) + i64::from(self.year);
                // The century before always fits: it is before `received`.
                let earlier = at(same_century - 100);
                [at(same_century + 100), at(same_century)]
                    .into_iter()
                    .find(|t| *t <= limit)
                    .unwrap_or(earlier)
            }
            Form::ImfFixdate | Form::Asctime => at(i64::from(self.year)),
        }
    }

    fn new(
        form: Form,
        day_name: u8,
        year: u16,
        month: u8,
        day: u8,
        (hour, minute, second): (u8, u8, u8),
    ) -> Option<Self> {
        // A two-digit year's century is not known yet: `00` may be a leap
        // year (2000) or not (1900, 2100), so 29 February passes for it,
        // and for other years only where every century has it.
        let last_day = match form {
            Form::Rfc850 if month == 2 && year % 4 == 0 => 29,
            _ => days_in_month(i64::from(year), u32::from(month)),
        };
        let valid =
            (1..=last_day).contains(&u32::from(day)) && hour <= 23 && minute <= 59 && second <= 60;
        valid.then_some(HttpDate {
            form,
            day_name,
            year,
            month,
            day,
            hour,
            minute,
            second,
        })
    }
}

impl fmt::Display for HttpDate {
    /// Writes the date back in the form it came in.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let HttpDate {
            year,
            day,
            hour,
            minute,
            second,
            ..
        } = *self;
        let month = MONTHS[usize::from(self.month - 1)];
        let day_name = usize::from(self.day_name);
        match self.form {
            Form::ImfFixdate => write!(
                f,
                "{}, {day:02} {month} {year:04} {hour:02}:{minute:02}:{second:02} GMT",
                DAY_NAMES[day_name]
            ),
            Form::Rfc850 => write!(
                f,
                "{}, {day:02}-{month}-{year:02} {hour:02}:{minute:02}:{second:02} GMT",
                LONG_DAY_NAMES[day_name]
            ),
            Form::Asctime => write!(
                f,
                "{} {month} {day:>2} {hour:02}:{minute:02}:{second:02} {year:04}",
                DAY_NAMES[day_name]
            ),
        }
    }
}

/// A read position in a date; every step checks the bytes it takes.
struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn literal(&mut self, expected: &[u8]) -> Option<()> {
        self.0 = self.0.strip_prefix(expected)?;
        Some(())
    }

    /// The index of the word of `words` the text goes on with.
    fn word(&mut self, words: &[&str]) -> Option<u8> {
        let (i, word) = words
            .iter()
            .enumerate()
            .find(|(_, w)| self.0.starts_with(w.as_bytes()))?;
        self.0 = &self.0[word.len()..];
        // At most 12 words.
        Some(i as u8)
    }

    /// Exactly `n` ASCII digits (at most 4), as a `u8` or a `u16`.
    fn digits<T: TryFrom<u16>>(&mut self, n: usize) -> Option<T> {
        let (digits, rest) = self.0.split_at_checked(n)?;
        let mut value: u16 = 0;
        for d in digits {
            let digit = d.checked_sub(b'0').filter(|d| *d <= 9)?;
            value = value * 10 + u16::from(digit);
        }
        self.0 = rest;
        T::try_from(value).ok()
    }

    /// `hour ":" minute ":" second`, two digits each.
    fn time_of_day(&mut self) -> Option<(u8, u8, u8)> {
        let hour = self.digits(2)?;
        self.literal(b":")?;
        let minute = self.digits(2)?;
        self.literal(b":")?;
        let second = self.digits(2)?;
        Some((hour, minute, second))
    }

    /// The rest of an IMF-fixdate or RFC 850 date, which differ only in the
    /// separator of the date's parts and the year's digits:
    /// `day sep month sep year SP time-of-day SP GMT`.
    fn date_time_gmt(
        &mut self,
        form: Form,
        day_name: u8,
        separator: &[u8],
        year_digits: usize,
    ) -> Option<HttpDate> {
        let day = self.digits(2)?;
        self.literal(separator)?;
        let month = self.word(&MONTHS)?;
        self.literal(separator)?;
        let year = self.digits(year_digits)?;
        self.literal(b" ")?;
        let time = self.time_of_day()?;
        self.literal(b" GMT")?;
        self.end()?;
        HttpDate::new(form, day_name, year, month + 1, day, time)
    }

    /// Nothing may follow the date.
    fn end(&self) -> Option<()> {
        self.0.is_empty().then_some(())
    }
}

/// Whole seconds since the UNIX epoch, negative before it, rounded down;
/// saturated at `i64`'s range.
pub(super) fn unix_secs(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => {
            let d = before.duration();
            let whole = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
            -whole - i64::from(d.subsec_nanos() > 0)
        }
    }
}

/// The time `secs` seconds after the UNIX epoch (before it, if negative).
/// A time the platform cannot hold is replaced by the nearest one it can
/// in the same direction, so a far-future time stays far in the future.
pub(super) fn from_unix_secs(secs: i64) -> SystemTime {
    let magnitude = Duration::from_secs(secs.unsigned_abs());
    if secs >= 0 {
        saturating_add(UNIX_EPOCH, magnitude)
    } else {
        saturating_sub(UNIX_EPOCH, magnitude)
    }
}

/// `t + d`, or the latest time the platform can hold when that overflows.
pub(crate) fn saturating_add(t: SystemTime, d: Duration) -> SystemTime {
    step_while_it_fits(t, d, SystemTime::checked_add)
}

/// `t - d`, or the earliest time before `t` the platform can hold.
fn saturating_sub(t: SystemTime, d: Duration) -> SystemTime {
    step_while_it_fits(t, d, SystemTime::checked_sub)
}

fn step_while_it_fits(
    mut t: SystemTime,
    mut d: Duration,
    step: fn(&SystemTime, Duration) -> Option<SystemTime>,
) -> SystemTime {
    // Take the largest part of `d` that fits: a part that does not fit
    // halves, one that fits is taken from what is left. Once a size has
    // failed, its half fits at most once, so this ends after at most two
    // steps per halving (under 200).
    let mut part = d;
    while !part.is_zero() {
        match step(&t, part) {
            Some(further) => {
                t = further;
                d -= part;
                part = part.min(d);
            }
            None => part /= 2,
        }
    }
    t
}

/// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z in seconds since the
/// epoch: the range a time of receipt is held to.
const FIRST_SECS: i64 = -62_135_596_800;
const LAST_SECS: i64 = 253_402_300_799;

/// Whether `year` has a 29 February.
const fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

const fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to `year-month-day` in the proleptic Gregorian
/// calendar (negative before it): Howard Hinnant's `days_from_civil`, which
/// counts in 400-year eras starting on 1 March so that the leap day comes
/// last in its year.
pub(super) const fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = (month as i64 + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day as i64 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`]: `(year, month, day)`.
pub(super) const fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

/// The day of the week of a day counted from 1970-01-01 (a Thursday), with
/// Sunday as 0.
const fn weekday(days: i64) -> u8 {
    (days + 4).rem_euclid(7) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_arithmetic_agrees_with_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2000, 2, 29), 11_016);
        // 1 700 000 000 s after the epoch is 2023-11-14 22:13:20 UTC.
        assert_eq!(days_from_civil(2023, 11, 14), 1_700_000_000 / 86_400);
        assert_eq!(days_from_civil(0, 1, 1), -719_528);
        assert_eq!(days_from_civil(9999, 12, 31), 2_932_896);
        for days in (-800_000..3_000_000).step_by(97) {
            let (y, m, d) = civil_from_days(days);
            assert!((1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d));
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(weekday(0), 4, "1970-01-01 was a Thursday");
        assert_eq!(weekday(days_from_civil(1994, 11, 6)), 0, "a Sunday");
        assert_eq!(weekday(-1), 3);
    }

    #[test]
    fn leap_years_follow_the_gregorian_rules() {
        assert!(is_leap(2000) && is_leap(2024) && is_leap(0));
        assert!(!is_leap(1900) && !is_leap(2100) && !is_leap(2023));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
    }
}
