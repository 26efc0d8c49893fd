//! The methods a session follows: *snel* (case → vote → reveal → discuss) and the
//! dilemmamethode of moreel beraad, as stages with an optional timer each. Stage names and
//! instructions are interface texts and live in `crate::i18n`.

/// A discussion method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Case, vote, reveal and discuss, re-vote, notes.
    Snel,
    /// The dilemmamethode of moreel beraad, step by step.
    MoreelBeraad,
}

/// What happens in a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageKind {
    /// The case is presented (for moreel beraad: at its sharpest moment).
    Case,
    /// Clarifying questions about the facts.
    Clarify,
    /// The moral question and the options.
    MoralQuestion,
    /// Values and norms at stake, per option.
    Values,
    /// Everyone chooses (for moreel beraad: with an argument).
    Vote,
    /// The reveal and the conversation about it (moreel beraad: the dialogue).
    Discuss,
    /// Voting again after the discussion.
    Revote,
    /// Before and after side by side.
    Compare,
    /// Conclusions and actions, noted by the facilitator.
    Notes,
    /// How the conversation went.
    Evaluation,
}

/// A stage with its suggested duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stage {
    /// What happens.
    pub kind: StageKind,
    /// Suggested minutes; the facilitator may start a countdown.
    pub minutes: Option<u32>,
}

const fn stage(kind: StageKind, minutes: u32) -> Stage {
    Stage { kind, minutes: if minutes == 0 { None } else { Some(minutes) } }
}

/// The stages of a method, the same for every dilemma on the agenda.
pub fn stages(method: Method) -> Vec<Stage> {
    use StageKind::*;
    match method {
        Method::Snel => vec![
            stage(Case, 3),
            stage(Vote, 0),
            stage(Discuss, 15),
            stage(Revote, 0),
            stage(Compare, 0),
            stage(Notes, 0),
        ],
        Method::MoreelBeraad => vec![
            stage(Case, 5),
            stage(Clarify, 10),
            stage(MoralQuestion, 10),
            stage(Values, 10),
            stage(Vote, 5),
            stage(Discuss, 20),
            stage(Revote, 0),
            stage(Compare, 0),
            stage(Notes, 10),
            stage(Evaluation, 5),
        ],
    }
}
