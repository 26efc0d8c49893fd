//! Performs the phone effects of an *eigen telefoon* session for the loop: starts the phone
//! server with the loop's action channel as its event sink, publishes what the phones show,
//! and stops it. Shared by the runtime and the tests, so both drive the real server the
//! same way.

use std::sync::mpsc::Sender;

use super::action::Action;
use super::effect::PhoneEffect;
use crate::phone::{Board, PhoneServer, default_listen};

/// The phone server of the running session, if any.
pub struct PhoneHost {
    server: Option<PhoneServer>,
    /// The last board published, kept for a server that starts after it.
    board: Board,
    tx: Sender<Action>,
}

impl PhoneHost {
    /// No server yet; phones' events will be sent on `tx`.
    pub fn new(tx: Sender<Action>) -> PhoneHost {
        PhoneHost { server: None, board: Board::Waiting, tx }
    }

    /// Performs one effect; starting answers with an action for `update`.
    pub fn perform(&mut self, effect: PhoneEffect) -> Option<Action> {
        match effect {
            PhoneEffect::Start { listen, lang } => {
                // A second start (a new session) begins with new phones and a new code.
                self.server = None;
                let tx = self.tx.clone();
                let addr = listen.unwrap_or_else(default_listen);
                let started = PhoneServer::start(addr, lang, move |event| {
                    // The loop is gone only when the trainer quits; nothing to do then.
                    let _ = tx.send(Action::Phone(event));
                });
                Some(match started {
                    Ok(server) => {
                        server.publish(self.board.clone());
                        let ready = Action::PhonesReady {
                            url: server.url().to_string(),
                            code: server.code().to_string(),
                        };
                        self.server = Some(server);
                        ready
                    }
                    Err(e) => Action::PhonesFailed(lang.session().phone_error(&e.failure())),
                })
            }
            PhoneEffect::FindAddresses => Some(Action::AddressesFound(crate::phone::candidates())),
            PhoneEffect::Publish(board) => {
                if let Some(server) = &self.server {
                    server.publish(board.clone());
                }
                self.board = board;
                None
            }
            PhoneEffect::Stop => {
                if let Some(server) = self.server.take() {
                    server.stop();
                }
                self.board = Board::Waiting;
                None
            }
        }
    }

    /// The running server (for tests that talk to it).
    pub fn server(&self) -> Option<&PhoneServer> {
        self.server.as_ref()
    }
}
