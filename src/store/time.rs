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

/// A clock that always says the same time: for tests and reproducible runs.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub OffsetDateTime);

impl FixedClock {
    /// The clock at an RFC 3339 time such as `2026-11-23T10:00:00Z`; `None` if it does not
    /// parse.
    pub fn at(rfc3339: &str) -> Option<Self> {
        OffsetDateTime::parse(rfc3339, &Rfc3339).ok().map(FixedClock)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
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
