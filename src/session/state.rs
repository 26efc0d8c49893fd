//! The intervisie session as a state machine, with no terminal and no disk: the agenda,
//! the stages of the method, hidden votes (passed round, tallied or from phones), the
//! facilitator's reveal, the re-vote and the notes. Names typed in a session never enter
//! this state: participants are numbers here, and phones are numbers the phone server gave
//! them (never an address, never a name).

use std::collections::{BTreeMap, BTreeSet};

use super::method::{Method, Stage, StageKind, stages};
pub use super::mode::VoteMode;

/// What the facilitator chose in the set-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    /// Pack id.
    pub pack: String,
    /// Pack version.
    pub version: u32,
    /// Dilemma ids, in the order they are discussed.
    pub agenda: Vec<String>,
    /// Number of participants, 2–30.
    pub participants: usize,
    /// Voting mode.
    pub mode: VoteMode,
    /// Method.
    pub method: Method,
}

/// Fewest and most participants a session allows.
pub const PARTICIPANTS: std::ops::RangeInclusive<usize> = 2..=30;
/// Below this many voters a reveal may expose individual votes.
pub const FEW_VOTERS: u32 = 3;

/// The votes of one round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ballots {
    /// One entry per participant: their werkwijze id, or `None` (not yet, or skipped).
    PerVoter { votes: Vec<Option<String>>, skipped: Vec<bool> },
    /// Counts per werkwijze id.
    Tally(BTreeMap<String, u32>),
    /// Votes from phones, by the phone's number in this session. Only the phones that had
    /// joined when the round opened may vote in it; a later vote replaces an earlier one.
    Phones {
        /// The phones that may vote in this round.
        eligible: BTreeSet<u32>,
        /// Each phone's werkwijze id.
        votes: BTreeMap<u32, String>,
    },
}

impl Ballots {
    /// Votes per werkwijze id.
    pub fn counts(&self) -> BTreeMap<String, u32> {
        match self {
            Ballots::PerVoter { votes, .. } => {
                let mut counts = BTreeMap::new();
                for v in votes.iter().flatten() {
                    *counts.entry(v.clone()).or_insert(0) += 1;
                }
                counts
            }
            Ballots::Tally(t) => t.clone(),
            Ballots::Phones { votes, .. } => {
                let mut counts = BTreeMap::new();
                for v in votes.values() {
                    *counts.entry(v.clone()).or_insert(0) += 1;
                }
                counts
            }
        }
    }

    /// Each voter's vote by a key that stays the same across the two rounds of a dilemma
    /// (the seat, or the phone's number), so a re-vote can be paired with the first vote;
    /// `None` for counted votes, which belong to nobody.
    pub fn by_voter(&self) -> Option<BTreeMap<usize, &str>> {
        match self {
            Ballots::PerVoter { votes, .. } => Some(
                votes
                    .iter()
                    .enumerate()
                    .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
                    .collect(),
            ),
            Ballots::Tally(_) => None,
            Ballots::Phones { votes, .. } => {
                Some(votes.iter().map(|(&k, v)| (k as usize, v.as_str())).collect())
            }
        }
    }

    /// How many votes were cast.
    pub fn cast(&self) -> u32 {
        self.counts().values().sum()
    }
}

/// A round of voting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// The votes.
    pub ballots: Ballots,
    /// Whether the facilitator revealed the distribution.
    pub revealed: bool,
    /// More votes than participants when it was revealed (a miscount, or phones that are
    /// not people): the round is shown and reported, but never reaches the pool.
    pub surplus: bool,
}

/// One dilemma of the agenda, as the session went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Dilemma id.
    pub dilemma: String,
    /// First vote.
    pub first: Option<Round>,
    /// Re-vote.
    pub second: Option<Round>,
    /// The facilitator's notes, per step of the method in the order of the steps (only
    /// steps with notes): conclusions apart from the evaluation, each labelled.
    pub notes: Vec<StepNotes>,
    /// Whether the intervisie questions were put on screen.
    pub questions_shown: bool,
    /// Whether the research notes were put on screen.
    pub research_shown: bool,
    /// Whether the werkwijzen's onderbouwing was put on screen.
    pub onderbouwing_shown: bool,
}

/// The notes the facilitator wrote during one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepNotes {
    /// The step.
    pub stage: StageKind,
    /// What was written, trimmed at the end.
    pub text: String,
}

