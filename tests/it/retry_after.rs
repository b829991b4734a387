//! `Retry-After`: every form RFC 9110 and Apple use, against timestamps
//! worked out independently, and hostile values, which are reported and
//! never panic.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use apple_errors::retry::{RetryAfter, RetryAfterError};
use proptest::prelude::*;

fn at(secs: i64) -> SystemTime {
    if secs >= 0 {
        UNIX_EPOCH + Duration::from_secs(secs.unsigned_abs())
    } else {
        UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs())
    }
}

/// 2023-11-14 22:13:20 UTC.
fn received() -> SystemTime {
    at(1_700_000_000)
}

fn read(value: &str) -> SystemTime {
    RetryAfter::parse(value)
        .unwrap_or_else(|e| panic!("{value:?}: {e}"))
        .not_before(received())
}

#[test]
fn the_three_http_date_forms_name_the_same_time() {
    // RFC 9110 §5.6.7's example; `date -u -d @784111777` agrees.
    for value in [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ] {
        assert_eq!(read(value), at(784_111_777), "{value}");
        let parsed = RetryAfter::parse(value).unwrap();
        assert!(parsed.is_http_date());
        assert_eq!(parsed.delay(), None);
        assert_eq!(parsed.unix_millis(), None);
        // Written back as it came.
        assert_eq!(parsed.to_string(), value);
    }
    assert_eq!(
        read("Sun Nov 16 08:49:37 1994"),
        at(784_111_777 + 10 * 86_400)
    );
}

#[test]
fn known_timestamps() {
    for (value, secs) in [
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
        ("Wed, 31 Dec 1969 23:59:59 GMT", -1),
        ("Tue, 14 Nov 2023 22:13:20 GMT", 1_700_000_000),
        ("Tue, 29 Feb 2000 00:00:00 GMT", 951_782_400),
        ("Thu, 29 Feb 2024 12:00:00 GMT", 1_709_208_000),
        ("Tue, 19 Jan 2038 03:14:08 GMT", 1 << 31),
        ("Fri, 31 Dec 9999 23:59:59 GMT", 253_402_300_799),
        ("Sat, 01 Jan 0000 00:00:00 GMT", -62_167_219_200),
        // A leap second counts on into the next minute.
        ("Sat, 31 Dec 2016 23:59:60 GMT", 1_483_228_800),
    ] {
        assert_eq!(read(value), at(secs), "{value}");
    }
}

#[test]
fn a_two_digit_year_is_read_against_the_time_of_receipt() {
    let value = RetryAfter::parse("Thursday, 01-Jan-70 00:00:00 GMT").unwrap();
    // Received in 2023: 2070 is 47 years ahead, close enough to be meant.
    assert_eq!(value.not_before(received()), at(3_155_760_000));
    // Received in 2019: 2070 is 51 years ahead, so it is 1970 (RFC 9110).
    let in_2019 = at(1_546_300_800);
    assert_eq!(value.not_before(in_2019), at(0));
    // Received in 2099, `00` is the coming year 2100, not 2000.
    let value = RetryAfter::parse("Friday, 01-Jan-00 00:00:00 GMT").unwrap();
    assert_eq!(value.not_before(at(4_102_444_799)), at(4_102_444_800));
    // A day name that does not match the date is kept, not checked.
    assert_eq!(value.to_string(), "Friday, 01-Jan-00 00:00:00 GMT");

    // The 50 years count from the moment of receipt, not by calendar year.
    // Received 2023-01-02 00:00:00: 31-Dec-73 would be 50 years and 363
    // days ahead, so it is 1973; 02-Jan-73 at the same time is exactly 50
    // years ahead, so it is 2073; a second later it is 1973 again.
    let received = at(1_672_617_600);
    let late_73 = RetryAfter::parse("Sunday, 31-Dec-73 00:00:00 GMT").unwrap();
    assert_eq!(late_73.not_before(received), at(126_144_000));
    let boundary = RetryAfter::parse("Monday, 02-Jan-73 00:00:00 GMT").unwrap();
    assert_eq!(boundary.not_before(received), at(3_250_540_800));
    let past = RetryAfter::parse("Monday, 02-Jan-73 00:00:01 GMT").unwrap();
    assert_eq!(past.not_before(received), at(94_780_801));
    // Far from any real time of receipt, the reading still ends.
    assert_eq!(late_73.not_before(at(i64::MIN / 2)), at(-62_987_760_000));
}

