//! Everything that can happen to the trainer: keys (already interpreted) and the results
//! of effects the loop performed.

use ratatui::crossterm::event::KeyEvent;

use crate::store::{NewAnswer, PoolRecord, Tally};

/// Discussion material the facilitator can put on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// Each werkwijze's onderbouwing.
    Onderbouwing,
    /// The research notes.
    Research,
    /// The intervisie questions.
    Questions,
}

/// What became of a session's votes at a save (the save path's
/// [`crate::practice::SessionVotes`]).
pub use crate::practice::SessionVotes;

/// One step of input for [`crate::tui::update::update`].
#[derive(Debug, Clone)]
pub enum Action {
    /// Move the selection or scroll up one line.
    Up,
    /// Move down one line.
    Down,
    /// Scroll a page up.
    PageUp,
    /// Scroll a page down.
    PageDown,
    /// To the top.
    First,
    /// To the bottom.
    Last,
    /// Left (confidence down).
    Left,
    /// Right (confidence up).
    Right,
    /// Choose or open what is selected.
    Enter,
    /// Go back one screen.
    Back,
    /// Quit (asks first if typed text would be lost).
    Quit,
    /// Open the help overlay.
    Help,
    /// Pick by number (1-based, as shown).
    Pick(u8),
    /// A click on row `n` of a list (0-based): selects it, or opens it when it was selected.
    Select(usize),
    /// Submit the reasoning (Ctrl+S).
    Submit,
    /// Next field in the reasoning screen (Tab).
    NextField,
    /// Previous field (Shift+Tab).
    PrevField,
    /// Toggle the focused switch (space).
    Toggle,
    /// "Verras me".
    Surprise,
    /// Open my answers.
    History,
    /// Open "Mijn ontwikkeling".
    Development,
    /// Open the dilemma of the month.
    Month,
    /// Cycle the theme filter.
    Theme,
    /// Open a dilemma of a theme not practised yet (Mijn ontwikkeling).
    PracticeNew,
    /// Start revising the choice in the spiegel.
    Revise,
    /// Next dilemma from the spiegel.
    Next,
    /// Open the spiegel of the answer shown.
    OpenSpiegel,
    /// A key for the text editor.
    Edit(KeyEvent),
    /// Text pasted into the editor.
    Paste(String),
    /// Yes, in a confirmation.
    Yes,
    /// No, in a confirmation.
    No,
    /// Close the help overlay.
    CloseOverlay,
    /// The mouse wheel turned up.
    ScrollUp,
    /// The mouse wheel turned down.
    ScrollDown,
    /// Skip (a voter in a session).
    Skip,
    /// Let a participant vote again (session).
    Redo,
    /// Start or pause the stage timer (session).
    Timer,
    /// Show or hide discussion material (session).
    Panel(Panel),
    /// Write the facilitator's notes (session).
    EditNotes,
    /// Skip the current step of the method (session).
    SkipStage,
    /// Delete the last typed digit (session tally).
    Delete,
    /// Open the intervisie set-up.
    StartSession,
    /// Show or hide how phones join: the QR code, the address and the code (session).
    ShowJoin,
    /// Take the number of connected phones as the number of participants (session).
    TakeJoined,
    /// Switch projector mode on or off (session).
    ToggleBeamer,
    /// Something happened on a phone (*eigen telefoon*): arrives from the phone server.
    Phone(crate::phone::PhoneEvent),
    /// The phone server listens: the join URL and code.
    PhonesReady {
        /// `http://ADDR:PORT/j/CODE`.
        url: String,
        /// The join code.
        code: String,
    },
    /// The phone server could not start: why, in the person's language.
    PhonesFailed(String),
    /// The laptop's addresses phones could join on, best first (answers
    /// [`crate::tui::effect::PhoneEffect::FindAddresses`]).
    AddressesFound(Vec<crate::phone::Candidate>),
    /// Time passes: seconds since the trainer started (drives session timers).
    Tick(u64),
    /// The session's report and pool records were written.
    SessionSaved {
        /// The report file, when it was written.
        path: Option<std::path::PathBuf>,
        /// Why the report could not be written.
        error: Option<String>,
        /// What became of the votes in the pool.
        votes: SessionVotes,
    },
    /// The terminal has a new size.
    Resize(u16, u16),
    /// The answer is on disk (journal); the pool is written next.
    AnswerSaved {
        /// The answer as saved.
        answer: Box<NewAnswer>,
    },
    /// The pool took the record (`record`), or `error` says why it could not; the answer
    /// is in the journal either way and reaches the pool at a later start.
    PoolWritten {
        /// The record written.
        record: Option<PoolRecord>,
        /// Why the pool write failed.
        error: Option<String>,
    },
    /// The answer could not be written; the reasoning stays in the editor.
    SaveFailed(String),
    /// The revision is on disk (journal); the pool is written next.
    RevisionSaved {
        /// The answer revised.
        answer_id: String,
        /// The new werkwijze id.
        choice: String,
        /// When.
        at: String,
    },
    /// Add a record (form editor): to the list under the cursor, or after the record.
    Add,
    /// Remove the record under the cursor (form editor; asks first).
    Remove,
    /// Move the record under the cursor one place up in its list (form editor).
    MoveUp,
    /// Move it one place down (form editor).
    MoveDown,
    /// Save as a copy beside the file instead (form editor).
    SaveCopy,
    /// The form editor's pack is written (`path`); the previous version is kept in
    /// `backup` when one was made now.
    PackSaved {
        /// The file written.
        path: std::path::PathBuf,
        /// Where the previous version was kept.
        backup: Option<std::path::PathBuf>,
    },
    /// `wikken preview` read the file again (after a save).
    PreviewLoaded(Box<crate::pack::Checked>),
    /// The pool finished loading in the background.
    PoolLoaded {
        /// The pool, counted.
        tally: Box<Tally>,
        /// How many damaged lines or files were skipped.
        warnings: usize,
        /// Why the pool cannot be used now (a named folder that is missing), said in the
        /// person's language; answers then stay in the journal.
        unusable: Option<String>,
    },
}

impl Action {
    /// Whether this action answers an effect of the stores (see
    /// [`Effect::is_store`](super::effect::Effect::is_store)): each such effect is answered
    /// by exactly one of these.
    pub fn completes_store_effect(&self) -> bool {
        matches!(
            self,
            Action::AnswerSaved { .. }
                | Action::PoolWritten { .. }
                | Action::RevisionSaved { .. }
                | Action::SessionSaved { .. }
                | Action::SaveFailed(_)
        )
    }
}
