//! The trainer's state for an intervisie session: the set-up form and the running session
//! around the domain's [`Session`], plus what only the screen knows — names (never written
//! anywhere), the votes' pool ids (in memory only, so the seat behind a pool record is
//! never on disk), the timer, the material on screen, the notes editor.

use std::path::PathBuf;

use ratatui_textarea::{TextArea, WrapMode};

use crate::phone::{Board, Candidate};
use crate::session::{Method, PoolIds, Session, StageKind, VoteMode};
use crate::tui::action::Panel;

/// Rows of the set-up form: the fields, the agenda's dilemmas, the start button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupRow {
    /// The pack.
    Pack,
    /// A dilemma of the pack, by index.
    Dilemma(usize),
    /// Number of participants.
    Participants,
    /// Optional first names.
    Names,
    /// Voting mode.
    Mode,
    /// The address phones join on (*eigen telefoon* only): the one the QR code will use.
    Address,
    /// Method.
    Method,
    /// The start button.
    Start,
}

/// The set-up form.
#[derive(Debug, Clone)]
pub struct SetupState {
    /// Index into `App::packs`.
    pub pack: usize,
    /// Dilemma indices on the agenda, in the order they were ticked.
    pub agenda: Vec<usize>,
    /// Focused row.
    pub row: usize,
    /// Participants, 2–30.
    pub participants: usize,
    /// Names, comma-separated; screen only.
    pub names: TextArea<'static>,
    /// Voting mode.
    pub mode: VoteMode,
    /// Method.
    pub method: Method,
    /// The laptop's addresses phones could join on, best first, once looked up (an effect:
    /// it asks the operating system); `None` before *eigen telefoon* was first chosen.
    pub addresses: Option<Vec<Candidate>>,
    /// Index into `addresses`: the one the facilitator picked (the best to begin with).
    pub address: usize,
    /// Why the session cannot start yet.
    pub error: bool,
}

impl SetupState {
    /// A fresh form for a pack.
    pub fn new(pack: usize) -> Self {
        let mut names = TextArea::default();
        names.set_wrap_mode(WrapMode::None);
        SetupState {
            pack,
            agenda: Vec::new(),
            row: 0,
            participants: 6,
            names,
            mode: VoteMode::Doorgeven,
            method: Method::Snel,
            addresses: None,
            address: 0,
            error: false,
        }
    }

    /// All rows for a pack with `dilemmas` dilemmas, in the order the cursor moves: the
    /// fields first (always on screen; the phones' address only when phones vote), then the
    /// agenda (its own scrolled pane), then the start button.
    pub fn rows(&self, dilemmas: usize) -> Vec<SetupRow> {
        let mut rows =
            vec![SetupRow::Pack, SetupRow::Participants, SetupRow::Names, SetupRow::Mode];
        if self.mode.on_phones() {
            rows.push(SetupRow::Address);
        }
        rows.push(SetupRow::Method);
        rows.extend((0..dilemmas).map(SetupRow::Dilemma));
        rows.push(SetupRow::Start);
        rows
    }

    /// The address the facilitator picked for the phones, if any was found.
    pub fn picked_address(&self) -> Option<&Candidate> {
        self.addresses.as_ref()?.get(self.address)
    }

    /// How many addresses there are to choose from.
    pub fn address_choices(&self) -> usize {
        self.addresses.as_ref().map_or(0, Vec::len)
    }

    /// The names typed, trimmed, empty ones dropped; at most one per participant.
    pub fn names(&self) -> Vec<String> {
        self.names
            .lines()
            .join(",")
            .split(',')
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .take(self.participants)
            .collect()
    }
}

/// A countdown for a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timer {
    /// Length in seconds.
    pub total: u64,
    /// When it was (re)started, in `App::now` seconds; `None` while paused.
    pub started: Option<u64>,
    /// Seconds run before the last pause.
    pub run: u64,
}

