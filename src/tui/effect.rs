//! What `update` asks the loop to do: the only place the trainer touches the disk. The
//! stores' effects run in order on the effect worker ([`super::worker`]), never on the
//! thread that draws; each reports back with exactly one action.

/// An answer as the trainer hands it over (the save path's [`crate::practice::Draft`]):
/// the worker adds id and time, writes it to the journal and reports back with
/// [`crate::tui::Action::AnswerSaved`] (the pool comes after, as [`Effect::AddToPool`], so a
/// slow pool never holds up the spiegel).
pub use crate::practice::Draft;

/// A side effect for the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write a new answer to the journal.
    SaveAnswer(Draft),
    /// Add an answer, as it stands now (first choice and any revision), to the pool;
    /// answered with [`crate::tui::Action::PoolWritten`].
    AddToPool(Box<crate::store::Answer>),
    /// Write (or rewrite) a session's report and add its votes to the pool.
    SaveSession {
        /// Random id of the session; also its pool file's name.
        session_id: String,
        /// File name without extension for a new report: date and pack.
        stem: String,
        /// The Markdown report.
        report: String,
        /// The votes as pool records (unchanged ones are not written again).
        records: Vec<crate::store::PoolRecord>,
    },
    /// Write a revision of an answer to the journal.
    SaveRevision {
        /// The answer revised, as it was.
        answer: Box<crate::store::Answer>,
        /// The new werkwijze id.
        choice: String,
    },
    /// Start, update or stop the phone server (*eigen telefoon*).
    Phones(PhoneEffect),
}

impl Effect {
    /// Whether the effect worker performs it (it touches the stores); each such effect is
    /// answered by exactly one action, which is how the screen knows a save is under way.
    pub fn is_store(&self) -> bool {
        !matches!(self, Effect::Phones(_))
    }
}

/// What the loop does with the phone server. Nothing of it touches the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneEffect {
    /// Start listening; the loop answers with [`crate::tui::Action::PhonesReady`] or
    /// [`crate::tui::Action::PhonesFailed`].
    Start {
        /// Where (`--listen`); `None`: the local network address and any free port.
        listen: Option<std::net::SocketAddr>,
        /// The language of the phone page: the session's.
        lang: crate::i18n::Lang,
    },
    /// Look up the laptop's addresses phones could join on (the operating system's list of
    /// network interfaces); the loop answers with [`crate::tui::Action::AddressesFound`].
    FindAddresses,
    /// What the phones show from now on.
    Publish(crate::phone::Board),
    /// Stop the server and forget every phone.
    Stop,
}