impl Item {
    /// The notes written during `stage` (empty when none).
    pub fn notes_of(&self, stage: StageKind) -> &str {
        self.notes.iter().find(|n| n.stage == stage).map_or("", |n| n.text.as_str())
    }

    /// Whether any step of this dilemma has notes.
    pub fn has_notes(&self) -> bool {
        !self.notes.is_empty()
    }
}

/// The phones of an *eigen telefoon* session as the shared screen shows them: "7
/// telefoons · 4 stemmen" beside the participants the facilitator entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhoneCount {
    /// Phones that may vote in the open round; outside a round, every phone connected.
    pub phones: usize,
    /// Votes in the open round.
    pub votes: usize,
    /// Phones that arrived while the round was open: they vote from the next one.
    pub waiting: usize,
    /// Participants the facilitator entered.
    pub expected: usize,
}

impl PhoneCount {
    /// More phones (or votes) than people: someone may have opened the page on several
    /// devices or in private windows. Shown as a warning before the reveal; such a round
    /// never reaches the pool.
    pub fn too_many(&self) -> bool {
        self.phones > self.expected || self.votes > self.expected
    }
}

/// Who is voting now, in *doorgeven*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turn {
    /// Participant index (0-based).
    pub voter: usize,
    /// The neutral hand-over screen is shown; the vote screen comes after Enter.
    pub handover: bool,
}

/// Something the facilitator must confirm or fix first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    /// Not every participant voted or was skipped.
    #[error("voting is not complete")]
    VotingIncomplete,
    /// Fewer than three votes: individual votes may be recognisable.
    #[error("only {0} votes")]
    FewVoters(u32),
    /// Tallied votes do not add up to the number of participants.
    #[error("{total} votes for {expected} participants")]
    TotalMismatch {
        /// Votes entered.
        total: u32,
        /// Participants.
        expected: u32,
    },
    /// Not possible in this stage.
    #[error("not possible now")]
    NotNow,
    /// No such werkwijze or participant.
    #[error("no such choice")]
    NoSuchChoice,
    /// A phone that joined after the round opened: it votes from the next round on.
    #[error("joined after the round opened")]
    NotEligible,
    /// A vote for a round that is not open (an old page, a re-vote not yet begun).
    #[error("that round is not open")]
    WrongRound,
}

/// A running session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The set-up.
    pub setup: Setup,
    /// The method's stages, the same for every dilemma.
    pub stages: Vec<Stage>,
    /// Per agenda item.
    pub items: Vec<Item>,
    /// Current agenda item.
    pub item: usize,
    /// Current stage.
    pub stage: usize,
    /// Current voter, while voting in *doorgeven*.
    pub turn: Option<Turn>,
    /// The session reached its end.
    pub finished: bool,
    /// The phones that joined (*eigen telefoon*), by the number the phone server gave
    /// them; in memory only.
    pub joined: BTreeSet<u32>,
}

impl Session {
    /// Starts a session at the first stage of the first dilemma.
    pub fn new(setup: Setup) -> Self {
        let items = setup
            .agenda
            .iter()
            .map(|d| Item {
                dilemma: d.clone(),
                first: None,
                second: None,
                notes: Vec::new(),
                questions_shown: false,
                research_shown: false,
                onderbouwing_shown: false,
            })
            .collect();
        let stages = stages(setup.method);
        let mut s = Session {
            setup,
            stages,
            items,
            item: 0,
            stage: 0,
            turn: None,
            finished: false,
            joined: BTreeSet::new(),
        };
        s.enter_stage();
        s
    }

    /// The current stage.
    pub fn current_stage(&self) -> Stage {
        self.stages[self.stage]
    }

    /// The current agenda item.
    pub fn current(&self) -> &Item {
        &self.items[self.item]
    }

    fn current_mut(&mut self) -> &mut Item {
        &mut self.items[self.item]
    }

    /// The round being voted on or shown in this stage, if any.
    pub fn round(&self) -> Option<&Round> {
        match self.current_stage().kind {
            StageKind::Vote | StageKind::Discuss => self.current().first.as_ref(),
            StageKind::Revote | StageKind::Compare => self.current().second.as_ref(),
            _ => None,
        }
    }

