//! Who is a phone, in memory only. A browser that opens the page without a known cookie
//! gets a random token, held as *pending*; it becomes a phone (with a number for the
//! session, and a `Joined` event for the trainer) only when a later request brings the
//! token back. So a browser that keeps no cookies is never counted, however often it
//! reloads, and a flood of cookie-less requests fills only the bounded list of pending
//! tokens, never the session's phones.
//!
//! Every token remembers the round that was open when it was handed out: that phone votes
//! from the next round on. Requests are rationed: each phone has its own allowance, the
//! requests that may make a phone (the right code, no known cookie) share one, and
//! everything else (wrong codes, stray paths) shares another, so neither a loop of wrong
//! codes nor a join flood slows down the phones already in. A phone that never voted and
//! has been silent for a minute gives its place up when the session is full.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::limit::{Bucket, Rate};
use super::{PhoneEvent, new_token};

/// Most phones one session accepts: a group is at most 30, and some open the page twice
/// (another browser, a private tab). Beyond this a new phone is told the session is full,
/// unless a phone that never voted has been silent long enough to give its place up.
pub const MAX_PHONES: usize = 64;
/// Tokens handed out and not (yet) brought back; beyond this the oldest is forgotten.
const MAX_PENDING: usize = 256;
/// How long a pending token lasts: longer than any session's talking before a vote.
const PENDING_LIFE: Duration = Duration::from_secs(3 * 60 * 60);
/// Silence after which a phone that never voted may give its place to a new one.
const IDLE: Duration = Duration::from_secs(60);

/// One phone: a page load and a poll every two seconds fit easily, a loop does not.
const PHONE_RATE: Rate = Rate { burst: 10.0, per_second: 4.0 };
/// Requests with the right code and no phone's cookie together (new phones, the redirect
/// of a code typed in another case): a whole group scanning the code at once, two
/// requests each, then a few a second.
const JOIN_RATE: Rate = Rate { burst: 60.0, per_second: 4.0 };
/// Everything else without a phone's cookie (wrong codes, strays): a slow crawl for someone
/// guessing codes.
const STRANGER_RATE: Rate = Rate { burst: 60.0, per_second: 10.0 };

/// A phone of the session.
#[derive(Debug)]
pub struct Phone {
    /// The number the trainer knows this phone by.
    pub number: u32,
    /// The round that was open when this phone's page was first opened: it votes from the
    /// next one on.
    pub late_for: Option<u32>,
    /// This phone's vote in a round: (round key, werkwijze id).
    pub vote: Option<(u32, String)>,
    /// Votes sent, for the state tag; 0 means it never voted.
    pub votes: u64,
    bucket: Bucket,
    seen: Instant,
}

struct Pending {
    issued: Instant,
    late_for: Option<u32>,
}

/// Who sent a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sender {
    /// A phone of the session, by its token.
    Phone(String),
    /// A phone that brought its token back just now, but the session is full.
    Full,
    /// No known token: `cookie` says whether the request carried one at all.
    Stranger {
        /// A `wikken` cookie came with the request (unknown, or expired).
        cookie: bool,
    },
}

/// The phones of a session, the tokens handed out, and the allowances.
pub struct Registry {
    phones: HashMap<String, Phone>,
    pending: HashMap<String, Pending>,
    next: u32,
    joins: Bucket,
    strangers: Bucket,
}

impl Registry {
    /// No phones yet, full allowances at `now`.
    pub fn new(now: Instant) -> Registry {
        Registry {
            phones: HashMap::new(),
            pending: HashMap::new(),
            next: 0,
            joins: Bucket::new(JOIN_RATE, now),
            strangers: Bucket::new(STRANGER_RATE, now),
        }
    }