#[test]
fn whole_numbers_are_delay_seconds_or_apples_milliseconds() {
    let delay = RetryAfter::parse("120").unwrap();
    assert_eq!(delay.delay(), Some(Duration::from_secs(120)));
    assert_eq!(delay.not_before(received()), at(1_700_000_120));
    assert_eq!(read("0"), received());
    assert_eq!(read(" 007 "), at(1_700_000_007));
    assert_eq!(RetryAfter::parse(" 007 ").unwrap().to_string(), "7");
    // From 10^12 on: UNIX milliseconds, as the App Store server APIs send.
    let millis = RetryAfter::parse("1700000060000").unwrap();
    assert_eq!(millis.unix_millis(), Some(1_700_000_060_000));
    assert_eq!(millis.delay(), None);
    assert_eq!(millis.not_before(received()), at(1_700_000_060));
    assert_eq!(millis.not_before(at(0)), at(1_700_000_060), "absolute");
    assert_eq!(millis.to_string(), "1700000060000");
    // The largest delay-seconds, and what a larger delay is cut to.
    let largest = RetryAfter::parse("999999999999").unwrap();
    assert_eq!(largest.delay(), Some(Duration::from_secs(999_999_999_999)));
    assert_eq!(RetryAfter::from_secs(u64::MAX), largest);
    assert_eq!(
        RetryAfter::parse("18446744073709551615")
            .unwrap()
            .unix_millis(),
        Some(u64::MAX)
    );
}

#[test]
fn times_past_what_the_platform_holds_saturate() {
    let huge = RetryAfter::parse("18446744073709551615").unwrap();
    assert!(huge.not_before(received()) > at(1 << 40));
    // Near the end of what this platform's `SystemTime` holds, a delay
    // gives the latest time it can hold, not a panic or an earlier time.
    let late = RetryAfter::from_secs(999_999_999_999);
    let mut edge = UNIX_EPOCH;
    let mut step = Duration::from_secs(u64::MAX);
    while !step.is_zero() {
        if let Some(later) = edge.checked_add(step) {
            edge = later;
        }
        step /= 2;
    }
    let before_edge = edge - Duration::from_secs(10);
    assert_eq!(late.not_before(before_edge), edge);
    assert_eq!(late.not_before(edge), edge);
}

#[test]
fn a_time_is_written_as_an_imf_fixdate_never_earlier() {
    let value = RetryAfter::at(at(784_111_777)).unwrap();
    assert_eq!(value.to_string(), "Sun, 06 Nov 1994 08:49:37 GMT");
    let value = RetryAfter::at(at(784_111_777) + Duration::from_millis(1)).unwrap();
    assert_eq!(value.to_string(), "Sun, 06 Nov 1994 08:49:38 GMT");
    let value = RetryAfter::at(at(-1) + Duration::from_millis(500)).unwrap();
    assert_eq!(value.to_string(), "Thu, 01 Jan 1970 00:00:00 GMT");
    assert_eq!(RetryAfter::at(at(253_402_300_800)), None, "year 10000");
    assert_eq!(RetryAfter::at(at(-62_167_219_201)), None, "year -1");
}

#[test]
fn hostile_values_are_reported() {
    use RetryAfterError::{Empty, Invalid, TooLarge};
    let long_digits = "9".repeat(64);
    let too_long = "1".repeat(65);
    let huge = "Sun, 06 Nov 1994 08:49:37 GMT".repeat(40_000);
    let cases: &[(&[u8], RetryAfterError)] = &[
        (b"", Empty),
        (b" \t\r\n", Empty),
        (b"-1", Invalid),
        (b"+1", Invalid),
        (b"1.5", Invalid),
        (b"1e3", Invalid),
        (b"0x10", Invalid),
        (b"12 0", Invalid),
        ("１２０".as_bytes(), Invalid),
        (b"18446744073709551616", TooLarge),
        (long_digits.as_bytes(), TooLarge),
        (too_long.as_bytes(), Invalid),
        (huge.as_bytes(), Invalid),
        (b"\xFF\xFE", Invalid),
        (b"120\0", Invalid),
        (b"soon", Invalid),
        // Each a small break of RFC 9110's grammar.
        (b"sun, 06 Nov 1994 08:49:37 GMT", Invalid),
        (b"Sun, 06 nov 1994 08:49:37 GMT", Invalid),
        (b"Sun, 06 Nov 1994 08:49:37 UTC", Invalid),
        (b"Sun, 06 Nov 1994 08:49:37 +0000", Invalid),
        (b"Sun, 06 Nov 1994 08:49:37", Invalid),
        (b"Sun, 6 Nov 1994 08:49:37 GMT", Invalid),
        (b"Sun,  06 Nov 1994 08:49:37 GMT", Invalid),
        (b"Sun, 06 Nov 94 08:49:37 GMT", Invalid),
        (b"Sun, 06 Nov 1994 8:49:37 GMT", Invalid),
        (b"Sun, 06 Nov 1994 08:49:37 GMT x", Invalid),
        (b"Sun, 06 Nov 1994 08:49:37 GMTGMT", Invalid),
        (b"Sun, 00 Nov 1994 08:49:37 GMT", Invalid),
        (b"Sun, 31 Nov 1994 08:49:37 GMT", Invalid),
        (b"Sun, 29 Feb 1900 08:49:37 GMT", Invalid),
        (b"Sun, 30 Feb 2000 08:49:37 GMT", Invalid),
        (b"Sun, 06 Nov 1994 24:00:00 GMT", Invalid),
        (b"Sun, 06 Nov 1994 08:60:00 GMT", Invalid),
        (b"Sun, 06 Nov 1994 08:49:61 GMT", Invalid),
        (b"Sun, 06 Nox 1994 08:49:37 GMT", Invalid),
        (b"Sunday, 06-Nov-1994 08:49:37 GMT", Invalid),
        (b"Sun, 06-Nov-94 08:49:37 GMT", Invalid),
        (b"Sunday, 30-Feb-94 08:49:37 GMT", Invalid),
        (b"Sun Nov 6 08:49:37 1994", Invalid),
        (b"Sun Nov 06 08:49:37 94", Invalid),
        (b"Sun Nov  6 08:49:37 1994 GMT", Invalid),
        (b"Sun, \xFF6 Nov 1994 08:49:37 GMT", Invalid),
    ];
    for (value, expected) in cases {
        assert_eq!(
            RetryAfter::parse(value),
            Err(*expected),
            "{}",
            String::from_utf8_lossy(&value[..value.len().min(80)])
        );
    }
    // A weekday that does not match is accepted (the date says it all).
    assert_eq!(read("Mon, 06 Nov 1994 08:49:37 GMT"), at(784_111_777));
    // 29 February of a century year passes in the RFC 850 form, whose
    // century is not known yet; read in a year that is not a leap year, it
    // counts on into 1 March.
    let feb29 = RetryAfter::parse("Monday, 29-Feb-00 00:00:00 GMT").unwrap();
    // Any other two-digit year without a 29 February in any century is
    // refused, as the IMF-fixdate form refuses it.
    for value in [
        "Tuesday, 29-Feb-22 00:00:00 GMT",
        "Tue, 29 Feb 2022 00:00:00 GMT",
        "Sunday, 29-Feb-01 00:00:00 GMT",
    ] {
        assert_eq!(
            RetryAfter::parse(value),
            Err(RetryAfterError::Invalid),
            "{value}"
        );
    }
    assert!(RetryAfter::parse("Thursday, 29-Feb-24 00:00:00 GMT").is_ok());
    assert_eq!(feb29.not_before(at(946_684_800)), at(951_782_400), "2000");
    assert_eq!(
        feb29.not_before(at(4_115_491_200)),
        at(4_107_542_400),
        "2100"
    );
}