    fn round_mut(&mut self) -> Option<&mut Round> {
        match self.current_stage().kind {
            StageKind::Vote => self.current_mut().first.as_mut(),
            StageKind::Revote => self.current_mut().second.as_mut(),
            _ => None,
        }
    }

    fn new_round(&self) -> Round {
        Round {
            ballots: self.setup.mode.ballots(self.setup.participants, &self.joined),
            revealed: false,
            surplus: false,
        }
    }

    /// Sets up a stage on entry: a voting stage gets a fresh round and the first voter.
    fn enter_stage(&mut self) {
        self.turn = None;
        match self.current_stage().kind {
            StageKind::Vote if self.current().first.is_none() => {
                let round = self.new_round();
                self.current_mut().first = Some(round);
            }
            StageKind::Revote if self.current().second.is_none() => {
                let round = self.new_round();
                self.current_mut().second = Some(round);
            }
            _ => {}
        }
        if matches!(self.current_stage().kind, StageKind::Vote | StageKind::Revote) {
            self.turn = self.next_voter().map(|voter| Turn { voter, handover: true });
        }
    }

    /// The next participant who has neither voted nor been skipped.
    fn next_voter(&self) -> Option<usize> {
        match &self.round()?.ballots {
            Ballots::PerVoter { votes, skipped } => {
                (0..votes.len()).find(|&i| votes[i].is_none() && !skipped[i])
            }
            Ballots::Tally(_) | Ballots::Phones { .. } => None,
        }
    }

    /// Moves to the next stage, the next dilemma, or the end. A voting stage cannot be
    /// left before its votes are revealed.
    pub fn advance(&mut self) -> Result<(), SessionError> {
        if let Some(round) = self.round_voting()
            && !round.revealed
        {
            return Err(SessionError::NotNow);
        }
        if self.stage + 1 < self.stages.len() {
            self.stage += 1;
        } else if self.item + 1 < self.items.len() {
            self.item += 1;
            self.stage = 0;
        } else {
            self.finished = true;
            self.turn = None;
            return Ok(());
        }
        self.enter_stage();
        Ok(())
    }

    /// Skips the current stage; a voting stage is skipped without votes.
    pub fn skip_stage(&mut self) -> Result<(), SessionError> {
        match self.current_stage().kind {
            StageKind::Vote => self.current_mut().first = None,
            StageKind::Revote => self.current_mut().second = None,
            _ => {}
        }
        self.turn = None;
        // Leaving a voting stage without a round is allowed; skip past it.
        let voting = matches!(self.current_stage().kind, StageKind::Vote | StageKind::Revote);
        if voting {
            if self.stage + 1 < self.stages.len() {
                self.stage += 1;
                self.enter_stage();
                return Ok(());
            }
            return self.next_item_or_end();
        }
        self.advance()
    }

    fn next_item_or_end(&mut self) -> Result<(), SessionError> {
        if self.item + 1 < self.items.len() {
            self.item += 1;
            self.stage = 0;
            self.enter_stage();
        } else {
            self.finished = true;
        }
        Ok(())
    }

    /// The round of the current voting stage.
    fn round_voting(&self) -> Option<&Round> {
        match self.current_stage().kind {
            StageKind::Vote => self.current().first.as_ref(),
            StageKind::Revote => self.current().second.as_ref(),
            _ => None,
        }
    }

    /// The voter on the hand-over screen is ready: show them the vote screen.
    pub fn voter_ready(&mut self) -> Result<(), SessionError> {
        match &mut self.turn {
            Some(t) if t.handover => {
                t.handover = false;
                Ok(())
            }
            _ => Err(SessionError::NotNow),
        }
    }

    /// The current voter votes for a werkwijze; the next voter's hand-over screen follows.
    pub fn cast(&mut self, option: &str) -> Result<(), SessionError> {
        let Some(Turn { voter, handover: false }) = self.turn else {
            return Err(SessionError::NotNow);
        };
        let Some(Round { ballots: Ballots::PerVoter { votes, .. }, revealed: false, .. }) =
            self.round_mut()
        else {
            return Err(SessionError::NotNow);
        };
        votes[voter] = Some(option.to_string());
        self.turn = self.next_voter().map(|voter| Turn { voter, handover: true });
        Ok(())
    }

    /// The voter on the ballot goes back to the neutral hand-over screen without voting
    /// (they pressed Enter by mistake, or someone else is at the keyboard).
    pub fn back_to_handover(&mut self) -> Result<(), SessionError> {
        match &mut self.turn {
            Some(t) if !t.handover => {
                t.handover = true;
                Ok(())
            }
            _ => Err(SessionError::NotNow),
        }
    }