    /// Who sent a request with this cookie value. A pending token coming back becomes a
    /// phone here; the events say so (a phone that gave its place up first, then the new
    /// one), for the trainer.
    pub fn recognise(
        &mut self,
        cookie: Option<&str>,
        now: Instant,
        events: &mut Vec<PhoneEvent>,
    ) -> Sender {
        let Some(token) = cookie else { return Sender::Stranger { cookie: false } };
        if let Some(phone) = self.phones.get_mut(token) {
            phone.seen = now;
            return Sender::Phone(token.to_string());
        }
        let Some(pending) = self.pending.remove(token) else {
            return Sender::Stranger { cookie: true };
        };
        if now.saturating_duration_since(pending.issued) > PENDING_LIFE {
            return Sender::Stranger { cookie: true };
        }
        if self.phones.len() >= MAX_PHONES {
            match self.make_room(now) {
                Some(gone) => events.push(PhoneEvent::Left(gone)),
                None => {
                    // Kept, so the phone gets in once a place is free.
                    self.pending.insert(token.to_string(), pending);
                    return Sender::Full;
                }
            }
        }
        let number = self.next;
        self.next = self.next.saturating_add(1);
        self.phones.insert(
            token.to_string(),
            Phone {
                number,
                late_for: pending.late_for,
                vote: None,
                votes: 0,
                bucket: Bucket::new(PHONE_RATE, now),
                seen: now,
            },
        );
        events.push(PhoneEvent::Joined { phone: number, late_for: pending.late_for });
        Sender::Phone(token.to_string())
    }

    /// Takes one request from the sender's allowance: its own for a phone, the joining
    /// one for a stranger with the right code (`joining`), the strangers' otherwise.
    pub fn allow(&mut self, sender: &Sender, joining: bool, now: Instant) -> bool {
        match sender {
            Sender::Phone(token) => {
                self.phones.get_mut(token).is_some_and(|p| p.bucket.take(PHONE_RATE, now))
            }
            _ if joining => self.joins.take(JOIN_RATE, now),
            _ => self.strangers.take(STRANGER_RATE, now),
        }
    }

    /// Hands out a new token (pending until it comes back); `open` is the round open now.
    pub fn issue(&mut self, open: Option<u32>, now: Instant) -> String {
        if self.pending.len() >= MAX_PENDING {
            self.pending.retain(|_, p| now.saturating_duration_since(p.issued) <= PENDING_LIFE);
        }
        if self.pending.len() >= MAX_PENDING
            && let Some(oldest) =
                self.pending.iter().min_by_key(|(_, p)| p.issued).map(|(t, _)| t.clone())
        {
            self.pending.remove(&oldest);
        }
        let token = new_token();
        self.pending.insert(token.clone(), Pending { issued: now, late_for: open });
        token
    }

    /// The phone of this token.
    pub fn phone(&self, token: &str) -> Option<&Phone> {
        self.phones.get(token)
    }

    /// Records a phone's vote in a round (the caller checked it may vote).
    pub fn record_vote(&mut self, token: &str, round: u32, option: &str) {
        if let Some(p) = self.phones.get_mut(token) {
            p.vote = Some((round, option.to_string()));
            p.votes += 1;
        }
    }

    /// How many phones there are.
    pub fn len(&self) -> usize {
        self.phones.len()
    }

    /// Forgets every phone and token.
    pub fn clear(&mut self) {
        self.phones.clear();
        self.pending.clear();
    }

