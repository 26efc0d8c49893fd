//! A session's votes as pool records, so they count in colleagues' spiegels later. Each
//! participant gets a pseudonym for this session only; names never reach the pool. With
//! tallied votes nobody's first and second vote can be paired, so only first votes go in.

use super::state::{Ballots, Session, VoteMode};
use crate::store::PoolRecord;

/// Pool records of every revealed first round, with the re-vote as revision.
/// `pseudonyms` has one random id per participant for this session, `session_id` is random
/// per session (record ids derive from it), `date` is `YYYY-MM-DD`.
pub fn pool_records(
    session: &Session,
    session_id: &str,
    pseudonyms: &[String],
    date: &str,
) -> Vec<PoolRecord> {
    let mut out = Vec::new();
    for (i, item) in session.items.iter().enumerate() {
        let Some(first) = item.first.as_ref().filter(|r| r.revealed) else { continue };
        let second = item.second.as_ref().filter(|r| r.revealed);
        let record = |k: usize, first: &str, revised: Option<&String>| PoolRecord {
            rid: derive(session_id, i, k),
            pack: session.setup.pack.clone(),
            v: session.setup.version,
            dilemma: item.dilemma.clone(),
            first: first.to_string(),
            revised: revised.filter(|r| r.as_str() != first).cloned(),
            p: pseudonyms.get(k).cloned().unwrap_or_else(|| derive(session_id, 999, k)),
            date: date.to_string(),
            reasoning: None,
        };
        match (&first.ballots, session.setup.mode) {
            (Ballots::PerVoter { votes, .. }, VoteMode::Doorgeven) => {
                let again = match second.map(|r| &r.ballots) {
                    Some(Ballots::PerVoter { votes, .. }) => Some(votes),
                    _ => None,
                };
                for (k, vote) in votes.iter().enumerate() {
                    if let Some(v) = vote {
                        let revised = again.and_then(|a| a[k].as_ref());
                        out.push(record(k, v, revised));
                    }
                }
            }
            (ballots, _) => {
                let mut k = 0;
                for (option, n) in ballots.counts() {
                    for _ in 0..n {
                        out.push(record(k, &option, None));
                        k += 1;
                    }
                }
            }
        }
    }
    out
}

/// A stable 16-hex id from the session id, agenda item and participant.
fn derive(session_id: &str, item: usize, participant: usize) -> String {
    let key = format!("{session_id}/{item}/{participant}");
    let h = key
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{h:016x}")
}
