//! What a session's report holds, as data: agenda, method, per dilemma the distributions
//! before and after, the material used and the facilitator's notes. Never a name, never a
//! vote per person. The wording and the Markdown live in `crate::i18n` (`session_report`),
//! so this module, like the rest of the domain, holds no interface text.

use std::collections::BTreeMap;

use super::method::Method;
use super::state::{Round, Session, StepNotes, VoteMode};
use crate::pack::Pack;

/// One revealed round: votes cast and the count per werkwijze id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundCounts {
    /// Votes cast.
    pub cast: u32,
    /// Votes per werkwijze id.
    pub counts: BTreeMap<String, u32>,
    /// More votes than participants at the reveal: not added to the pool.
    pub surplus: bool,
}

impl RoundCounts {
    fn of(round: Option<&Round>) -> Option<RoundCounts> {
        let r = round.filter(|r| r.revealed)?;
        Some(RoundCounts { cast: r.ballots.cast(), counts: r.ballots.counts(), surplus: r.surplus })
    }

    /// Votes for a werkwijze.
    pub fn count(&self, option: &str) -> u32 {
        self.counts.get(option).copied().unwrap_or(0)
    }
}

/// One dilemma of the agenda as the report tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportItem {
    /// The dilemma's title (its id when the pack no longer has it).
    pub title: String,
    /// The question, when the pack has the dilemma.
    pub question: Option<String>,
    /// Werkwijzen in the pack's order: id and title.
    pub options: Vec<(String, String)>,
    /// The first vote, if it was revealed.
    pub first: Option<RoundCounts>,
    /// The re-vote, if it was revealed.
    pub second: Option<RoundCounts>,
    /// How many of those who voted twice moved, and how many voted twice (passed round
    /// only, and only once the re-vote was revealed).
    pub moved: Option<(u32, u32)>,
    /// Whether each werkwijze's onderbouwing was on screen.
    pub onderbouwing_shown: bool,
    /// Whether the research notes were on screen.
    pub research_shown: bool,
    /// The intervisie questions, when they were on screen.
    pub questions: Vec<String>,
    /// The facilitator's notes, per step in the order of the steps.
    pub notes: Vec<StepNotes>,
}

/// A session's report, before it is put into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The pack's title.
    pub pack_title: String,
    /// The pack's id.
    pub pack_id: String,
    /// The pack version voted on.
    pub version: u32,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The method.
    pub method: Method,
    /// The voting mode.
    pub mode: VoteMode,
    /// Number of participants.
    pub participants: usize,
    /// Whether the session reached its end (or was stopped midway).
    pub finished: bool,
    /// The agenda, in order.
    pub items: Vec<ReportItem>,
}

impl Report {
    /// The report of `session` on `pack`, dated `date` (`YYYY-MM-DD`).
    pub fn new(session: &Session, pack: &Pack, date: &str) -> Report {
        let items = session
            .items
            .iter()
            .map(|item| {
                let d = pack.dilemma(&item.dilemma);
                let first = RoundCounts::of(item.first.as_ref());
                let second = RoundCounts::of(item.second.as_ref());
                let moved = Session::moved(item).filter(|_| second.is_some());
                ReportItem {
                    title: d.map_or(item.dilemma.clone(), |d| d.title.to_string()),
                    question: d.map(|d| d.question.to_string()),
                    options: d.map_or_else(Vec::new, |d| {
                        d.options
                            .iter()
                            .map(|o| (o.id.value.clone(), o.title.to_string()))
                            .collect()
                    }),
                    first,
                    second,
                    moved,
                    onderbouwing_shown: item.onderbouwing_shown,
                    research_shown: item.research_shown,
                    questions: match d {
                        Some(d) if item.questions_shown => {
                            d.questions.iter().map(|q| q.to_string()).collect()
                        }
                        _ => Vec::new(),
                    },
                    notes: item.notes.clone(),
                }
            })
            .collect();
        Report {
            pack_title: pack.title.to_string(),
            pack_id: pack.id.value.clone(),
            version: session.setup.version,
            date: date.to_string(),
            method: session.setup.method,
            mode: session.setup.mode,
            participants: session.setup.participants,
            finished: session.finished,
            items,
        }
    }
}
