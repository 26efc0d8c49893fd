//! Timestamps and dates, behind a clock that tests can fix.

use ::time::OffsetDateTime;
use ::time::format_description::well_known::Rfc3339;
use ::time::macros::format_description;

/// Something that tells the time; tests use a fixed one.
pub trait Clock {
    /// Now, in UTC.
    fn now(&self) -> OffsetDateTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// RFC 3339 UTC timestamp, e.g. `2026-11-23T09:15:02Z`.
pub fn utc_now(clock: &dyn Clock) -> String {
    let now = clock.now().replace_nanosecond(0).unwrap_or(clock.now());
    now.format(&Rfc3339).unwrap_or_default()
}

/// The date without time, `YYYY-MM-DD`, as the pool stores it.
pub fn today(clock: &dyn Clock) -> String {
    clock.now().format(format_description!("[year]-[month]-[day]")).unwrap_or_default()
}