impl Timer {
    /// Seconds left at `now` (0 when time is up).
    pub fn left(&self, now: u64) -> u64 {
        let running = self.started.map_or(0, |s| now.saturating_sub(s));
        self.total.saturating_sub(self.run + running)
    }
}

/// A question over the session screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionConfirm {
    /// Reveal although fewer than three voted.
    FewVoters,
    /// Reveal although the tally does not add up.
    Total(u32, u32),
    /// Take this many connected phones as the number of participants, which is more than
    /// the facilitator entered (*eigen telefoon*): never without asking, so phones that
    /// are not people do not pass unnoticed.
    Participants(usize),
    /// Stop the session.
    Quit,
}

/// The phone connection of an *eigen telefoon* session, as the screen knows it. The
/// phones themselves are numbers in the domain's [`Session::joined`]; their tokens stay in
/// the phone server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhoneStatus {
    /// The join URL, once the server listens.
    pub url: Option<String>,
    /// The join code.
    pub code: Option<String>,
    /// Why the server could not start.
    pub error: Option<String>,
    /// What the phones were last told to show.
    pub published: Option<Board>,
    /// The server was told to stop.
    pub stopped: bool,
}

/// A running session on screen.
#[derive(Debug, Clone)]
pub struct SessionScreen {
    /// The domain state.
    pub session: Session,
    /// Index into `App::packs`.
    pub pack: usize,
    /// Names typed in the set-up: shown on the hand-over screen, nowhere else.
    pub names: Vec<String>,
    /// Random id of this session, from the OS: the name of its own pool file.
    pub id: String,
    /// The pool ids of the revealed votes (a new pseudonym per voter per dilemma) and the
    /// shuffled order they are written in; in memory only, never saved.
    pub pool_ids: PoolIds,
    /// The stage timer.
    pub timer: Option<Timer>,
    /// Material shown in the discussion.
    pub panel: Option<Panel>,
    /// First visible line of the stage text.
    pub scroll: u16,
    /// The notes editor, while writing.
    pub notes: Option<TextArea<'static>>,
    /// Tally: the selected werkwijze position.
    pub tally_cursor: usize,
    /// Choosing whose vote to redo: the selected participant.
    pub redo: Option<usize>,
    /// A question for the facilitator.
    pub confirm: Option<SessionConfirm>,
    /// Where the report was written.
    pub report: Option<PathBuf>,
    /// Why the last save of the report failed.
    pub save_error: Option<String>,
    /// What became of the votes at the last save.
    pub votes: crate::tui::action::SessionVotes,
    /// The session was stopped before the end.
    pub stopped: bool,
    /// The phone connection, in *eigen telefoon* mode.
    pub phones: Option<PhoneStatus>,
    /// How to join (QR code, address, code) fills the screen.
    pub join: bool,
}

impl SessionScreen {
    /// How a participant is called on screen: their name, or "deelnemer 3".
    pub fn voter_name(&self, voter: usize, fallback: impl Fn(usize) -> String) -> String {
        self.names.get(voter).cloned().unwrap_or_else(|| fallback(voter + 1))
    }

    /// Whether the session is over (finished or stopped) and the closing screen shows.
    pub fn ended(&self) -> bool {
        self.session.finished || self.stopped
    }

    /// Whether the current stage is a vote (first or second round).
    pub fn voting(&self) -> bool {
        matches!(self.session.current_stage().kind, StageKind::Vote | StageKind::Revote)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timer_counts_down_pauses_and_stops_at_zero() {
        let mut t = Timer { total: 300, started: Some(10), run: 0 };
        assert_eq!(t.left(10), 300);
        assert_eq!(t.left(70), 240);
        // Paused after 60 s: time stands still.
        t = Timer { started: None, run: 60, ..t };
        assert_eq!(t.left(500), 240);
        t = Timer { started: Some(500), ..t };
        assert_eq!(t.left(800), 0);
    }
}
