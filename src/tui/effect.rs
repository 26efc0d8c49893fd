//! What `update` asks the loop to do: the only place the trainer touches the disk.

/// An answer as the trainer hands it over; the loop adds id and time, writes it to the
/// journal and the pool, and reports back with [`crate::tui::Action::AnswerSaved`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Pack id.
    pub pack: String,
    /// Pack version.
    pub pack_version: u32,
    /// Dilemma id.
    pub dilemma: String,
    /// Chosen werkwijze id.
    pub choice: String,
    /// Reasoning text.
    pub reasoning: String,
    /// Confidence 1–5.
    pub confidence: Option<u8>,
    /// Share reasoning anonymously.
    pub share: bool,
}

/// A side effect for the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write a new answer.
    SaveAnswer(Draft),
    /// Write a revision of an answer.
    SaveRevision {
        /// Id of the answer revised.
        answer_id: String,
        /// The new werkwijze id.
        choice: String,
    },
}
