//! Norwegian bank business days, for the AvtaleGiro retry window.
//!
//! When an AvtaleGiro debit fails for lack of funds, the payer's bank tries again for up to four bank
//! business days. Only after that window is a missing type-15 settlement a real failure. A bank business
//! day is a weekday that is not a Norwegian public holiday:
//!
//! | holiday | date |
//! |---|---|
//! | New Year's Day | 1 January |
//! | Maundy Thursday, Good Friday | Easter Sunday − 3, − 2 |
//! | Easter Monday | Easter Sunday + 1 |
//! | Labour Day | 1 May |
//! | Constitution Day | 17 May |
//! | Ascension Day | Easter Sunday + 39 |
//! | Whit Monday | Easter Sunday + 50 |
//! | Christmas Day, Boxing Day | 25, 26 December |
//!
//! (Easter Sunday and Whit Sunday are holidays too, but always Sundays.) Banks also keep 24 and 31
//! December closed in practice; that is not statute, so it is an option of [`BankCalendar`], off by
//! default, as are any extra closing days.
//!
//! ```
//! use chrono::NaiveDate;
//! use restanse_nets::calendar::{add_business_days, easter_sunday, is_business_day};
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert_eq!(easter_sunday(2026), Some(d(2026, 4, 5)));
//! assert!(!is_business_day(d(2026, 4, 2))); // Maundy Thursday
//! // A claim due on Wednesday 1 April 2026 can be retried until Friday 10 April:
//! // Thursday to Monday are Easter holidays or the weekend, so Tuesday is the first retry day.
//! assert_eq!(add_business_days(d(2026, 4, 1), 4), Some(d(2026, 4, 10)));
//! ```

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm of Meeus, Jones and Butcher).
/// `None` only for years chrono cannot represent.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let (month, day) = easter_month_day(year);
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Easter Sunday's month and day (Meeus, Jones and Butcher), as a `const fn` so that the table below is built
/// at compile time.
const fn easter_month_day(year: i32) -> (i32, i32) {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    (month, day)
}

/// The first and last year of [`EASTER_ORDINALS`]: every date the engine accepts, and a century either side.
const TABLE_FROM: i32 = 1900;
const TABLE_TO: i32 = 2200;

/// Easter Sunday's day of the year for each year of `TABLE_FROM..=TABLE_TO`, computed at compile time: every
/// member's due dates ask whether a day is a bank business day (issue 18), and a table look-up is what that
/// costs instead of the algorithm above.
const EASTER_ORDINALS: [u16; (TABLE_TO - TABLE_FROM + 1) as usize] = {
    let mut table = [0u16; (TABLE_TO - TABLE_FROM + 1) as usize];
    let mut k = 0;
    while k < table.len() {
        let year = TABLE_FROM + k as i32;
        let (month, day) = easter_month_day(year);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        // Easter Sunday falls in March or April: the days of January and February before March
        let before_march = if leap { 60 } else { 59 };
        let ordinal = if month == 3 {
            before_march + day
        } else {
            before_march + 31 + day
        };
        table[k] = ordinal as u16;
        k += 1;
    }
    table
};

/// Easter Sunday's day of the year (1 = 1 January).
fn easter_ordinal(year: i32) -> Option<i32> {
    match usize::try_from(year - TABLE_FROM)
        .ok()
        .and_then(|k| EASTER_ORDINALS.get(k))
    {
        Some(&ordinal) => Some(i32::from(ordinal)),
        None => easter_sunday(year).and_then(|e| i32::try_from(e.ordinal()).ok()),
    }
}