    /// Frees a place: the phone that never voted and has been silent longest, if it has
    /// been silent for [`IDLE`]. Returns its number.
    fn make_room(&mut self, now: Instant) -> Option<u32> {
        let token = self
            .phones
            .iter()
            .filter(|(_, p)| p.votes == 0 && now.saturating_duration_since(p.seen) >= IDLE)
            .min_by_key(|(_, p)| p.seen)
            .map(|(t, _)| t.clone())?;
        self.phones.remove(&token).map(|p| p.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(events: &[PhoneEvent]) -> Vec<u32> {
        events
            .iter()
            .filter_map(|e| match e {
                PhoneEvent::Joined { phone, .. } => Some(*phone),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_token_becomes_a_phone_when_it_comes_back_and_only_once() {
        let t0 = Instant::now();
        let mut r = Registry::new(t0);
        let mut events = Vec::new();
        let token = r.issue(None, t0);
        assert_eq!(r.len(), 0, "handing out a token makes no phone");
        assert_eq!(r.recognise(None, t0, &mut events), Sender::Stranger { cookie: false });
        assert_eq!(r.recognise(Some(&token), t0, &mut events), Sender::Phone(token.clone()));
        assert_eq!(r.recognise(Some(&token), t0, &mut events), Sender::Phone(token.clone()));
        assert_eq!(events, vec![PhoneEvent::Joined { phone: 0, late_for: None }]);
        assert_eq!(r.recognise(Some("forged"), t0, &mut events), Sender::Stranger { cookie: true });
        // A token handed out during round 4 votes from the next one.
        let late = r.issue(Some(4), t0);
        r.recognise(Some(&late), t0, &mut events);
        assert_eq!(r.phone(&late).map(|p| (p.number, p.late_for)), Some((1, Some(4))));
    }

    #[test]
    fn cookie_less_reloads_never_make_phones_and_pending_tokens_are_bounded() {
        let t0 = Instant::now();
        let mut r = Registry::new(t0);
        let first = r.issue(None, t0);
        for i in 0..(MAX_PENDING as u64 + 10) {
            r.issue(None, t0 + Duration::from_millis(i + 1));
        }
        assert!(r.pending.len() <= MAX_PENDING);
        assert_eq!(r.len(), 0);
        let mut events = Vec::new();
        assert_eq!(r.recognise(Some(&first), t0, &mut events), Sender::Stranger { cookie: true });
        // And a token that waited too long is no phone either.
        let old = r.issue(None, t0);
        let later = t0 + PENDING_LIFE + Duration::from_secs(1);
        assert_eq!(r.recognise(Some(&old), later, &mut events), Sender::Stranger { cookie: true });
        assert!(events.is_empty());
    }

    #[test]
    fn a_full_session_frees_the_place_of_a_silent_phone_that_never_voted() {
        let t0 = Instant::now();
        let mut r = Registry::new(t0);
        let mut events = Vec::new();
        let tokens: Vec<String> = (0..MAX_PHONES)
            .map(|_| {
                let t = r.issue(None, t0);
                r.recognise(Some(&t), t0, &mut events);
                t
            })
            .collect();
        assert_eq!(r.len(), MAX_PHONES);
        // Everyone voted except phone 7 and phone 9; phone 9 was heard from later.
        for (i, t) in tokens.iter().enumerate() {
            if i != 7 && i != 9 {
                r.record_vote(t, 0, "a");
            }
        }
        let soon = t0 + Duration::from_secs(10);
        r.recognise(Some(&tokens[9]), t0 + Duration::from_secs(5), &mut events);
        let newcomer = r.issue(None, soon);
        events.clear();
        assert_eq!(
            r.recognise(Some(&newcomer), soon, &mut events),
            Sender::Full,
            "not silent long"
        );
        let later = t0 + IDLE + Duration::from_secs(2);
        assert_eq!(
            r.recognise(Some(&newcomer), later, &mut events),
            Sender::Phone(newcomer.clone())
        );
        assert_eq!(events[0], PhoneEvent::Left(7), "the longest silent non-voter goes");
        assert_eq!(joined(&events), vec![MAX_PHONES as u32], "numbers are never reused");
        let another = r.issue(None, later);
        let much_later = later + IDLE * 2;
        events.clear();
        r.recognise(Some(&another), much_later, &mut events);
        assert_eq!(events[0], PhoneEvent::Left(9));
    }

    #[test]
    fn joins_and_strangers_have_their_own_allowances() {
        let t0 = Instant::now();
        let mut r = Registry::new(t0);
        let stranger = Sender::Stranger { cookie: false };
        while r.allow(&stranger, false, t0) {}
        assert!(r.allow(&stranger, true, t0), "wrong codes do not use up the joins");
        while r.allow(&stranger, true, t0) {}
        let mut events = Vec::new();
        let t = r.issue(None, t0);
        let phone = r.recognise(Some(&t), t0, &mut events);
        assert!(r.allow(&phone, true, t0), "a phone has its own allowance");
    }
}