#[test]
fn errors_read_as_sentences_of_their_own() {
    assert_eq!(
        RetryAfterError::Empty.to_string(),
        "the Retry-After value is empty"
    );
    assert_eq!(
        RetryAfterError::Invalid.to_string(),
        "the Retry-After value is not delay-seconds, an HTTP-date or UNIX milliseconds"
    );
    assert_eq!("soon".parse::<RetryAfter>(), Err(RetryAfterError::Invalid));
}

proptest! {
    #[test]
    fn no_bytes_make_it_panic(value in prop::collection::vec(any::<u8>(), 0..80)) {
        if let Ok(parsed) = RetryAfter::parse(&value) {
            let _ = parsed.not_before(received());
            prop_assert_eq!(RetryAfter::parse(parsed.to_string()), Ok(parsed));
        }
    }

    #[test]
    fn every_imf_fixdate_reads_back(secs in -62_167_219_200i64..253_402_300_800) {
        let value = RetryAfter::at(at(secs)).unwrap();
        let text = value.to_string();
        prop_assert_eq!(RetryAfter::parse(&text), Ok(value));
        prop_assert_eq!(value.not_before(received()), at(secs));
        // Rewritten in the two obsolete forms, it names the same time.
        let rfc850 = to_rfc850(&text);
        let asctime = to_asctime(&text);
        let year: i64 = text[12..16].parse().unwrap();
        let near = at((year - 1970) * 31_556_952);
        prop_assert_eq!(RetryAfter::parse(&asctime).map(|v| v.not_before(near)), Ok(at(secs)));
        prop_assert_eq!(RetryAfter::parse(&rfc850).map(|v| v.not_before(near)), Ok(at(secs)));
    }

    #[test]
    fn delays_count_from_the_time_of_receipt(secs in 0u64..1_000_000_000_000, t in 0i64..4_000_000_000) {
        let value = RetryAfter::parse(secs.to_string()).unwrap();
        prop_assert_eq!(value.not_before(at(t)), at(t) + Duration::from_secs(secs));
    }
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` as `Sunday, 06-Nov-94 08:49:37 GMT`.
fn to_rfc850(imf: &str) -> String {
    let long = match &imf[..3] {
        "Sun" => "Sunday",
        "Mon" => "Monday",
        "Tue" => "Tuesday",
        "Wed" => "Wednesday",
        "Thu" => "Thursday",
        "Fri" => "Friday",
        _ => "Saturday",
    };
    format!(
        "{long}, {}-{}-{} {} GMT",
        &imf[5..7],
        &imf[8..11],
        &imf[14..16],
        &imf[17..25]
    )
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` as `Sun Nov  6 08:49:37 1994`.
fn to_asctime(imf: &str) -> String {
    let day: u8 = imf[5..7].parse().unwrap();
    format!(
        "{} {} {day:>2} {} {}",
        &imf[..3],
        &imf[8..11],
        &imf[17..25],
        &imf[12..16]
    )
}
