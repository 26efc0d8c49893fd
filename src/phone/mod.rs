//! *Eigen telefoon*: during a session, a small web server on the laptop's local network
//! address serves one page to the participants' phones, and their votes come back to the
//! trainer as events. No internet, no accounts, nothing loaded from outside; the votes never
//! leave the laptop. Knows nothing of the terminal: the trainer publishes what the phones
//! should show ([`Board`]) and receives [`PhoneEvent`]s.
//!
//! What a phone is to this server: a random token in a cookie (from the operating system's
//! randomness), held in memory and mapped to a small number for the session. Never an IP
//! address (the peer address of a connection is dropped unread), never a name, and nothing
//! about phones is written anywhere.

mod http;
mod limit;
mod net;
mod page;
mod qr;
mod server;

use std::collections::BTreeSet;

pub use http::{MAX_BODY, MAX_HEAD};
pub use net::{
    AddressKind, Candidate, InterfaceAddr, candidates, default_listen, lan_address, rank,
};
pub use page::security_policy;
pub use qr::QrMatrix;
pub use server::{MAX_PHONES, PhoneServer};

/// What the phones show, as the trainer publishes it whenever it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Board {
    /// Connected; no vote is open.
    Waiting,
    /// A round is open.
    Vote {
        /// The round's key ([`crate::session::Session::round_key`]), sent back with a vote.
        round: u32,
        /// The phones that joined before the round opened: only they may vote in it.
        eligible: BTreeSet<u32>,
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
    /// A phone opened the page for the first time; it has this number for the session.
    Joined(u32),
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
