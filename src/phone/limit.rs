//! A token bucket: a few requests per second, with a small burst for a page load, so one
//! phone (or one laptop pretending to be many) cannot keep the server busy for the others.

use std::time::Instant;

/// Requests allowed in a burst, and refilled per second.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Largest burst.
    pub burst: f64,
    /// Tokens added per second.
    pub per_second: f64,
}

/// One phone's (or everyone-without-a-cookie's) allowance.
#[derive(Debug, Clone, Copy)]
pub struct Bucket {
    tokens: f64,
    last: Instant,
}

impl Bucket {
    /// A full bucket at `now`.
    pub fn new(rate: Rate, now: Instant) -> Bucket {
        Bucket { tokens: rate.burst, last: now }
    }

    /// Takes one token at `now`; `false` when none is left.
    pub fn take(&mut self, rate: Rate, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + elapsed * rate.per_second).min(rate.burst);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_burst_then_refusal_then_refill() {
        let rate = Rate { burst: 3.0, per_second: 2.0 };
        let t0 = Instant::now();
        let mut b = Bucket::new(rate, t0);
        assert!((0..3).all(|_| b.take(rate, t0)));
        assert!(!b.take(rate, t0), "the burst is spent");
        assert!(b.take(rate, t0 + Duration::from_millis(500)), "half a second gives one");
        assert!(!b.take(rate, t0 + Duration::from_millis(500)));
        // A long pause refills only up to the burst.
        let later = t0 + Duration::from_secs(60);
        assert_eq!((0..10).filter(|_| b.take(rate, later)).count(), 3);
    }
}
