//! The session's side of *eigen telefoon*, pure like the rest of `update`: what the phones
//! should show ([`board`]), the effects that tell the phone server so ([`effects`]), and
//! what arrives from the phones ([`arrived`]): a phone joined, a phone voted, the server
//! listens or could not start. The server itself is the loop's (see `PhoneHost`).

use super::layout;
use super::state::SessionScreen;
use crate::phone::{Ballot, Board, PhoneEvent};
use crate::session::StageKind;
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::effect::{Effect, PhoneEffect};

/// What the phones show for the session as it is now: the ballot while a round is open,
/// "kijk naar het scherm" while a distribution is on screen, waiting otherwise.
pub fn board(app: &App, s: &SessionScreen) -> Board {
    if s.ended() {
        return Board::Ended;
    }
    match s.session.current_stage().kind {
        kind @ (StageKind::Vote | StageKind::Revote) => {
            let Some(round) = s.session.round() else { return Board::Waiting };
            if round.revealed {
                return Board::Look;
            }
            let (Some(key), Some(d)) = (s.session.round_key(), layout::dilemma(app, s)) else {
                return Board::Waiting;
            };
            Board::Vote {
                round: key,
                second: kind == StageKind::Revote,
                ballot: Ballot::from_dilemma(d),
            }
        }
        StageKind::Discuss | StageKind::Compare => Board::Look,
        _ => Board::Waiting,
    }
}

/// The phone effects after an update: a new board when what the phones show changed (once
/// the session is over: "de sessie is afgelopen", while the closing screen is up).
pub fn effects(app: &App, s: &mut SessionScreen) -> Vec<Effect> {
    let board = board(app, s);
    let Some(status) = s.phones.as_mut().filter(|p| !p.stopped) else { return Vec::new() };
    if status.published.as_ref() == Some(&board) {
        return Vec::new();
    }
    status.published = Some(board.clone());
    vec![Effect::Phones(PhoneEffect::Publish(board))]
}

/// The server's stop, when the session's closing screen is left: the server runs for the
/// session only.
pub fn stop(s: &mut SessionScreen) -> Vec<Effect> {
    match s.phones.as_mut().filter(|p| !p.stopped) {
        Some(status) => {
            status.stopped = true;
            vec![Effect::Phones(PhoneEffect::Stop)]
        }
        None => Vec::new(),
    }
}

/// Something from the phone server, applied to the running session wherever it is on the
/// stack (an overlay may be open). A vote counts only for a werkwijze of the dilemma on
/// screen, in the round open now, from a phone whose page was opened before it opened;
/// anything else is dropped (the phone's page catches up on its next poll).
pub fn arrived(app: &mut App, action: Action) {
    let packs = &app.packs;
    let Some(s) = app.stack.iter_mut().rev().find_map(|screen| match screen {
        Screen::Session(s) if s.phones.is_some() && !s.ended() => Some(s),
        _ => None,
    }) else {
        return;
    };
    match action {
        Action::Phone(PhoneEvent::Joined { phone, late_for }) => {
            s.session.join(phone, late_for);
        }
        Action::Phone(PhoneEvent::Left(phone)) => s.session.leave(phone),
        Action::Phone(PhoneEvent::Voted { phone, round, option }) => {
            let known = packs
                .get(s.pack)
                .and_then(|p| p.dilemma(&s.session.current().dilemma))
                .is_some_and(|d| d.options.iter().any(|o| o.id.value == option));
            if known {
                let _ = s.session.phone_vote(phone, round, &option);
            }
        }
        Action::PhonesReady { url, code } => {
            if let Some(p) = s.phones.as_mut() {
                p.url = Some(url);
                p.code = Some(code);
                p.error = None;
            }
        }
        Action::PhonesFailed(reason) => {
            if let Some(p) = s.phones.as_mut() {
                p.error = Some(reason);
            }
        }
        _ => {}
    }
}