    /// Skips the current voter (absent, or does not want to vote).
    pub fn skip_voter(&mut self) -> Result<(), SessionError> {
        let Some(Turn { voter, .. }) = self.turn else { return Err(SessionError::NotNow) };
        let Some(Round { ballots: Ballots::PerVoter { skipped, .. }, revealed: false, .. }) =
            self.round_mut()
        else {
            return Err(SessionError::NotNow);
        };
        skipped[voter] = true;
        self.turn = self.next_voter().map(|voter| Turn { voter, handover: true });
        Ok(())
    }

    /// Clears a participant's vote (or skip) before the reveal, so they can vote again.
    pub fn redo(&mut self, voter: usize) -> Result<(), SessionError> {
        let Some(Round { ballots: Ballots::PerVoter { votes, skipped }, revealed: false, .. }) =
            self.round_mut()
        else {
            return Err(SessionError::NotNow);
        };
        if voter >= votes.len() {
            return Err(SessionError::NoSuchChoice);
        }
        votes[voter] = None;
        skipped[voter] = false;
        self.turn = Some(Turn { voter, handover: true });
        Ok(())
    }

    /// Sets the tallied count of a werkwijze (*telling*).
    pub fn set_count(&mut self, option: &str, count: u32) -> Result<(), SessionError> {
        let Some(Round { ballots: Ballots::Tally(t), revealed: false, .. }) = self.round_mut()
        else {
            return Err(SessionError::NotNow);
        };
        if count == 0 {
            t.remove(option);
        } else {
            t.insert(option.to_string(), count);
        }
        Ok(())
    }

    /// "4 van 6 gestemd": votes cast (or entered) and participants.
    pub fn progress(&self) -> (u32, u32) {
        let cast = self.round_voting().map_or(0, |r| r.ballots.cast());
        (cast, self.setup.participants as u32)
    }

    /// How many participants were skipped in the round being voted on.
    pub fn skipped(&self) -> u32 {
        match self.round_voting().map(|r| &r.ballots) {
            Some(Ballots::PerVoter { skipped, .. }) => {
                skipped.iter().filter(|&&s| s).count() as u32
            }
            _ => 0,
        }
    }

    /// Whether every participant has voted or been skipped.
    pub fn voting_complete(&self) -> bool {
        self.round_voting().is_some() && self.turn.is_none()
    }

    /// Shows the distribution. Refused while voters are still to come; with fewer than
    /// three votes, or a tally that does not add up, only when `confirmed`.
    pub fn reveal(&mut self, confirmed: bool) -> Result<(), SessionError> {
        let Some(round) = self.round_voting() else { return Err(SessionError::NotNow) };
        if round.revealed {
            return Err(SessionError::NotNow);
        }
        let cast = round.ballots.cast();
        let expected = self.setup.participants as u32;
        if self.turn.is_some() {
            return Err(SessionError::VotingIncomplete);
        }
        if self.setup.mode.may_miscount() && cast != expected && !confirmed {
            return Err(SessionError::TotalMismatch { total: cast, expected });
        }
        if cast < FEW_VOTERS && !confirmed {
            return Err(SessionError::FewVoters(cast));
        }
        if let Some(round) = self.round_mut() {
            round.revealed = true;
            round.surplus = cast > expected;
        }
        Ok(())
    }

    /// The key of the round open for voting now, which a phone sends with its vote so that a
    /// vote from an old page never lands in a later round: two per agenda item (the vote
    /// and the re-vote). `None` outside a voting stage and once the round is revealed.
    pub fn round_key(&self) -> Option<u32> {
        let second = match self.current_stage().kind {
            StageKind::Vote => 0,
            StageKind::Revote => 1,
            _ => return None,
        };
        self.round_voting().filter(|r| !r.revealed)?;
        u32::try_from(self.item * 2 + second).ok()
    }

    /// A phone joined (*eigen telefoon*); returns whether it is new. `late_for` is the round
    /// that was open when its page was first opened: it votes from the next round on. A
    /// phone whose page was opened before the open round began, but which the server
    /// counted only now (it brought its cookie back just now), may vote in it.
    pub fn join(&mut self, phone: u32, late_for: Option<u32>) -> bool {
        let open = self.round_key();
        if open.is_some()
            && open != late_for
            && let Some(Round {
                ballots: Ballots::Phones { eligible, .. }, revealed: false, ..
            }) = self.round_mut()
        {
            eligible.insert(phone);
        }
        self.joined.insert(phone)
    }

