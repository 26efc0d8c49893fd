//! *Eigen telefoon*: during a session, a small web server on the laptop's local network
//! address serves one page to the participants' phones, and their votes come back to the
//! trainer as events. No internet, no accounts, nothing loaded from outside; the votes never
//! leave the laptop. Knows nothing of the terminal: the trainer publishes what the phones
//! should show ([`Board`]) and receives [`PhoneEvent`]s.
//!
//! What a phone is to this server: a random token in a cookie (from the operating system's
//! randomness), held in memory and mapped to a small number for the session once the
//! browser brings it back (see `registry`). Never a name, and nothing about phones is
//! written anywhere. The peer address of a connection is used only to cap the connections
//! open from one address at once: a key in an in-memory count while a connection from it is
//! open, gone with the last (see `conn`), never stored with a phone, written or logged.

mod conn;
mod http;
mod limit;
mod net;
mod page;
mod qr;
mod registry;
mod server;

use crate::i18n::{PhoneFailure, PhoneText};
use crate::pack::Dilemma;
use crate::store::{hex, os_random};

pub use conn::{MAX_CONNECTIONS, PER_PEER};
pub use http::{MAX_BODY, MAX_HEAD};
pub use net::{
    AddressKind, Candidate, InterfaceAddr, candidates, default_listen, lan_address, rank,
};
pub use page::{PAGE_BUDGET, security_policy};
pub use qr::QrMatrix;
pub use registry::MAX_PHONES;
pub use server::PhoneServer;

/// What the phones show, as the trainer publishes it whenever it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Board {
    /// Connected; no vote is open.
    Waiting,
    /// A round is open. Only phones whose page was first opened before it opened may vote
    /// in it; a later one waits for the next round.
    Vote {
        /// The round's key ([`crate::session::Session::round_key`]), sent back with a vote.
        round: u32,
        /// The re-vote after the discussion ("Tweede ronde" on the phones).
        second: bool,
        /// What the phones show.
        ballot: Ballot,
    },
    /// The distribution is on the shared screen: "kijk naar het scherm".
    Look,
    /// The session is over.
    Ended,
}

/// The dilemma as a phone shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    /// The dilemma's title.
    pub title: String,
    /// Its question.
    pub question: String,
    /// The werkwijzen, in the pack's order (the order of the shared screen).
    pub options: Vec<BallotOption>,
}

impl Ballot {
    /// A dilemma's ballot: its title, question and werkwijzen in the pack's order.
    pub fn from_dilemma(d: &Dilemma) -> Ballot {
        Ballot {
            title: d.title.to_string(),
            question: d.question.to_string(),
            options: d
                .options
                .iter()
                .map(|o| BallotOption {
                    id: o.id.value.clone(),
                    title: o.title.to_string(),
                    text: o.text.to_string(),
                })
                .collect(),
        }
    }

    /// The size in bytes of the largest page a phone can be sent for this ballot, in the
    /// session's language (`wikken check` compares it with [`PAGE_BUDGET`]).
    pub fn page_bytes(&self, text: &PhoneText) -> usize {
        page::ballot_page_bytes(text, self)
    }
}

/// One werkwijze on a phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotOption {
    /// Werkwijze id (what a vote names).
    pub id: String,
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
}

/// What happened on a phone, for the trainer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneEvent {
    /// A browser brought its token back: it is a phone of the session from now on, with
    /// this number. `late_for` is the round that was open when its page was first opened
    /// (it votes from the next one on); `None` when none was.
    Joined {
        /// The phone's number for the session (never reused).
        phone: u32,
        /// The round it arrived during, if any.
        late_for: Option<u32>,
    },
    /// A phone that never voted and had been silent gave its place up to a new one when
    /// the session was full.
    Left(u32),
    /// A phone voted (or changed its vote) in a round.
    Voted {
        /// The phone's number.
        phone: u32,
        /// The round's key.
        round: u32,
        /// The werkwijze id.
        option: String,
    },
}

/// Why the phone server could not start.
#[derive(Debug, thiserror::Error)]
pub enum PhoneError {
    /// The address could not be listened on (taken, not this machine's, not allowed).
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address asked for.
        addr: std::net::SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The join address is too long for a QR code (cannot happen for an IPv4 address).
    #[error("the address is too long for a QR code")]
    QrTooLong,
    /// A thread for the server could not be started.
    #[error("cannot start the server: {0}")]
    Thread(std::io::Error),
}

/// A phone's token: 128 random bits from the operating system.
fn new_token() -> String {
    let mut bytes = [0u8; 16];
    os_random(&mut bytes);
    hex(&bytes)
}

impl PhoneError {
    /// The error as plain data, for the texts in `crate::i18n`.
    pub fn failure(&self) -> PhoneFailure {
        match self {
            PhoneError::Listen { addr, source } => {
                PhoneFailure::Listen { addr: addr.to_string(), reason: source.to_string() }
            }
            PhoneError::QrTooLong => PhoneFailure::QrTooLong,
            PhoneError::Thread(source) => PhoneFailure::Thread(source.to_string()),
        }
    }
}