/// Whether `date` is a Norwegian public holiday (including Easter Sunday and Whit Sunday).
pub fn is_public_holiday(date: NaiveDate) -> bool {
    match (date.month(), date.day()) {
        (1, 1) | (5, 1) | (5, 17) | (12, 25) | (12, 26) => return true,
        _ => {}
    }
    // the movable feasts lie from Maundy Thursday (19 March at the earliest) to Whit Monday (14 June at the
    // latest): outside March–June there is no Easter to look up (issue 18: this is on every member's path)
    if !(3..=6).contains(&date.month()) {
        return false;
    }
    let Some(easter) = easter_ordinal(date.year()) else {
        return false;
    };
    let Ok(ordinal) = i32::try_from(date.ordinal()) else {
        return false;
    };
    matches!(ordinal - easter, -3 | -2 | 0 | 1 | 39 | 49 | 50)
}

/// Whether `date` is a bank business day under the default [`BankCalendar`].
pub fn is_business_day(date: NaiveDate) -> bool {
    BankCalendar::default().is_business_day(date)
}

/// `date` moved by `n` bank business days under the default [`BankCalendar`]; see
/// [`BankCalendar::add_business_days`].
pub fn add_business_days(date: NaiveDate, n: i32) -> Option<NaiveDate> {
    BankCalendar::default().add_business_days(date, n)
}

/// The bank calendar, with the closing days that are practice rather than law as options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct BankCalendar {
    /// Treat 24 and 31 December as closed (banks' practice). Default `false`.
    pub christmas_and_new_years_eve_closed: bool,
    /// Further days on which banks are closed.
    pub extra_closed_days: Vec<NaiveDate>,
}

impl BankCalendar {
    /// Whether banks settle on `date`.
    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) || is_public_holiday(date) {
            return false;
        }
        if self.christmas_and_new_years_eve_closed
            && date.month() == 12
            && matches!(date.day(), 24 | 31)
        {
            return false;
        }
        !self.extra_closed_days.contains(&date)
    }

    /// The date `n` business days after `date` (before it, when `n` is negative): step one day at a time
    /// and count the business days stepped onto. `n = 0` gives `date` itself, business day or not.
    /// `None` only at the edge of chrono's date range.
    pub fn add_business_days(&self, date: NaiveDate, n: i32) -> Option<NaiveDate> {
        let mut d = date;
        let mut left = n.unsigned_abs();
        while left > 0 {
            d = if n > 0 {
                d.checked_add_days(Days::new(1))?
            } else {
                d.checked_sub_days(Days::new(1))?
            };
            if self.is_business_day(d) {
                left -= 1;
            }
        }
        Some(d)
    }

    /// `date` if it is a business day, else the next one.
    pub fn on_or_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut d = date;
        while !self.is_business_day(d) {
            d = d.checked_add_days(Days::new(1))?;
        }
        Some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_easter_table_is_the_algorithm() {
        for year in TABLE_FROM - 5..=TABLE_TO + 5 {
            let easter = easter_sunday(year).unwrap();
            assert_eq!(
                easter_ordinal(year),
                Some(easter.ordinal() as i32),
                "{year}"
            );
            // and every day of the year agrees with Easter Sunday found the slow way
            for offset in -60i64..=60 {
                let d = easter + chrono::Duration::days(offset);
                let movable = matches!(offset, -3 | -2 | 0 | 1 | 39 | 49 | 50);
                let fixed = matches!(
                    (d.month(), d.day()),
                    (1, 1) | (5, 1) | (5, 17) | (12, 25) | (12, 26)
                );
                assert_eq!(is_public_holiday(d), movable || fixed, "{d}");
            }
        }
    }

    #[test]
    fn the_movable_feasts_always_fall_in_march_to_june() {
        // the shortcut in `is_public_holiday` skips Easter outside March–June: check it for every year the
        // engine accepts dates in
        for year in 1900..=2200 {
            let easter = easter_sunday(year).unwrap();
            for offset in [-3i64, -2, 0, 1, 39, 49, 50] {
                let d = easter + chrono::Duration::days(offset);
                assert!((3..=6).contains(&d.month()), "{d}");
                assert!(is_public_holiday(d), "{d}");
            }
        }
    }
}