    /// A phone that never voted gave its place up (the server was full): it no longer
    /// counts as connected, nor as a phone that may vote in the open round.
    pub fn leave(&mut self, phone: u32) {
        self.joined.remove(&phone);
        if let Some(Round { ballots: Ballots::Phones { eligible, votes }, revealed: false, .. }) =
            self.round_mut()
            && !votes.contains_key(&phone)
        {
            eligible.remove(&phone);
        }
    }

    /// The phones as the shared screen counts them (*eigen telefoon*): in a voting stage
    /// the phones that may vote in its round, otherwise every phone connected.
    pub fn phone_count(&self) -> PhoneCount {
        let expected = self.setup.participants;
        match self.round_voting().map(|r| &r.ballots) {
            Some(Ballots::Phones { eligible, votes }) => PhoneCount {
                phones: eligible.len(),
                votes: votes.len(),
                waiting: self.joined.difference(eligible).count(),
                expected,
            },
            _ => PhoneCount { phones: self.joined.len(), votes: 0, waiting: 0, expected },
        }
    }

    /// A phone's vote for a werkwijze in the round with key `round` (see
    /// [`Session::round_key`]); a later vote of the same phone replaces it until the reveal.
    /// Refused for another round, after the reveal, and from a phone that joined after the
    /// round opened. The caller checks that the werkwijze exists.
    pub fn phone_vote(&mut self, phone: u32, round: u32, option: &str) -> Result<(), SessionError> {
        if self.round_key() != Some(round) {
            return Err(SessionError::WrongRound);
        }
        let Some(Round { ballots: Ballots::Phones { eligible, votes }, revealed: false, .. }) =
            self.round_mut()
        else {
            return Err(SessionError::NotNow);
        };
        if !eligible.contains(&phone) {
            return Err(SessionError::NotEligible);
        }
        votes.insert(phone, option.to_string());
        Ok(())
    }

    /// Sets the number of participants that "4 van 6 gestemd" counts against, within
    /// [`PARTICIPANTS`]; only where the mode lets it change while the session runs.
    pub fn set_participants(&mut self, n: usize) -> Result<(), SessionError> {
        if !self.setup.mode.participants_adjustable() || self.finished {
            return Err(SessionError::NotNow);
        }
        self.setup.participants = n.clamp(*PARTICIPANTS.start(), *PARTICIPANTS.end());
        Ok(())
    }

    /// Marks which discussion material went on screen (for the report).
    pub fn show_material(&mut self, questions: bool, research: bool, onderbouwing: bool) {
        let item = self.current_mut();
        item.questions_shown |= questions;
        item.research_shown |= research;
        item.onderbouwing_shown |= onderbouwing;
    }

    /// Replaces the facilitator's notes of the current step; empty notes remove it.
    pub fn set_notes(&mut self, notes: &str) {
        let stage = self.current_stage().kind;
        let order: Vec<StageKind> = self.stages.iter().map(|s| s.kind).collect();
        let position = |k: StageKind| order.iter().position(|&o| o == k).unwrap_or(usize::MAX);
        let text = notes.trim_end().to_string();
        let item = self.current_mut();
        item.notes.retain(|n| n.stage != stage);
        if !text.trim().is_empty() {
            item.notes.push(StepNotes { stage, text });
            item.notes.sort_by_key(|n| position(n.stage));
        }
    }

    /// How many participants voted differently in the re-vote than in the first vote
    /// (only known when each vote belongs to a voter: passed round or on phones), and how
    /// many voted in both.
    pub fn moved(item: &Item) -> Option<(u32, u32)> {
        let (Some(a), Some(b)) = (&item.first, &item.second) else { return None };
        let (va, vb) = (a.ballots.by_voter()?, b.ballots.by_voter()?);
        let both: Vec<(&str, &str)> =
            va.iter().filter_map(|(k, x)| Some((*x, *vb.get(k)?))).collect();
        let moved = both.iter().filter(|(x, y)| x != y).count() as u32;
        Some((moved, both.len() as u32))
    }
}
